import type { VaultDb } from '../vault/vault-db';
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { parseSettings, type Settings } from '../settings/settings';
import { fromWire, toWire, type WireAccount } from '../messaging/account-wire';
import type { ReplyMap, Request, StateReply } from './protocol';
import {
  addAccounts,
  changePassphrase,
  createVault,
  deleteAccount,
  exportDataKey,
  hasVault,
  importDataKey,
  listAccounts,
  putAccount,
  putAccounts,
  unlockVault,
  VaultError,
} from '../vault/vault';
import { appendLog, clearLog, readLog, type LogEntry } from '../vault/activity-log';
import { accountRef, entryFromEvent } from './log-event';
import { addPendingFailure, failureEntries } from './failed-unlocks';
import type { KeyValueStore } from '../store/key-value-store';
import { PassphraseAttempts } from './passphrase-attempts';
import { open, seal, type Sealed } from '../vault/crypto';

import { checkNewPassphrase } from '../settings/passphrase-policy';

/** Keys in the browser's key-value stores. `SESSION_KEY` lives only in `storage.session`. */
export const STORE_KEYS = {
  sessionDataKey: 'dataKey',
  settings: 'settings',
  unlockFailures: 'unlockFailures',
  /** Times of failed unlocks not yet in the (encrypted) activity log; see failed-unlocks.ts. */
  pendingUnlockFailures: 'pendingUnlockFailures',
} as const;

export interface VaultServiceDeps {
  readonly db: () => Promise<VaultDb>;
  /** `storage.session`: memory only, cleared when the browser quits, trusted contexts only. */
  readonly session: KeyValueStore;
  /** `storage.local`: on disk, so nothing secret goes here. */
  readonly local: KeyValueStore;
  readonly now: () => number;
  /** Called whenever the lock state or the auto-lock time changes, so the caller can re-arm timers. */
  readonly onActivity?: (state: { unlocked: boolean; settings: Settings }) => void;
  /** PBKDF2 iterations for new vaults; undefined means the vault's production default. */
  readonly iterations?: number;
}

/**
 * The background's vault: the one place that holds the data key and writes to IndexedDB, so two
 * popups can never race each other. Pure of browser APIs (they come in through `deps`), so the
 * whole request flow is unit-tested in Node.
 */
export class VaultService {
  private key: CryptoKey | null = null;
  private cache: Account[] | null = null;
  private unreadable: string[] = [];
  private restored: Promise<void> | null = null;
  private readonly lockListeners: (() => Promise<void> | void)[] = [];
  /** Unlock, verify and passphrase change, one at a time, each failure counted before the next. */
  private readonly attempts: PassphraseAttempts;

  constructor(private readonly deps: VaultServiceDeps) {
    this.attempts = new PassphraseAttempts({
      local: deps.local,
      key: STORE_KEYS.unlockFailures,
      now: deps.now,
      onFailure: (time) => this.noteFailure(time),
    });
  }

  /**
   * A wrong passphrase goes into the activity log: at once while unlocked (a check before an
   * export, a passphrase change), or, while locked, as a time in `storage.local` that becomes an
   * entry after the next unlock (failed-unlocks.ts).
   */
  private async noteFailure(time: number): Promise<void> {
    if (this.key) return this.log({ type: 'unlock-failed', time });
    const pending = await this.deps.local.get(STORE_KEYS.pendingUnlockFailures);
    await this.deps.local.set(STORE_KEYS.pendingUnlockFailures, addPendingFailure(pending, time));
  }

