/**
 * The scheduled encrypted backup, pure of browser APIs (they come in through `deps`, so it is
 * unit-tested in Node; `lib/auto-backup/register.ts` wires it to alarms and downloads).
 *
 * Design (docs/vault-format.md, "Scheduled backup"): when the user turns it on, the backup
 * passphrase is stretched once (PBKDF2-SHA256, fresh salt, the backup file's own parameters) and
 * only the derived key is kept, encrypted under the vault's data key, in `storage.session` (memory
 * only, trusted contexts, gone when the browser quits). The passphrase itself is dropped at once.
 * So after a lock nothing in `storage.session` opens the backups: the wrapped key needs the data
 * key, which needs the vault passphrase. Each due backup is an ordinary Sesame backup file under
 * that key, so it opens with the backup passphrase alone, anywhere. Backups run only while the
 * vault is unlocked; after a browser restart the schedule stays on but paused until the user
 * enters the backup passphrase again.
 */
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { AUTO_BACKUP_CHECK_MINUTES, isBackupDue, parseAutoBackupSettings, type AutoBackupSettings } from './auto-backup-schedule';
import type { AutoBackupReplyMap, AutoBackupRequest, AutoBackupStatus } from './protocol';
import { importRawDataKey, passphraseBytes, randomBytes, SALT_BYTES, type KdfParams, type Sealed } from '../vault/crypto';
import { sealBackup, type BackupRecoveryKey } from '../vault/backup';
import { DEFAULT_ITERATIONS } from '../vault/vault';
import { exportFileName } from '../export/export-file-name';
import { checkNewPassphrase } from '../settings/passphrase-policy';
import type { KeyValueStore } from '../store/key-value-store';

export const AUTO_BACKUP_KEYS = {
  /** storage.local: the schedule and when the last backup ran (no secret). */
  settings: 'autoBackup',
  /** storage.session only: the derived backup key, wrapped under the data key, and its KDF parameters. */
  sessionKey: 'autoBackupKey',
} as const;

/** Additional data of the backup key's encryption under the data key. */
const AUTO_BACKUP_KEY_AAD = 'sesame-auto-backup-key/v1';

/** Why a due backup was not saved (message keys). */
const ERR_AUTO_BACKUP_LOCKED = 'err_auto_backup_locked';
const ERR_AUTO_BACKUP_PAUSED = 'err_auto_backup_paused';
const ERR_AUTO_BACKUP_SAVE = 'err_auto_backup_save';

export interface AutoBackupDeps {
  readonly session: KeyValueStore;
  readonly local: KeyValueStore;
  /** The vault's accounts, or null while it is locked. */
  readonly accounts: () => Promise<Account[] | null>;
  /** Checks the vault passphrase (VaultService.checkPassphrase: counted toward the wait). */
  readonly checkPassphrase: (passphrase: string) => Promise<Result<null>>;
  /** Encrypts / decrypts under the vault's data key (VaultService); null while locked. */
  readonly seal: (plain: Uint8Array, aad: string) => Promise<Sealed | null>;
  readonly open: (sealed: Sealed, aad: string) => Promise<Uint8Array | null>;
  /**
   * The vault's recovery backup key (VaultService.backupRecoveryKey), so each backup carries the
   * recovery slot too; `undefined` when the vault has no recovery key (or is locked).
   */
  readonly recoveryBackupKey?: () => Promise<BackupRecoveryKey | undefined>;
  /** Saves the file (the browser: `downloads.download` into the downloads folder). */
  readonly save: (fileName: string, text: string) => Promise<void>;
  readonly now: () => number;
  /** Arms (minutes between checks) or clears the periodic check. */
  readonly setTimer: (periodMinutes: number | null) => Promise<void>;
  /** PBKDF2 iterations; undefined means the backup file's production default. Tests pass fewer. */
  readonly iterations?: number;
  /** Called after a backup was saved (for the activity log). */
  readonly onSaved?: () => Promise<void>;
}

/** What `storage.session` holds: the backup key encrypted under the data key, never the key itself. */
interface SessionKey {
  readonly wrappedKey: { readonly iv: number[]; readonly ciphertext: number[] };
  readonly salt: number[];
  readonly iterations: number;
}

const isBytes = (v: unknown): v is number[] => Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255);

const isSessionKey = (v: unknown): v is SessionKey => {
  const r = v as Partial<SessionKey> | null;
  return (
    !!r &&
    typeof r === 'object' &&
    !!r.wrappedKey &&
    isBytes(r.wrappedKey.iv) &&
    isBytes(r.wrappedKey.ciphertext) &&
    isBytes(r.salt) &&
    typeof r.iterations === 'number'
  );
};

