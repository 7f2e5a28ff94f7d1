import type { AccountDraft } from '../otp/account';

type Comparable = Pick<AccountDraft, 'secret' | 'issuer'>;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameIssuer = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether `draft` is already among `existing`: the same secret bytes and the same issuer, ignoring
 * case (so re-importing a backup, or importing the same account from two apps, adds it once).
 */
export function isDuplicate(draft: Comparable, existing: readonly Comparable[]): boolean {
  return existing.some((e) => sameIssuer(e.issuer, draft.issuer) && sameBytes(e.secret, draft.secret));
}
