import type { VaultDb } from '../vault/vault-db';
import type { StoredHeader } from '../vault/vault-header';
import { readStoredHeader } from '../vault/vault-header-store';
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
  listTrash,
  openListCache,
  purgeTrash,
  putAccount,
  putAccounts,
  readSealedRecords,
  recoveryBackupKey,
  removeListCache,
  restoreAccount,
  sealListCache,
  setNewPassphrase,
  unlockOptions,
  unlockVault,
  unlockWithPasskey,
  unlockWithRecoveryKey,
  VaultError,
  writeListCache,
} from '../vault/vault';
import { ERR_PASSKEY_ANSWER_INVALID, ERR_WRONG_PASSPHRASE } from '../vault/vault-problems';
import type { BackupRecoveryKey } from '../vault/backup';
import { decodeBase64 } from '../vault/encoding';
import { appendLog, clearLog, readLog, type LogEntry } from '../vault/activity-log';
import { reorderKeys } from '../vault/reorder-keys';
import type { TrashEntry } from '../vault/trash';
import { accountRef, entryFromEvent } from './log-event';
import { addPendingFailure, failureEntries } from './failed-unlocks';
import type { KeyValueStore } from '../store/key-value-store';
import { PassphraseAttempts } from './passphrase-attempts';
import { open, seal, type Sealed } from '../vault/crypto';
import { SlotSetupPending } from './slot-setup-pending';
import { handleSlotRequest } from './slot-requests';
import { hintsOf, parseUnlockHints, unlockOptionsToWire, type UnlockHints } from './unlock-methods';

import { checkNewPassphrase } from '../settings/passphrase-policy';

export { STORE_KEYS } from './store-keys';
import { STORE_KEYS } from './store-keys';
import { ASK_BACKGROUND, buildPopupSnapshots } from './popup-snapshot';
import { decodeCachedAnswer, encodeCachedAnswer } from './cached-answer';

/** Answered in the `recovered` phase, when the vault is open but waits for a new passphrase. */
const ERR_NEW_PASSPHRASE_REQUIRED = 'err_new_passphrase_required';
/** `set-new-passphrase` outside the `recovered` phase: a passphrase change needs the current passphrase. */
const ERR_NEW_PASSPHRASE_NOT_ASKED = 'err_new_passphrase_not_asked';

/**
 * Requests that write the vault (accounts or header) when they succeed: other features hear of
 * them through `onWritten` (sync pushes them, debounced).
 */
const WRITING_REQUESTS: ReadonlySet<Request['type']> = new Set([
  'add',
  'update',
  'hotp-next',
  'delete',
  'reorder',
  'change-passphrase',
  'set-new-passphrase',
  'passkey-add',
  'passkey-remove',
  'recovery-key-confirm',
  'trash-restore',
]);

/**
 * Runs `work` in a task of its own, after this one: work started after a reply is ready then
 * starts once the reply is sent. Started in this task, its first steps (a thousand decryptions
 * asked for, at an unlock) would run between the steps that send the reply, and hold it up by as
 * much as 15-25 ms.
 */
function afterThisTask<T>(work: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, 0)).then(work);
}

/**
 * What a feature holding something sealed under the data key is given when the key is replaced
 * (a vault merged into a synced one): open with the old key, seal with the new one.
 */
export interface DataKeyChange {
  readonly open: (sealed: Sealed, aad: string) => Promise<Uint8Array | null>;
  readonly seal: (plain: Uint8Array, aad: string) => Promise<Sealed>;
}

/** Another way to try a passphrase the local header refused (sync: it may have changed in another browser). */
export type PassphraseFallback = (db: VaultDb, passphrase: string) => Promise<Result<CryptoKey>>;

/** The requests the `recovered` phase answers; every other one is refused until a new passphrase is set. */
const RECOVERED_PHASE_REQUESTS: ReadonlySet<Request['type']> = new Set(['state', 'lock', 'set-new-passphrase']);

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
  /**
   * Tells every open page to ask for the accounts again: an unlock answered from the list cache,
   * and the records, opened after, gave another list (lib/vault/list-cache.ts).
   */
  readonly onListCorrected?: () => void;
}

/**
 * The background's vault: the one place that holds the data key and writes to IndexedDB, so two
 * popups can never race each other. Pure of browser APIs (they come in through `deps`), so the
 * whole request flow is unit-tested in Node.
 */
