/**
 * What waits in `storage.session` between the two steps of adding a way into the vault, so that a
 * service worker stopped while the user reads, writes down or types (Chrome stops an idle one
 * after 30 s) does not lose it. Nothing here opens the vault:
 *
 * - a passkey registration, after the vault passphrase was checked: the passkey's name and the PRF
 *   input it is registered with (neither is secret: both end up in the vault header in the clear);
 * - a recovery key shown but not yet typed back: sealed under the data key (AES-256-GCM, like the
 *   scheduled backup's key), so after a lock, when the data key is gone, it opens nothing.
 *
 * Both expire after `SETUP_TTL_MS`, and a lock removes them.
 */
import type { KeyValueStore } from '../store/key-value-store';
import type { Sealed } from '../vault/crypto';

export const SETUP_TTL_MS = 10 * 60_000;
const PENDING_KEYS = { passkey: 'pendingPasskey', recoveryKey: 'pendingRecoveryKey' } as const;
/** Additional data of the pending recovery key's encryption under the data key. */
export const PENDING_RECOVERY_KEY_AAD = 'sesame-pending-recovery-key/v1';

export interface PendingPasskey {
  readonly name: string;
  readonly prfSalt: Uint8Array;
}

const isByteArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255);
const isFresh = (at: unknown, now: number): boolean => typeof at === 'number' && at <= now && now - at < SETUP_TTL_MS;

export class SlotSetupPending {
  constructor(
    private readonly session: KeyValueStore,
    private readonly now: () => number,
  ) {}

  async startPasskey(pending: PendingPasskey): Promise<void> {
    await this.session.set(PENDING_KEYS.passkey, { name: pending.name, prfSalt: Array.from(pending.prfSalt), at: this.now() });
  }

  /** The registration `startPasskey` began, if it is still fresh; removed either way. */
  async takePasskey(): Promise<PendingPasskey | undefined> {
    const stored = (await this.session.get(PENDING_KEYS.passkey)) as { name?: unknown; prfSalt?: unknown; at?: unknown } | undefined;
    await this.session.remove(PENDING_KEYS.passkey);
    if (!stored || typeof stored.name !== 'string' || !isByteArray(stored.prfSalt) || !isFresh(stored.at, this.now())) return undefined;
    return { name: stored.name, prfSalt: Uint8Array.from(stored.prfSalt) };
  }

  async keepRecoveryKey(sealed: Sealed): Promise<void> {
    await this.session.set(PENDING_KEYS.recoveryKey, {
      iv: Array.from(sealed.iv),
      ciphertext: Array.from(sealed.ciphertext),
      at: this.now(),
    });
  }

  /** The sealed recovery key waiting to be typed back, if it is still fresh (not removed). */
  async recoveryKey(): Promise<Sealed | undefined> {
    const stored = (await this.session.get(PENDING_KEYS.recoveryKey)) as { iv?: unknown; ciphertext?: unknown; at?: unknown } | undefined;
    if (!stored || !isByteArray(stored.iv) || !isByteArray(stored.ciphertext) || !isFresh(stored.at, this.now())) return undefined;
    return { iv: Uint8Array.from(stored.iv), ciphertext: Uint8Array.from(stored.ciphertext) };
  }

  async dropRecoveryKey(): Promise<void> {
    await this.session.remove(PENDING_KEYS.recoveryKey);
  }

  async clear(): Promise<void> {
    await this.session.remove(PENDING_KEYS.passkey);
    await this.session.remove(PENDING_KEYS.recoveryKey);
  }
}