/** PBKDF2-HMAC-SHA256 (RFC 8018 §5.2), 32 bytes: the same bytes `deriveWrappingKey` uses as its AES key. */
async function deriveRawKey(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: Uint8Array.from(kdf.salt), iterations: kdf.iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

export class AutoBackupService {
  constructor(private readonly deps: AutoBackupDeps) {}

  async handle<T extends AutoBackupRequest>(request: T): Promise<Result<AutoBackupReplyMap[T['type']]>> {
    const reply = await this.dispatch(request);
    return reply;
  }

  private async dispatch(request: AutoBackupRequest): Promise<Result<AutoBackupStatus>> {
    switch (request.type) {
      case 'auto-backup-status':
        return ok(await this.status());
      case 'auto-backup-disable':
        await this.deps.session.remove(AUTO_BACKUP_KEYS.sessionKey);
        await this.deps.local.remove(AUTO_BACKUP_KEYS.settings);
        await this.deps.setTimer(null);
        return ok(await this.status());
      case 'auto-backup-enable': {
        if (request.schedule !== 'daily' && request.schedule !== 'weekly') return fail('err_auto_backup_schedule');
        const usable = checkNewPassphrase(request.passphrase);
        if (!usable.ok) return usable;
        if ((await this.deps.accounts()) === null) return fail(ERR_AUTO_BACKUP_LOCKED);
        // Turning the schedule on is an export of every account: behind the vault passphrase.
        const checked = await this.deps.checkPassphrase(request.vaultPassphrase);
        if (!checked.ok) return checked;
        const kdf: KdfParams = {
          name: 'PBKDF2-SHA256',
          iterations: this.deps.iterations ?? DEFAULT_ITERATIONS,
          salt: randomBytes(SALT_BYTES),
        };
        const raw = await deriveRawKey(request.passphrase, kdf);
        const wrapped = await this.deps.seal(raw, AUTO_BACKUP_KEY_AAD);
        raw.fill(0);
        if (!wrapped) return fail(ERR_AUTO_BACKUP_LOCKED);
        const stored: SessionKey = {
          wrappedKey: { iv: Array.from(wrapped.iv), ciphertext: Array.from(wrapped.ciphertext) },
          salt: Array.from(kdf.salt),
          iterations: kdf.iterations,
        };
        await this.deps.session.set(AUTO_BACKUP_KEYS.sessionKey, stored);
        // A new schedule or passphrase starts with a backup now, so the user sees it work.
        await this.deps.local.set(AUTO_BACKUP_KEYS.settings, { schedule: request.schedule });
        await this.deps.setTimer(AUTO_BACKUP_CHECK_MINUTES);
        await this.tick();
        return ok(await this.status());
      }
    }
  }

  async status(): Promise<AutoBackupStatus> {
    const settings = await this.settings();
    return { ...settings, armed: isSessionKey(await this.storedKey()) };
  }

  /**
   * The stored (wrapped) key. Anything else found under its name, such as the raw key an older
   * Sesame kept there, is removed: the schedule then pauses until the passphrase is given again.
   */
  private async storedKey(): Promise<SessionKey | undefined> {
    const stored = await this.deps.session.get(AUTO_BACKUP_KEYS.sessionKey);
    if (stored === undefined || isSessionKey(stored)) return stored;
    await this.deps.session.remove(AUTO_BACKUP_KEYS.sessionKey);
    return undefined;
  }

  /**
   * The vault's data key was replaced (a vault merged into a synced one): the backup key, wrapped
   * under the old key, is wrapped again under the new one, so the schedule goes on. If it does not
   * open, it is removed and the schedule pauses until the passphrase is given again.
   */
  async rewrap(change: {
    open: (sealed: Sealed, aad: string) => Promise<Uint8Array | null>;
    seal: (plain: Uint8Array, aad: string) => Promise<Sealed>;
  }): Promise<void> {
    const stored = await this.storedKey();
    if (!stored) return;
    const raw = await change.open(
      { iv: Uint8Array.from(stored.wrappedKey.iv), ciphertext: Uint8Array.from(stored.wrappedKey.ciphertext) },
      AUTO_BACKUP_KEY_AAD,
    );
    if (!raw) return this.deps.session.remove(AUTO_BACKUP_KEYS.sessionKey);
    const wrapped = await change.seal(raw, AUTO_BACKUP_KEY_AAD);
    raw.fill(0);
    await this.deps.session.set(AUTO_BACKUP_KEYS.sessionKey, {
      ...stored,
      wrappedKey: { iv: Array.from(wrapped.iv), ciphertext: Array.from(wrapped.ciphertext) },
    } satisfies SessionKey);
  }

  /** After a lock: nothing to forget (the key is wrapped), but an unwrapped leftover is removed. */
  async onVaultLocked(): Promise<void> {
    await this.storedKey();
  }

  private async settings(): Promise<AutoBackupSettings> {
    return parseAutoBackupSettings(await this.deps.local.get(AUTO_BACKUP_KEYS.settings));
  }

  /**
   * The periodic check: saves a backup if one is due and the vault is unlocked and the key is in
   * memory; otherwise records why not (shown on the options page). Never throws.
   */
  async tick(): Promise<void> {
    const settings = await this.settings();
    const now = this.deps.now();
    if (!isBackupDue(settings, now)) return;
    const record = (change: Partial<AutoBackupSettings>) => this.deps.local.set(AUTO_BACKUP_KEYS.settings, { ...settings, ...change });
    try {
      const stored = await this.storedKey();
      if (!stored) return void (await record({ lastProblem: ERR_AUTO_BACKUP_PAUSED }));
      const accounts = await this.deps.accounts();
      if (accounts === null) return void (await record({ lastProblem: ERR_AUTO_BACKUP_LOCKED }));
      const raw = await this.deps.open(
        { iv: Uint8Array.from(stored.wrappedKey.iv), ciphertext: Uint8Array.from(stored.wrappedKey.ciphertext) },
        AUTO_BACKUP_KEY_AAD,
      );
      if (!raw) return void (await record({ lastProblem: ERR_AUTO_BACKUP_LOCKED }));
      const key = await importRawDataKey(raw);
      raw.fill(0);
      const kdf: KdfParams = { name: 'PBKDF2-SHA256', iterations: stored.iterations, salt: Uint8Array.from(stored.salt) };
      const recovery = await this.deps.recoveryBackupKey?.();
      const text = await sealBackup(accounts, key, kdf, now, recovery);
      recovery?.key.fill(0);
      await this.deps.save(exportFileName('sesame-backup', now), text);
      await this.deps.local.set(AUTO_BACKUP_KEYS.settings, { schedule: settings.schedule, lastAt: now });
      await this.deps.onSaved?.();
    } catch {
      await record({ lastProblem: ERR_AUTO_BACKUP_SAVE }).catch(() => {});
    }
  }
}
