import type { Account } from '../otp/account';

/** Pinned accounts first, then the user's order, then issuer and label for ties. */
export function sortAccounts<T extends Pick<Account, 'pinned' | 'order' | 'issuer' | 'label'>>(accounts: readonly T[]): T[] {
  return [...accounts].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      a.order - b.order ||
      a.issuer.localeCompare(b.issuer) ||
      a.label.localeCompare(b.label),
  );
}