  /** After a service-worker restart, picks the data key back up from `storage.session`. */
  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const raw = await this.deps.session.get(STORE_KEYS.sessionDataKey);
      if (Array.isArray(raw) && raw.length === 32) this.key = await importDataKey(Uint8Array.from(raw as number[]));
    })();
    return this.restored;
  }

  async isUnlocked(): Promise<boolean> {
    await this.restore();
    return this.key !== null;
  }

  async handle<T extends Request>(request: T): Promise<Result<ReplyMap[T['type']]>> {
    await this.restore();
    let reply: Result<unknown>;
    try {
      reply = await this.dispatch(request);
    } catch (error) {
      // Vault writes reject with a VaultError carrying a problem the user can act on.
      if (error instanceof VaultError) reply = { ok: false, problem: error.problem };
      else throw error;
    }
    // Re-arming the auto-lock does not hold up the reply.
    const onActivity = this.deps.onActivity;
    if (request.type !== 'lock' && onActivity) {
      const unlocked = this.key !== null;
      void this.settings().then((settings) => onActivity({ unlocked, settings }));
    }
    return reply as Result<ReplyMap[T['type']]>;
  }

  private async dispatch(request: Request): Promise<Result<unknown>> {
    switch (request.type) {
      case 'state':
        return ok(await this.state());
      case 'setup':
        return this.setup(request.passphrase);
      case 'unlock':
        return this.unlock(request.passphrase);
      case 'lock':
        await this.lock();
        return ok(await this.state());
      case 'touch':
        return ok(null);
      case 'set-settings': {
        const settings = parseSettings(request.settings);
        await this.deps.local.set(STORE_KEYS.settings, settings);
        return ok(settings);
      }
      default:
        break; // the other requests need the vault unlocked: below
    }
    const key = this.key;
    if (!key) return fail('err_locked');
    const db = await this.deps.db();
    const now = this.deps.now();
    switch (request.type) {
      case 'add': {
        const added = await addAccounts(db, key, request.drafts.map((d) => fromWire(d)), now);
        this.cache = null;
        if (request.source === 'import') await this.log({ type: 'imported', time: now, count: added.length });
        else for (const a of added) await this.log({ type: 'account-added', time: now, ...accountRef(a) });
        return ok(added.map((a) => toWire(a)));
      }
      case 'update': {
        const current = (await this.accounts()).find((a) => a.id === request.account.id);
        if (!current) return fail('err_account_missing');
        const saved = await putAccount(db, key, { ...fromWire(request.account), createdAt: current.createdAt }, now);
        this.cache = null;
        await this.log({ type: 'account-edited', time: now, ...accountRef(saved) });
        return ok(toWire(saved));
      }
      case 'hotp-next': {
        const current = (await this.accounts()).find((a) => a.id === request.id);
        if (!current || current.type !== 'hotp') return fail('err_account_missing');
        const saved = await putAccount(db, key, { ...current, counter: current.counter + 1 }, now);
        this.cache = null;
        return ok(toWire(saved));
      }
      case 'delete': {
        const gone = (await this.accounts()).find((a) => a.id === request.id);
        await deleteAccount(db, key, request.id, now);
        this.cache = null;
        if (gone) await this.log({ type: 'account-deleted', time: now, ...accountRef(gone) });
        return ok(null);
      }
      case 'reorder': {
        const byId = new Map((await this.accounts()).map((a) => [a.id, a]));
        const reordered = request.ids.flatMap((id, order) => {
          const a = byId.get(id);
          return a ? [{ ...a, order }] : [];
        });
        await putAccounts(db, key, reordered, now);
        this.cache = null;
        return ok(null);
      }
      case 'change-passphrase': {
        const usable = checkNewPassphrase(request.next);
        if (!usable.ok) return usable;
        const opts = this.deps.iterations ? { iterations: this.deps.iterations } : undefined;
        // A wrong current passphrase counts toward the wait like a wrong unlock.
        const changed = await this.attempts.run(() => changePassphrase(db, request.current, request.next, opts));
        if (changed.ok) await this.log({ type: 'passphrase-changed', time: now });
        return changed.ok ? ok(null) : changed;
      }
      case 'verify-passphrase':
        return this.checkPassphrase(request.passphrase);
      case 'log-event': {
        const entry = entryFromEvent(request.event, await this.accounts(), now);
        if (!entry) return fail('err_log_event_invalid');
        await this.log(entry);
        return ok(null);
      }
      case 'read-log':
        return ok(await readLog(db, key));
      case 'clear-log':
        await clearLog(db);
        return ok(null);
    }
  }

  /**
   * Appends to the encrypted activity log. Never fails the request it belongs to: an entry that
   * cannot be written is dropped. Entries carry names and times only (log-entry.ts).
   */
  private async log(entry: LogEntry): Promise<void> {
    if (!this.key) return;
    try {
      await appendLog(await this.deps.db(), this.key, entry);
    } catch {
      // The action itself succeeded; losing one log line is better than reporting a failure.
    }
  }

  private async settings(): Promise<Settings> {
    return parseSettings(await this.deps.local.get(STORE_KEYS.settings));
  }

  private async accounts(): Promise<Account[]> {
    if (!this.key) return [];
    if (!this.cache) {
      const listed = await listAccounts(await this.deps.db(), this.key);
      this.cache = listed.accounts;
      this.unreadable = listed.unreadable;
    }
    return this.cache;
  }

  private async state(): Promise<StateReply> {
    const settings = await this.settings();
    if (this.key) {
      const accounts: WireAccount[] = (await this.accounts()).map((a) => toWire(a));
      return { phase: 'unlocked', settings, accounts, unreadable: this.unreadable };
    }
    if (!(await hasVault(await this.deps.db()))) return { phase: 'setup', settings };
    const retryAt = await this.attempts.retryAt();
    return retryAt > this.deps.now() ? { phase: 'locked', settings, retryAt } : { phase: 'locked', settings };
  }

  private async setup(passphrase: string): Promise<Result<StateReply>> {
    const usable = checkNewPassphrase(passphrase);
    if (!usable.ok) return usable;
    const opts = this.deps.iterations ? { iterations: this.deps.iterations } : undefined;
    const created = await createVault(await this.deps.db(), passphrase, opts);
    if (!created.ok) return created;
    await this.keep(created.value);
    return ok(await this.state());
  }

  private async unlock(passphrase: string): Promise<Result<StateReply>> {
    if (this.key) return ok(await this.state());
    const db = await this.deps.db();
    const unlocked = await this.attempts.run(async () => {
      // Another attempt in the queue may have unlocked meanwhile: no derivation needed then.
      if (this.key) return ok(this.key);
      return unlockVault(db, passphrase);
    });
    if (!unlocked.ok) return unlocked;
    if (this.key === unlocked.value) return ok(await this.state());
    await this.keep(unlocked.value);
    for (const entry of failureEntries(await this.deps.local.get(STORE_KEYS.pendingUnlockFailures))) await this.log(entry);
    await this.deps.local.remove(STORE_KEYS.pendingUnlockFailures);
    await this.log({ type: 'unlocked', time: this.deps.now() });
    return ok(await this.state());
  }

  /**
   * Whether `passphrase` opens the vault, for re-entering it before an export; needs the vault
   * unlocked. Changes nothing: `iterations: 1` keeps unlockVault from re-wrapping the header, and
   * the key it unwraps is dropped. It is an attempt like an unlock (one at a time, a wrong one
   * counts toward the wait), so it is no way around the wait.
   */
  async checkPassphrase(passphrase: string): Promise<Result<null>> {
    await this.restore();
    if (!this.key) return fail('err_locked');
    const db = await this.deps.db();
    const opened = await this.attempts.run(() => unlockVault(db, passphrase, { iterations: 1 }));
    return opened.ok ? ok(null) : opened;
  }

  private async keep(key: CryptoKey): Promise<void> {
    this.key = key;
    this.cache = null;
    await this.deps.session.set(STORE_KEYS.sessionDataKey, Array.from(await exportDataKey(key)));
  }

  /**
   * The accounts, only after `passphrase` has been checked (as an attempt, see checkPassphrase):
   * what every export that carries secrets is built from. Never a page's copy of the accounts.
   */
  async accountsBehindPassphrase(passphrase: string): Promise<Result<Account[]>> {
    const checked = await this.checkPassphrase(passphrase);
    if (!checked.ok) return checked;
    const accounts = await this.unlockedAccounts();
    return accounts ? ok(accounts) : fail('err_locked');
  }

  /**
   * For background jobs (the scheduled backup): the accounts while unlocked, else null. Unlike
   * `handle`, this does not count as use, so the auto-lock timer keeps running.
   */
  async unlockedAccounts(): Promise<Account[] | null> {
    await this.restore();
    return this.key ? [...(await this.accounts())] : null;
  }

  /**
   * Encrypts `plain` under the data key (AES-256-GCM, fresh IV, `aad`), for a background job that
   * must keep something secret across a lock without keeping it in the clear (the scheduled
   * backup's key). Null while locked.
   */
  async sealWithDataKey(plain: Uint8Array, aad: string): Promise<Sealed | null> {
    await this.restore();
    return this.key ? seal(this.key, plain, aad) : null;
  }

  /** The inverse of `sealWithDataKey`; null while locked or when the data does not authenticate. */
  async openWithDataKey(sealed: Sealed, aad: string): Promise<Uint8Array | null> {
    await this.restore();
    return this.key ? ((await open(this.key, sealed, aad)) ?? null) : null;
  }

  /** Logs an export a background job made (names and time only); does not count as use either. */
  async logExported(kind: string): Promise<void> {
    await this.restore();
    await this.log({ type: 'exported', time: this.deps.now(), kind });
  }

  /**
   * Runs `listener` after every lock, once the key is gone: features drop what they hold that came
   * from the vault (a scan's results, a copied code), and the background tells every open page.
   */
  onLock(listener: () => Promise<void> | void): void {
    this.lockListeners.push(listener);
  }

  /**
   * Forgets the data key and every decrypted account, in memory and in `storage.session`, then
   * runs the `onLock` listeners (each on its own: one that fails does not stop the others).
   */
  async lock(): Promise<void> {
    await this.restore();
    this.key = null;
    this.cache = null;
    this.unreadable = [];
    await this.deps.session.remove(STORE_KEYS.sessionDataKey);
    await Promise.all(this.lockListeners.map(async (listener) => {
      try {
        await listener();
      } catch {
        // Each listener clears its own state; one failing must not keep the others from running.
      }
    }));
  }
}