export class VaultService {
  private key: CryptoKey | null = null;
  /**
   * The data key after an unlock with the recovery key, until a new passphrase is set. Kept apart
   * from `key` so every path that needs the vault open (codes, exports, autofill, scan, backups)
   * sees it as locked.
   */
  private recovered: CryptoKey | null = null;
  /** Work an unlock starts after its reply is ready (trash purge, unlock hints), one after another. */
  private housekeeping: Promise<void> = Promise.resolve();
  private readonly pending: SlotSetupPending;
  private cache: Account[] | null = null;
  private unreadable: string[] = [];
  /** The trash as listed with `cache` (so an unlock purges it without opening every record again). */
  private cachedTrash: TrashEntry[] | null = null;
  /**
   * Counts changes of the accounts and of the lock state, so a listing that was still decrypting
   * when the accounts changed or the vault locked is neither cached nor kept for the popup.
   */
  private generation = 0;
  /** The accounts list last kept in `storage.session` for the popup (popup-snapshot.ts). */
  private published: Account[] | null = null;
  /** The fingerprint of the records `cache` was made from (list-cache.ts); null if it has none. */
  private cachedFingerprint: string | null = null;
  /** The fingerprint the stored list cache was sealed for, as far as this service knows. */
  private listCacheFingerprint: string | null = null;
  /** The listing in progress and the generation it started in, so two requests never open every record twice. */
  private listing: { readonly generation: number; readonly listed: ReturnType<typeof listAccounts> } | null = null;
  /** `storage.local` says a vault exists (checked once per worker start). */
  private markedVaultExists = false;
  /** The activity log's writes, one after another, in the order they were asked for. */
  private logged: Promise<void> = Promise.resolve();
  private restored: Promise<void> | null = null;
  private readonly lockListeners: (() => Promise<void> | void)[] = [];
  private readonly unlockListeners: (() => Promise<void> | void)[] = [];
  private readonly writeListeners: (() => void)[] = [];
  private readonly keyListeners: ((change: DataKeyChange) => Promise<void>)[] = [];
  private passphraseFallback: PassphraseFallback | null = null;
  /** Unlock, verify and passphrase change, one at a time, each failure counted before the next. */
  private readonly attempts: PassphraseAttempts;

  constructor(private readonly deps: VaultServiceDeps) {
    this.attempts = new PassphraseAttempts({
      local: deps.local,
      key: STORE_KEYS.unlockFailures,
      now: deps.now,
      onFailure: (time) => this.noteFailure(time),
    });
    this.pending = new SlotSetupPending(deps.session, deps.now);
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
      if (!Array.isArray(raw) || raw.length !== 32) return;
      const key = await importDataKey(Uint8Array.from(raw as number[]));
      if ((await this.deps.session.get(STORE_KEYS.recoveryPending)) === true) this.recovered = key;
      else this.key = key;
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
    if (reply.ok && WRITING_REQUESTS.has(request.type)) for (const listener of this.writeListeners) listener();
    // Re-arming the auto-lock does not hold up the reply.
    const onActivity = this.deps.onActivity;
    if (request.type !== 'lock' && onActivity) {
      // The recovered phase holds the data key too, so the auto-lock runs for it as well.
      const unlocked = this.key !== null || this.recovered !== null;
      void this.settings().then((settings) => onActivity({ unlocked, settings }));
    }
    return reply as Result<ReplyMap[T['type']]>;
  }

