/**
 * The account model. An account is a discriminated union on `type`, so a TOTP account always has
 * a period, an HOTP account always has a counter and a Steam account has neither a choice of
 * algorithm nor of digits (Steam Guard is fixed at HMAC-SHA1, 30 s, 5 characters).
 *
 * Untrusted input (URIs, QR text, backup files, form fields) is parsed into these types at the
 * edge; nothing else in the code base handles half-valid accounts.
 */
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';
export const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** RFC 4226 §5.3 requires at least 6 digits; RFC 6238 implementations use 6 to 8. */
export type Digits = 6 | 7 | 8;
export const DIGITS: readonly Digits[] = [6, 7, 8];

export interface RecoveryCode {
  readonly code: string;
  /** A used code stays in the list (shown struck through) so the user sees what is left. */
  readonly used: boolean;
}

interface AccountCommon {
  /** Random, stable, opaque id (also the IndexedDB key and the AES-GCM additional data). */
  readonly id: string;
  readonly issuer: string;
  readonly label: string;
  /** The shared secret as raw bytes (never Base32 at rest, never logged). */
  readonly secret: Uint8Array;
  readonly note: string;
  readonly tags: readonly string[];
  readonly pinned: boolean;
  /**
   * The user's order: an order key (lib/vault/order-key.ts), compared as plain strings, lower
   * first; keys leave room between any two, so a move rewrites one account. Pinned accounts come
   * before all others.
   */
  readonly order: string;
  /** Sites (registrable domains or hosts) this account belongs to, for autofill matching. */
  readonly sites: readonly string[];
  /** Backup codes the site handed out, kept so the user does not lose them. */
  readonly recoveryCodes: readonly RecoveryCode[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /**
   * Set on a conflict copy only: sync kept this losing version of account `id` (changed on two
   * browsers since they last agreed; `clock` is the losing version's clock) so the user can
   * review it and delete it. Absent on every other account.
   */
  readonly conflictOf?: ConflictOrigin;
}

export interface ConflictOrigin {
  /** The account this is a copy of. */
  readonly id: string;
  /** The clock of the version that lost (docs/vault-format.md, "Clocks"). */
  readonly clock: string;
}

export interface TotpAccount extends AccountCommon {
  readonly type: 'totp';
  readonly algorithm: Algorithm;
  readonly digits: Digits;
  /** Time step in seconds (RFC 6238 §4.1 "X"), a positive integer. */
  readonly period: number;
}

export interface HotpAccount extends AccountCommon {
  readonly type: 'hotp';
  readonly algorithm: Algorithm;
  readonly digits: Digits;
  /** The counter of the next code to show (RFC 4226 §5.2 "C"), a non-negative safe integer. */
  readonly counter: number;
}

export interface SteamAccount extends AccountCommon {
  readonly type: 'steam';
}

export type Account = TotpAccount | HotpAccount | SteamAccount;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a parser produces: an account before the vault gives it an id, a place and timestamps. */
export type AccountDraft = DistributiveOmit<Account, 'id' | 'order' | 'createdAt' | 'updatedAt' | 'conflictOf'>;

/** Steam Guard's fixed parameters. */
export const STEAM = { algorithm: 'SHA1', digits: 5, period: 30 } as const;

/** Defaults for the optional fields of a draft. */
export const DRAFT_DEFAULTS = {
  note: '',
  tags: [] as readonly string[],
  pinned: false,
  sites: [] as readonly string[],
  recoveryCodes: [] as readonly RecoveryCode[],
};
