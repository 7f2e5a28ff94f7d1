import type { Account, AccountDraft } from '../otp/account';

/**
 * Extension messaging serialises as JSON in Chrome, which turns a Uint8Array into an object of
 * indices. On the wire an account carries its secret as an array of numbers instead. Only
 * extension pages ever receive these (see `is-extension-page-sender.ts`).
 */
type Wire<T> = T extends unknown ? Omit<T, 'secret'> & { readonly secret: number[] } : never;
export type WireAccount = Wire<Account>;
export type WireDraft = Wire<AccountDraft>;

export function toWire(account: Account): WireAccount;
export function toWire(account: AccountDraft): WireDraft;
export function toWire(account: AccountDraft): WireDraft {
  return { ...account, secret: Array.from(account.secret) };
}

export function fromWire(wire: WireAccount): Account;
export function fromWire(wire: WireDraft): AccountDraft;
export function fromWire(wire: WireDraft): AccountDraft {
  // The constructor copies an array directly; Uint8Array.from walks it as an iterable (slower,
  // and the popup converts a thousand of these when it unlocks).
  return { ...wire, secret: new Uint8Array(wire.secret) };
}