  private async dispatch(request: Request): Promise<Result<unknown>> {
    if (this.recovered && !RECOVERED_PHASE_REQUESTS.has(request.type)) return fail(ERR_NEW_PASSPHRASE_REQUIRED);
    switch (request.type) {
      case 'state':
        return ok(await this.state());
      case 'setup':
        return this.setup(request.passphrase);
      case 'unlock':
        return this.unlockWith((db, header) => this.unlockByPassphrase(db, request.passphrase, header), 'unlocked', request.answer);
      case 'unlock-passkey': {
        const credentialId = decodeBase64(request.credentialId);
        const prfOutput = decodeBase64(request.prfOutput);
        if (!credentialId || !prfOutput) return fail(ERR_PASSKEY_ANSWER_INVALID);
        const reply = await this.unlockWith((db) => unlockWithPasskey(db, credentialId, prfOutput), 'unlocked-passkey', request.answer);
        prfOutput.fill(0);
        return reply;
      }
      case 'unlock-recovery-key':
        return this.unlockWithRecoveryKey(request.recoveryKey);
      case 'set-new-passphrase':
        return this.setNewPassphrase(request.passphrase);
      case 'unlock-options': {
        const options = await unlockOptions(await this.deps.db());
        if (!options.ok) return options;
        await this.noteHints(hintsOf(options.value));
        return ok(unlockOptionsToWire(options.value));
      }
      case 'lock':
        await this.lock();
        return ok(await this.state());
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
    // Use of an unlocked vault (the popup, once it has painted from its snapshot): re-arming the
    // auto-lock is all it asks (see handle); while locked it answers err_locked like any other.
    if (request.type === 'touch') return ok(null);
    const db = await this.deps.db();
    const now = this.deps.now();
    switch (request.type) {
      case 'add': {
        await this.withdrawSnapshot();
        const added = await addAccounts(
          db,
          key,
          request.drafts.map((d) => fromWire(d)),
          now,
        );
        await this.accountsChanged();
        if (request.source === 'import') await this.log({ type: 'imported', time: now, count: added.length });
        else for (const a of added) await this.log({ type: 'account-added', time: now, ...accountRef(a) });
        return ok(added.map((a) => toWire(a)));
      }
      case 'update': {
        const current = (await this.accounts()).find((a) => a.id === request.account.id);
        if (!current) return fail('err_account_missing');
        await this.withdrawSnapshot();
        const saved = await putAccount(db, key, { ...fromWire(request.account), createdAt: current.createdAt }, now);
        await this.accountsChanged();
        await this.log({ type: 'account-edited', time: now, ...accountRef(saved) });
        return ok(toWire(saved));
      }
      case 'hotp-next': {
        const current = (await this.accounts()).find((a) => a.id === request.id);
        if (!current || current.type !== 'hotp') return fail('err_account_missing');
        await this.withdrawSnapshot();
        const saved = await putAccount(db, key, { ...current, counter: current.counter + 1 }, now);
        await this.accountsChanged();
        return ok(toWire(saved));
      }
      case 'delete': {
        const gone = (await this.accounts()).find((a) => a.id === request.id);
        await this.withdrawSnapshot();
        await deleteAccount(db, key, request.id, now);
        await this.accountsChanged();
        if (gone) await this.log({ type: 'account-deleted', time: now, ...accountRef(gone) });
        return ok(null);
      }
      case 'reorder': {
        // Only the accounts that moved get a new order key (and a new clock, for sync).
        const byId = new Map((await this.accounts()).map((a) => [a.id, a]));
        const moved = reorderKeys(new Map([...byId].map(([id, a]) => [id, a.order])), request.ids);
        const reordered = [...moved].map(([id, order]) => ({ ...byId.get(id)!, order }));
        if (reordered.length > 0) {
          await this.withdrawSnapshot();
          await putAccounts(db, key, reordered, now);
          await this.accountsChanged();
        }
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
      case 'trash':
        return ok((await listTrash(db, key)).map((e) => ({ account: toWire(e.account), deletedAt: e.deletedAt, purgeAt: e.purgeAt })));
      case 'trash-restore': {
        await this.withdrawSnapshot();
        const restored = await restoreAccount(db, key, request.id, now);
        await this.accountsChanged();
        if (!restored.ok) return restored;
        await this.log({ type: 'account-restored', time: now, ...accountRef(restored.value) });
        return ok(toWire(restored.value));
      }
      case 'log-event': {
        const entry = entryFromEvent(request.event, await this.accounts(), now);
        if (!entry) return fail('err_log_event_invalid');
        await this.log(entry);
        return ok(null);
      }
      case 'read-log':
        await this.logged;
        return ok(await readLog(db, key));
      case 'clear-log':
        await this.logged;
        await clearLog(db);
        return ok(null);
      case 'slots':
      case 'passkey-add-begin':
      case 'passkey-add':
      case 'passkey-remove':
      case 'recovery-key-create':
      case 'recovery-key-confirm':
        return handleSlotRequest(request, {
          db,
          key,
          now,
          pending: this.pending,
          checkPassphrase: (passphrase) => this.checkPassphrase(passphrase),
          log: (entry) => this.log(entry),
          slotsChanged: () => this.refreshHints(db),
        });
    }
  }

  /**
   * Appends to the encrypted activity log. Never fails the request it belongs to: an entry that
   * cannot be written is dropped. Entries carry names and times only (log-entry.ts).
   */
  private log(entry: LogEntry): Promise<void> {
    this.logged = this.logged.then(() => this.append(entry));
    return this.logged;
  }

  /** Appends one entry now (log() runs it in turn). Never rejects. */
  private async append(entry: LogEntry): Promise<void> {
    if (!this.key) return;
    try {
      await appendLog(await this.deps.db(), this.key, entry);
    } catch {
      // The action itself succeeded; losing one log line is better than reporting a failure.
    }
  }

  /**
   * The passphrase against the local header; if it is refused there and a fallback is set (sync:
   * the passphrase may have been changed in another browser), the fallback tries it too, within
   * the same attempt, so it counts once.
   */
  private async unlockByPassphrase(db: VaultDb, passphrase: string, header?: Promise<Result<StoredHeader>>): Promise<Result<CryptoKey>> {
    const unlocked = await unlockVault(db, passphrase, undefined, header);
    if (unlocked.ok || unlocked.problem.code !== ERR_WRONG_PASSPHRASE || !this.passphraseFallback) return unlocked;
    const other = await this.passphraseFallback(db, passphrase);
    return other.ok ? other : unlocked;
  }

  /** Sets the fallback `unlock` tries when the local header refuses the passphrase (one only). */
  setPassphraseFallback(fallback: PassphraseFallback): void {
    this.passphraseFallback = fallback;
  }

  /**
   * The accounts were written, by a request here or outside this service's requests (a sync took
   * versions from another browser, a vault merged in): forget the decrypted list, have popups
   * ask the background meanwhile, then list them again and keep the new list for the popup
   * (popup-snapshot.ts), so its next first paint is from the stores again.
   */
  async accountsChanged(): Promise<void> {
    await this.withdrawSnapshot();
    setTimeout(() => void this.republish().catch(() => undefined), 0);
  }

  /**
   * Before and after a write of accounts: forget the decrypted list, and have popups opening from
   * now on ask the background, so none paints what the write replaces (a deleted account, an HOTP
   * code already used). Set in this very turn, so a snapshot of the old list that was about to
   * be published is not (publish checks the cache).
   */
  private async withdrawSnapshot(): Promise<void> {
    this.cache = null;
    this.cachedTrash = null;
    this.generation++;
    this.published = null;
    if (this.key) await this.askForList();
  }

  /**
   * Both of the popup's snapshots say "ask the background": the first screen's first (the popup
   * paints from it), in the same turn (storage requests run in the order they are made).
   */
  private askForList(): Promise<unknown> {
    return Promise.all([
      this.deps.session.set(STORE_KEYS.popupFirstScreen, ASK_BACKGROUND),
      this.deps.session.set(STORE_KEYS.popupSnapshot, ASK_BACKGROUND),
    ]);
  }

  /** Lists the accounts (if unlocked) and keeps them for the popup. */
  private async republish(): Promise<void> {
    if (!this.key) return;
    await this.publish(await this.accounts());
  }

  /**
   * Keeps `accounts` (the cached list) in `storage.session` for the popup's first screen
   * (popup-snapshot.ts), unless it is kept already. Written in the same turn as the check, so a
   * lock or a change after it removes or replaces what this writes. `built`: its snapshot, if
   * already built (for an unlock's answer).
   */
  private async publish(accounts: Account[], built?: ReturnType<typeof buildPopupSnapshots>): Promise<void> {
    if (!this.key || accounts !== this.cache || accounts === this.published) return;
    this.published = accounts;
    const { whole, firstScreen } = built ?? buildPopupSnapshots(accounts, this.unreadable.length);
    const key = this.key;
    const fingerprint = this.cachedFingerprint;
    const unreadable = this.unreadable;
    // The whole list first: a popup painted from the first screen then finds it (or a newer one).
    await Promise.all([
      this.deps.session.set(STORE_KEYS.popupSnapshot, whole),
      this.deps.session.set(STORE_KEYS.popupFirstScreen, firstScreen),
    ]);
    await this.keepListCache(key, fingerprint, whole === ASK_BACKGROUND ? null : firstScreen, unreadable);
  }

  /**
   * Seals the popup's first screen for the next unlock's answer (lib/vault/list-cache.ts), for the
   * records it was made from (`fingerprint`), unless the stored cache was sealed for those already.
   * A list too long to keep (`firstScreen` null) or records that give no fingerprint leave no cache
   * behind.
   */
  private async keepListCache(
    key: CryptoKey,
    fingerprint: string | null,
    firstScreen: string | null,
    unreadable: readonly string[],
  ): Promise<void> {
    if (fingerprint !== null && firstScreen !== null && fingerprint === this.listCacheFingerprint) return;
    const db = await this.deps.db();
    if (fingerprint === null || firstScreen === null) await removeListCache(db);
    else await writeListCache(db, await sealListCache(key, fingerprint, encodeCachedAnswer(firstScreen, unreadable)));
    this.listCacheFingerprint = fingerprint;
  }

  /** `storage.local` says that a vault exists (nothing secret), so the popup shows the unlock form without asking. */
  private async markVaultExists(): Promise<void> {
    if (this.markedVaultExists) return;
    this.markedVaultExists = true;
    if ((await this.deps.local.get(STORE_KEYS.vaultExists)) !== true) await this.deps.local.set(STORE_KEYS.vaultExists, true);
  }

  /** The key slots may have changed outside this service (a synced header): refresh the unlock hints. */
  async slotsChanged(): Promise<void> {
    await this.refreshHints(await this.deps.db());
  }

  /** The database, for a feature that keeps its own entries in it (sync's state and settings). */
  database(): Promise<VaultDb> {
    return this.deps.db();
  }

  /** The data key while unlocked, else null: for background work that needs it whole (sync). */
  async dataKey(): Promise<CryptoKey | null> {
    await this.restore();
    return this.key;
  }

  /**
   * Runs `attempt` in the one passphrase-attempts queue (passphrase-attempts.ts): one at a time,
   * and a wrong secret counts toward the shared wait (joining or merging into a synced vault).
   */
  attempt<T>(attempt: () => Promise<Result<T>>): Promise<Result<T>> {
    return this.attempts.run(attempt);
  }

  /**
   * The vault is now under another data key (this browser's vault was merged into a synced one,
   * whose key it adopted): hold the new key, drop what the old one sealed for a pending step, let
   * features re-seal what they keep under it, and refresh the unlock hints (the old passkey and
   * recovery-key slots are gone).
   */
  async replaceDataKey(next: CryptoKey): Promise<void> {
    await this.restore();
    const previous = this.key;
    if (!previous) return;
    await this.keep(next);
    await this.pending.clear();
    const change: DataKeyChange = {
      open: (sealed, aad) => open(previous, sealed, aad).then((p) => p ?? null),
      seal: (plain, aad) => seal(next, plain, aad),
    };
    for (const listener of this.keyListeners) {
      try {
        await listener(change);
      } catch {
        // What a listener could not re-seal is simply asked for again (as after a browser restart).
      }
    }
    await this.refreshHints(await this.deps.db());
  }

  /**
   * A vault that was just joined (created from a synced one, lib/sync/join-vault.ts) with its data
   * key: unlocked, as after a passphrase unlock.
   */
  async adoptJoinedVault(key: CryptoKey): Promise<StateReply> {
    await this.restore();
    await this.keep(key);
    this.logUnlock('unlocked');
    const reply = await this.stateAfterUnlock(await this.deps.db());
    return reply.ok ? reply.value : this.state();
  }

  /** Runs `listener` after every unlock (once its reply is ready), e.g. to sync. */
  onUnlock(listener: () => Promise<void> | void): void {
    this.unlockListeners.push(listener);
  }

  /** Runs `listener` after every request that wrote the vault. */
  onWritten(listener: () => void): void {
    this.writeListeners.push(listener);
  }

  /** Runs `listener` when the data key is replaced (see `replaceDataKey`). */
  onDataKeyReplaced(listener: (change: DataKeyChange) => Promise<void>): void {
    this.keyListeners.push(listener);
  }

  private async settings(): Promise<Settings> {
    return parseSettings(await this.deps.local.get(STORE_KEYS.settings));
  }

  /** The decrypted accounts (cached); `sealed`: the records if already being read. */
  private async accounts(sealed?: ReturnType<typeof readSealedRecords>): Promise<Account[]> {
    if (!this.key) return [];
    if (!this.cache) {
      const generation = this.generation;
      // One listing per generation: a request arriving while an unlock's listing runs waits for it.
      if (this.listing?.generation !== generation) {
        const key = this.key;
        this.listing = { generation, listed: this.deps.db().then((db) => listAccounts(db, key, sealed)) };
      }
      const listing = this.listing;
      const listed = await listing.listed.catch((error: unknown) => {
        if (this.listing === listing) this.listing = null;
        throw error;
      });
      // Changed or locked while decrypting: answer this once, but keep nothing of it.
      if (generation !== this.generation) return this.key ? listed.accounts : [];
      if (this.listing === listing) this.listing = null;
      if (!this.cache) {
        this.cache = listed.accounts;
        this.unreadable = listed.unreadable;
        this.cachedTrash = listed.trash;
        this.cachedFingerprint = listed.fingerprint;
      }
    }
    return this.cache;
  }

  /**
   * The state for a reply; `answer: 'list'` (the popup's unlock): the first screen's snapshot
   * (`StateReply.list`) instead of the whole accounts, unless too long to keep.
   */
  private async state(sealed?: ReturnType<typeof readSealedRecords>, answer?: 'list'): Promise<StateReply> {
    const settings = await this.settings();
    if (this.recovered) return { phase: 'recovered', settings };
    if (this.key) {
      const listed = await this.accounts(sealed);
      const unreadable = this.unreadable;
      // Built once: the answer and the copy kept for the popup's next start-up are the same string.
      const built = answer === 'list' ? buildPopupSnapshots(listed, unreadable.length) : undefined;
      // Once this answer is on its way: a popup opening meanwhile asks the background.
      setTimeout(() => void this.publish(listed, built).catch(() => undefined), 0);
      // The first screen only: a thousand accounts' text (about 260 KB) took 20-28 ms to cross
      // the messaging, before a single code was drawn. The popup reads the rest once it has painted.
      if (built && built.whole !== ASK_BACKGROUND) return { phase: 'unlocked', settings, list: built.firstScreen, unreadable };
      const accounts: WireAccount[] = listed.map((a) => toWire(a));
      return { phase: 'unlocked', settings, accounts, unreadable };
    }
    if (!(await hasVault(await this.deps.db()))) return { phase: 'setup', settings };
    await this.markVaultExists();
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
    await this.noteHints({ passkey: false, recoveryKey: false });
    return ok(await this.state());
  }

  /**
   * Every unlock (passphrase, passkey) is an attempt in the one queue (passphrase-attempts.ts): a
   * failed one counts toward the shared wait, whichever way in it tried.
   */
  private async unlockWith(
    attempt: (db: VaultDb, header: Promise<Result<StoredHeader>>) => Promise<Result<CryptoKey>>,
    logType: 'unlocked' | 'unlocked-passkey',
    answer?: 'list',
  ): Promise<Result<StateReply>> {
    if (this.key) return ok(await this.state(undefined, answer));
    const db = await this.deps.db();
    // The header is read first: the key's derivation needs it, and a read asked for after the
    // records' waits until they are all read (about 10 ms at 1,000 accounts).
    const header = readStoredHeader(db);
    header.catch(() => undefined);
    // The sealed records are read while the key is derived (they need no key to read), so the
    // answer waits only for their decryption after it. Unused if this attempt fails.
    const sealed = readSealedRecords(db);
    sealed.catch(() => undefined);
    const unlocked = await this.attempts.run(async () => {
      // Another attempt in the queue may have unlocked meanwhile: no derivation needed then.
      if (this.key) return ok(this.key);
      // Or opened it with the recovery key: then only a new passphrase may follow.
      if (this.recovered) return fail(ERR_NEW_PASSPHRASE_REQUIRED);
      return attempt(db, header);
    });
    if (!unlocked.ok) return unlocked;
    if (this.key === unlocked.value) return ok(await this.state(undefined, answer));
    await this.keep(unlocked.value);
    this.logUnlock(logType);
    return this.stateAfterUnlock(db, sealed, answer);
  }

  /**
   * Unlocks with the recovery key into the `recovered` phase: the data key is held, but nothing
   * is answered until a new passphrase is set (`setNewPassphrase`). A failure counts like a wrong
   * passphrase; a typo the check characters find does not (passphrase-attempts.ts).
   */
  private async unlockWithRecoveryKey(text: string): Promise<Result<StateReply>> {
    if (this.key) return ok(await this.state());
    const db = await this.deps.db();
    // Another attempt in the queue may have unlocked (then there is nothing to recover) or
    // recovered meanwhile.
    const opened = await this.attempts.run(async () =>
      this.key ? ok(null) : this.recovered ? ok(this.recovered) : unlockWithRecoveryKey(db, text),
    );
    if (!opened.ok) return opened;
    if (opened.value && this.recovered !== opened.value) {
      this.recovered = opened.value;
      this.cache = null;
      this.cachedTrash = null;
      // The flag first: a worker restarted in between must not come back plainly unlocked.
      await this.deps.session.set(STORE_KEYS.recoveryPending, true);
      await this.deps.session.set(STORE_KEYS.sessionDataKey, Array.from(await exportDataKey(opened.value)));
    }
    return ok(await this.state());
  }

  /** Ends the `recovered` phase: the new passphrase replaces the forgotten one, and the vault is unlocked. */
  private async setNewPassphrase(passphrase: string): Promise<Result<StateReply>> {
    const key = this.recovered;
    if (!key) return fail(this.key ? ERR_NEW_PASSPHRASE_NOT_ASKED : 'err_locked');
    const usable = checkNewPassphrase(passphrase);
    if (!usable.ok) return usable;
    const db = await this.deps.db();
    const opts = this.deps.iterations ? { iterations: this.deps.iterations } : undefined;
    const set = await setNewPassphrase(db, key, passphrase, opts);
    if (!set.ok) return set;
    this.recovered = null;
    this.key = key;
    await this.withdrawSnapshot();
    await this.deps.session.remove(STORE_KEYS.recoveryPending);
    this.logUnlock('unlocked-recovery-key');
    await this.log({ type: 'passphrase-changed', time: this.deps.now() });
    return this.stateAfterUnlock(db);
  }

  /**
   * The failed attempts that waited while locked, then the unlock itself, into the activity log:
   * in turn, after the answer, so the user waits for codes, not for the log (read-log waits for
   * it). If the vault locks again before, the failures stay noted for the next unlock.
   */
  private logUnlock(type: 'unlocked' | 'unlocked-passkey' | 'unlocked-recovery-key'): void {
    const time = this.deps.now();
    this.logged = this.logged
      .then(async () => {
        if (!this.key) return;
        for (const entry of failureEntries(await this.deps.local.get(STORE_KEYS.pendingUnlockFailures))) await this.append(entry);
        if (this.key) await this.deps.local.remove(STORE_KEYS.pendingUnlockFailures);
        await this.append({ type, time });
      })
      .catch(() => undefined);
  }

  /**
   * The unlocked state for the reply; then, once it is ready (so the first codes do not wait for
   * it), the trash's tombstones older than 30 days are purged (lib/vault/trash.ts) and the unlock
   * hints refreshed.
   */
  private async stateAfterUnlock(db: VaultDb, sealed?: ReturnType<typeof readSealedRecords>, answer?: 'list'): Promise<Result<StateReply>> {
    // The popup's unlock: answered from the list cache if it opens for the records read ahead;
    // the records are opened right after, and the list they give replaces the cached one.
    const cached = answer === 'list' && sealed ? await this.cachedAnswer(sealed) : null;
    // (A failure here leaves the popup's snapshot asking the background, which opens the records.)
    const confirmed = cached ? afterThisTask(() => this.confirmCachedAnswer(cached.list, sealed)).catch(() => undefined) : null;
    const reply = cached?.reply ?? (await this.state(sealed, answer));
    const key = this.key;
    this.afterReply(async () => {
      await confirmed;
      // The trash as the listing opened it: the purge reads and opens nothing again (it would
      // take as long as the unlock's own decryption, while the popup draws its codes).
      const trash = this.cachedTrash ?? undefined;
      if (key) await purgeTrash(db, key, this.deps.now(), trash);
      await this.refreshHints(db);
    });
    for (const listener of this.unlockListeners) this.afterReply(async () => listener());
    return ok(reply);
  }

  /**
   * The popup's unlock answer from the list cache (lib/vault/list-cache.ts), if it opens for the
   * records `sealed` read ahead: exactly those records, under this data key. Null otherwise.
   */
  private async cachedAnswer(
    sealed: NonNullable<ReturnType<typeof readSealedRecords>>,
  ): Promise<{ reply: StateReply; list: string } | null> {
    const key = this.key;
    const vault = await sealed.catch(() => undefined);
    const fingerprint = vault ? await vault.fingerprint.catch(() => null) : null;
    if (!key || !vault || fingerprint === null) return null;
    const [content, settings] = await Promise.all([openListCache(key, fingerprint, vault.listCache), this.settings()]);
    const answer = content === null ? null : decodeCachedAnswer(content);
    if (!answer || this.key !== key || this.recovered) return null;
    this.listCacheFingerprint = fingerprint;
    return { reply: { phase: 'unlocked', settings, list: answer.list, unreadable: [...answer.unreadable] }, list: answer.list };
  }

  /**
   * After an answer from the list cache: opens the records, keeps the list they give for the popup
   * (and the cache), and if it is not the list answered, tells open pages to ask again.
   */
  private async confirmCachedAnswer(answered: string, sealed: ReturnType<typeof readSealedRecords> | undefined): Promise<void> {
    const generation = this.generation;
    const listed = await this.accounts(sealed);
    // Changed or locked meanwhile: that change republishes, and its page asks again.
    if (generation !== this.generation || listed !== this.cache) return;
    const built = buildPopupSnapshots(listed, this.unreadable.length);
    if (built.firstScreen === answered) return this.publish(listed, built);
    this.listCacheFingerprint = null; // sealed again with this list
    await this.publish(listed, built);
    this.deps.onListCorrected?.();
  }

  private afterReply(task: () => Promise<void>): void {
    this.housekeeping = this.housekeeping
      .then(() => afterThisTask(task))
      .catch(() => {
        // Housekeeping is retried on the next unlock; it never fails the request that started it.
      });
  }

  /** Resolves once the work unlocks started after replying (and the log) has finished (tests wait for it). */
  settled(): Promise<void> {
    return this.housekeeping.then(() => this.logged);
  }

  private async refreshHints(db: VaultDb): Promise<void> {
    const options = await unlockOptions(db);
    if (options.ok) await this.noteHints(hintsOf(options.value));
  }

  private async noteHints(hints: UnlockHints): Promise<void> {
    const stored = parseUnlockHints(await this.deps.local.get(STORE_KEYS.unlockHints));
    if (stored?.passkey !== hints.passkey || stored.recoveryKey !== hints.recoveryKey)
      await this.deps.local.set(STORE_KEYS.unlockHints, hints);
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
    this.cachedTrash = null;
    this.generation++;
    this.published = null;
    // "Ask the background" goes in before the key, so a popup opening meanwhile never takes the
    // vault for locked; and in this very turn, so a snapshot published after it is not overwritten.
    const asking = this.askForList();
    const raw = Array.from(await exportDataKey(key));
    await Promise.all([asking, this.deps.session.set(STORE_KEYS.sessionDataKey, raw), this.markVaultExists()]);
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

  /**
   * What a backup needs to carry the vault's recovery slot (lib/vault/backup.ts), so the recovery
   * key opens it too; `undefined` while locked or when the vault has no recovery key.
   */
  async backupRecoveryKey(): Promise<BackupRecoveryKey | undefined> {
    await this.restore();
    if (!this.key) return undefined;
    const found = await recoveryBackupKey(await this.deps.db(), this.key);
    return found.ok ? found.value : undefined;
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
   * Forgets the data key and every decrypted account, in memory and in `storage.session` (the
   * popup's snapshot too), then
   * runs the `onLock` listeners (each on its own: one that fails does not stop the others).
   */
  async lock(): Promise<void> {
    await this.restore();
    this.key = null;
    this.recovered = null;
    this.cache = null;
    this.cachedTrash = null;
    this.unreadable = [];
    this.generation++;
    this.published = null;
    // The popup's list first (the first screen's before the whole): a popup opening meanwhile then shows the unlock form.
    await Promise.all([
      this.deps.session.remove(STORE_KEYS.popupFirstScreen),
      this.deps.session.remove(STORE_KEYS.popupSnapshot),
      this.deps.session.remove(STORE_KEYS.popupSavedScreen),
      this.deps.session.remove(STORE_KEYS.sessionDataKey),
    ]);
    await this.deps.session.remove(STORE_KEYS.recoveryPending);
    await this.pending.clear();
    await Promise.all(
      this.lockListeners.map(async (listener) => {
        try {
          await listener();
        } catch {
          // Each listener clears its own state; one failing must not keep the others from running.
        }
      }),
    );
  }
}
