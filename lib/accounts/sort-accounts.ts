import type { Account } from '../otp/account';
import { compareOrderKeys } from '../vault/order-key';

// One collator for every comparison, rather than the locale lookup `localeCompare` does per call;
// made at the first tie only: creating one loads ICU data (tens of ms in a fresh page), and the
// vault gives every account its own order, so the popup's first paint sorts without one.
let collator: Intl.Collator | undefined;
const compare = (a: string, b: string): number =>
  (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })).compare(a, b);

/** Pinned accounts first, then the user's order, then issuer and label for ties. */
export function sortAccounts<T extends Pick<Account, 'pinned' | 'order' | 'issuer' | 'label'>>(accounts: readonly T[]): T[] {
  return [...accounts].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) || compareOrderKeys(a.order, b.order) || compare(a.issuer, b.issuer) || compare(a.label, b.label),
  );
}
