/**
 * Which ways into the vault the unlock screen offers. The vault header holds them in the clear
 * (docs/vault-format.md §1), so nothing here is secret:
 *
 * - `unlock-options` answers the passkey slots' credential ids and PRF inputs, which the page
 *   needs for `navigator.credentials.get`, as Base64 (messages travel as JSON in Chrome);
 * - `storage.local` keeps `UnlockHints`, two booleans, so a page can draw "Use passkey" and
 *   "Forgot your passphrase?" in its first paint without waiting for the background. The
 *   background rewrites them whenever the slots change or the vault is unlocked; the page still
 *   asks `unlock-options` before a ceremony, so a stale hint costs at most a button that says why
 *   it cannot be used.
 */
import { encodeBase64 } from '../vault/encoding';
import type { UnlockOptions } from '../vault/vault-slots';
import type { UnlockOptionsReply } from './protocol';
import { STORE_KEYS } from './store-keys';

export const UNLOCK_HINTS_KEY = STORE_KEYS.unlockHints;

export interface UnlockHints {
  /** At least one passkey slot. */
  readonly passkey: boolean;
  /** A recovery slot. */
  readonly recoveryKey: boolean;
}

/** The stored hints, or `undefined` when there are none (or they are not two booleans). */
export function parseUnlockHints(stored: unknown): UnlockHints | undefined {
  const r = stored as Partial<UnlockHints> | null | undefined;
  return r && typeof r.passkey === 'boolean' && typeof r.recoveryKey === 'boolean'
    ? { passkey: r.passkey, recoveryKey: r.recoveryKey }
    : undefined;
}

export const hintsOf = (options: UnlockOptions): UnlockHints => ({
  passkey: options.passkeys.length > 0,
  recoveryKey: options.recoveryKey,
});

export const unlockOptionsToWire = (options: UnlockOptions): UnlockOptionsReply => ({
  passkeys: options.passkeys.map((p) => ({
    slotId: p.slotId,
    credentialId: encodeBase64(p.credentialId),
    prfSalt: encodeBase64(p.prfSalt),
  })),
  recoveryKey: options.recoveryKey,
});
