/**
 * Small pure helpers for the sync tests: accounts and versions built by hand (no vault, no
 * crypto), so property tests run thousands of merges in milliseconds.
 */
import type { Account } from '../../../lib/otp/account';
import type { OpenedRecord } from '../../../lib/vault/account-record';

export const DEVICES = ['aaaaaaaaaaaaaaa1', 'bbbbbbbbbbbbbbb2', 'ccccccccccccccc3'] as const;

/** A clock string in the documented form: 12 hex digits of ms, 4 of counter, the device id. */
export const clock = (ms: number, counter: number, device: string): string =>
  `${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${device}`;

export function account(id: string, over: Partial<Account> = {}): Account {
  const hotp = id.startsWith('h');
  const base = {
    id,
    issuer: 'Issuer',
    label: `label of ${id}`,
    secret: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    note: '',
    tags: [],
    pinned: false,
    order: 'a0',
    sites: [],
    recoveryCodes: [],
    createdAt: 1,
    updatedAt: 1,
  };
  return (
    hotp
      ? { ...base, type: 'hotp', algorithm: 'SHA1', digits: 6, counter: 0, ...over }
      : { ...base, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, ...over }
  ) as Account;
}

export const live = (acc: Account, c: string): OpenedRecord => ({ id: acc.id, clock: c, deleted: false, account: acc });
export const trashed = (acc: Account, c: string): OpenedRecord => ({ id: acc.id, clock: c, deleted: true, account: acc });
export const purged = (id: string, c: string): OpenedRecord => ({ id, clock: c, deleted: true, account: undefined });

/** A state as plain data for `toEqual` (secrets as arrays). */
export function snapshot(state: Iterable<OpenedRecord>): unknown[] {
  return [...state]
    .map((r) => ({ ...r, account: r.account ? { ...r.account, secret: Array.from(r.account.secret) } : undefined }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
