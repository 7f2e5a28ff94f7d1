import type { Account, HotpAccount, SteamAccount, TotpAccount } from '../otp/account';

type Listed<A extends Account, K extends keyof A> = Pick<
  A,
  K | 'id' | 'type' | 'issuer' | 'label' | 'secret' | 'tags' | 'pinned' | 'order' | 'conflictOf'
>;

/**
 * What the popup's list needs of an account to draw, sort, search, copy and fill it (and a
 * conflict copy's mark, for its badge): not its note, recovery codes, saved sites or timestamps.
 * The background keeps this much in `storage.session` while unlocked (lib/vault-service/popup-snapshot.ts), so the popup paints its
 * codes without waiting for the background; the screens that show or change the rest (edit,
 * scan) wait for the whole `Account`. Named field by field, so a field added to `Account` later
 * stays out of `storage.session` unless it is added here.
 */
export type ListAccount =
  | Listed<TotpAccount, 'algorithm' | 'digits' | 'period'>
  | Listed<HotpAccount, 'algorithm' | 'digits' | 'counter'>
  | Listed<SteamAccount, never>;

export function toListAccount(a: Account): ListAccount {
  const { id, issuer, label, secret, tags, pinned, order, conflictOf } = a;
  const common = { id, issuer, label, secret, tags, pinned, order, ...(conflictOf && { conflictOf }) };
  switch (a.type) {
    case 'totp':
      return { ...common, type: a.type, algorithm: a.algorithm, digits: a.digits, period: a.period };
    case 'hotp':
      return { ...common, type: a.type, algorithm: a.algorithm, digits: a.digits, counter: a.counter };
    case 'steam':
      return { ...common, type: a.type };
  }
}
