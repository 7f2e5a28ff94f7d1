import type { Account } from '../otp/account';
import { compareOrderKeys } from '../vault/order-key';

// One collator for every comparison, rather than the locale lookup `localeCompare` does per call.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Pinned accounts first, then the user's order, then issuer and label for ties. */
export function sortAccounts<T extends Pick<Account, 'pinned' | 'order' | 'issuer' | 'label'>>(accounts: readonly T[]): T[] {
  return [...accounts].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      compareOrderKeys(a.order, b.order) ||
      collator.compare(a.issuer, b.issuer) ||
      collator.compare(a.label, b.label),
  );
}
