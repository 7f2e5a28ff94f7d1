import type { Account } from '../otp/account';

/**
 * A conflict copy kept as an account of its own (docs/vault-format.md §11.4): the same account
 * without its `conflictOf` mark, so it no longer shows as a copy.
 */
export function withoutConflictMark(account: Account): Account {
  const { conflictOf: _mark, ...rest } = account;
  return rest;
}
