/**
 * Sync in the background (docs/design.md, "Sync"): the settings page's and the first-run screen's
 * requests, and when to sync. Pure of browser APIs: the vault, `storage.sync`, `fetch`, the
 * permission check, timers and the periodic alarm come in through `deps`, so the whole flow is
 * unit-tested in Node (`lib/sync/register.ts` wires it to the browser).
 *
 * - **When.** Shortly after a local write (debounced, so a burst of edits is one sync), when
 *   another browser's change arrives in `storage.sync` (its `onChanged`; this browser's own
 *   writes are recognised and ignored), on a periodic alarm (WebDAV has no change events), and
 *   right after an unlock. Only while unlocked: a lock stops the timers, the alarm, and the report
 *   of a sync still running (it writes only ciphertext, and holds no key after it ends).
 * - **One at a time.** Syncs, turning sync on or off, joining and merging in run in one queue; a
 *   sync asked for while one waits in the queue is that one.
 * - **Passphrases.** Joining a synced vault, merging into one, and unlocking with a synced header
 *   (the passphrase changed in another browser) try a passphrase: each runs in the vault's one
 *   attempts queue, and a wrong one counts toward the shared wait.
 * - **After a sync that took something in** the vault service forgets its decrypted accounts and
 *   every open page is told to ask again.
 * - **The status.** Whenever something it shows may have changed (a sync starts or ends, a local
 *   write, sync turned on, off or moved, a lock or unlock) `deps.statusChanged` is called once the
 *   change can be read: open settings pages then read it again (lib/sync/status-notice.ts).
 */
import { fail, ok, type Result } from '../result';
import type { StateReply } from '../vault-service/protocol';
import type { VaultDb } from '../vault/vault-db';
import { HEADER_KEY, SYNC_SETTINGS_KEY } from '../vault/vault-db';
import { parseStoredHeader } from '../vault/vault-header';
import { ERR_VAULT_EXISTS, ERR_WRONG_PASSPHRASE } from '../vault/vault-problems';
import { hasVault } from '../vault/vault-header-store';
import { joinSyncedVault, mergeInSyncedVault } from './join-vault';
import { remoteHeaderOf } from './read-remote';
import type { RetryPolicy } from './retry';
import { storageSyncTransport, type SyncStorageArea } from './storage-sync-transport';
import { syncOnce, transportProblem, type SyncReport } from './sync-engine';
import { parseItemName } from './sync-items';
import { ERR_SYNC_NEWER_FORMAT, ERR_SYNC_OFF, ERR_SYNC_OTHER_VAULT, ERR_SYNC_PERMISSION, ERR_SYNC_TOO_LARGE } from './sync-problems';
import { checkSyncSettings, clearSyncSettings, readSyncSettings, saveSyncSettings, type SyncSettings } from './sync-settings';
import { readSyncState, updateSyncState } from './sync-state';
import { readSyncStatus } from './sync-status';
import type { SyncTransport } from './transport';
import { unlockWithSyncedHeader } from './unlock-with-synced-header';
import { webDavTransport, type Fetch } from './webdav-transport';
import type { SyncEnableReply, SyncReplyMap, SyncRequest, SyncStatusReply, SyncTarget } from './protocol';

/** What sync needs from the vault service (lib/vault-service/vault-service.ts has all of it). */
interface SyncVault {
  database(): Promise<VaultDb>;
  /** The data key while unlocked, else null. */
  dataKey(): Promise<CryptoKey | null>;
  /** Runs a try of a passphrase in the one attempts queue (a wrong one counts toward the wait). */
  attempt<T>(attempt: () => Promise<Result<T>>): Promise<Result<T>>;
  /** After a merge-in: the vault is under the synced vault's data key from now on. */
  replaceDataKey(key: CryptoKey): Promise<void>;
  /** After a join: the new vault is unlocked with its data key. */
  adoptJoinedVault(key: CryptoKey): Promise<StateReply>;
  /** Accounts were written behind the service's back: forget the decrypted ones. */
  accountsChanged(): Promise<void>;
  /** The header's slots may have changed (a synced header was adopted). */
  slotsChanged(): Promise<void>;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SyncServiceDeps {
  readonly vault: SyncVault;
  /** `storage.sync`. */
  readonly area: SyncStorageArea;
  readonly fetch: Fetch;
  /** Whether Sesame may reach the WebDAV folder's origin (`permissions.contains`). */
  readonly canReach: (url: string) => Promise<boolean>;
  readonly now: () => number;
  /** Tells every open page that the accounts changed (lib/messaging/accounts-notice.ts). */
  readonly notify: () => Promise<void>;
  /** Turns the periodic sync on or off (an alarm; see register.ts). */
  readonly setPeriodic: (on: boolean) => Promise<void>;
  /**
   * Something the status shows may have changed (lib/sync/status-notice.ts): called once the change
   * can be read, so a page that reads the status when told sees it.
   */
  readonly statusChanged?: () => void;
  readonly timers?: Timers;
  /** WebDAV retries and timeout (tests make them short). */
  readonly retry?: RetryPolicy;
  readonly webDavTimeoutMs?: number;
}

/** A sync this long after a local write: edits made together go out together. */
export const WRITE_DELAY_MS = 2_000;
/** A sync this long after another browser's change arrived (its items often arrive one by one). */
const ARRIVAL_DELAY_MS = 1_000;
/** A sync this long after an unlock (or a join): the codes are painted first. */
const UNLOCK_DELAY_MS = 1_000;
/** A later sync is asked for with a timer only within this; beyond it the periodic alarm comes first. */
const LONGEST_TIMER_MS = 60_000;

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The id of the vault in this browser, or undefined without a (format-2) vault. */
async function vaultIdOf(db: VaultDb): Promise<string | undefined> {
  const stored = parseStoredHeader(await db.get('meta', HEADER_KEY));
  return stored.ok && stored.value.version === 2 ? stored.value.header.vaultId : undefined;
}

/**
 * An item's value as JSON with each object's keys in sorted order. Chrome keeps `storage.sync`
 * values as its own dictionaries, whose keys come back sorted (a bucket written as `{v, vault, iv,
 * data}` is echoed as `{data, iv, v, vault}`): compared in this form, its echo of this browser's
 * own write is recognised, and does not start another sync a second after every sync.
 */
const itemJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

const settingsOf = (target: SyncTarget): SyncSettings =>
  target.kind === 'browser'
    ? { kind: 'browser' }
    : { kind: 'webdav', url: target.url ?? '', username: target.username ?? '', password: target.password ?? '' };

const sameTarget = (a: SyncSettings, b: SyncSettings): boolean =>
  a.kind === b.kind && (a.kind === 'browser' || (b.kind === 'webdav' && a.url === b.url && a.username === b.username));

/** Problems after which turning sync on is undone: nothing was written, and nothing will be. */
const REFUSED_AT_START = new Set([ERR_SYNC_TOO_LARGE, ERR_SYNC_OTHER_VAULT, ERR_SYNC_NEWER_FORMAT]);

export class SyncService {
  private readonly timers: Timers;
  /** The end of the queue of syncs and sync changes. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A sync waiting in the queue, not started yet: asking again joins it. */
  private queued: Promise<SyncReport | undefined> | null = null;
  private syncing = false;
  private timer: unknown = null;
  private timerAt = Infinity;
  /** Moves on at every lock, so a sync that was running then reports nothing. */
  private generation = 0;
  /** What this browser last wrote to each storage.sync item (JSON; null: removed), to tell its own writes from others'. */
  private readonly written = new Map<string, string>();
  private readonly area: SyncStorageArea;

  constructor(private readonly deps: SyncServiceDeps) {
    this.timers = deps.timers ?? realTimers;
    const written = this.written;
    const area = deps.area;
    this.area = {
      get: (keys) => area.get(keys),
      async set(items) {
        for (const [name, value] of Object.entries(items)) written.set(name, itemJson(value));
        await area.set(items);
      },
      async remove(keys) {
        for (const name of keys) written.set(name, 'null');
        await area.remove(keys);
      },
    };
  }

  async handle<T extends SyncRequest>(request: T): Promise<Result<SyncReplyMap[T['type']]>> {
    const reply = await this.dispatch(request);
    return reply as Result<SyncReplyMap[T['type']]>;
  }

  private async dispatch(request: SyncRequest): Promise<Result<unknown>> {
    switch (request.type) {
      case 'sync-status':
        return ok(await this.status());
      case 'sync-now': {
        if (!(await this.deps.vault.dataKey())) return fail('err_locked');
        if (!(await this.enabled())) return fail(ERR_SYNC_OFF);
        await this.run();
        return ok(await this.status());
      }
      case 'sync-disable':
        return this.exclusive(async () => {
          this.stopTimer();
          await clearSyncSettings(await this.deps.vault.database());
          await this.deps.setPeriodic(false);
          return ok(await this.status());
        });
      case 'sync-enable':
        return this.exclusive(() => this.enable(request, request.passphrase));
      case 'sync-join':
        return this.exclusive(() => this.join(request, request.passphrase));
    }
  }

  /** What the settings page shows; while locked, without the transport's details. */
  async status(): Promise<SyncStatusReply> {
    const db = await this.deps.vault.database();
    const enabled = await this.enabled();
    const key = await this.deps.vault.dataKey();
    const vaultId = await vaultIdOf(db);
    const settings = enabled && key && vaultId ? await readSyncSettings(db, key, vaultId) : undefined;
    const { unreadable: _unreadable, ...status } = await readSyncStatus(db);
    return {
      enabled,
      ...(settings ? { kind: settings.kind } : {}),
      ...(settings?.kind === 'webdav' ? { url: settings.url, username: settings.username } : {}),
      ...status,
      syncing: this.syncing,
    };
  }

  private async enabled(): Promise<boolean> {
    return (await (await this.deps.vault.database()).count('meta', SYNC_SETTINGS_KEY)) > 0;
  }

  private transportFor(settings: SyncSettings): SyncTransport {
    if (settings.kind === 'browser') return storageSyncTransport(this.area);
    return webDavTransport({
      url: settings.url,
      username: settings.username,
      password: settings.password,
      fetch: this.deps.fetch,
      ...(this.deps.retry ? { retry: this.deps.retry } : {}),
      ...(this.deps.webDavTimeoutMs ? { timeoutMs: this.deps.webDavTimeoutMs } : {}),
    });
  }

  /** The settings as typed, checked, and for WebDAV with its origin granted. */
  private async usableSettings(target: SyncTarget): Promise<Result<SyncSettings>> {
    const checked = checkSyncSettings(settingsOf(target));
    if (!checked.ok) return checked;
    if (checked.value.kind === 'webdav' && !(await this.deps.canReach(checked.value.url))) return fail(ERR_SYNC_PERMISSION);
    return checked;
  }

  /** Runs `task` in the queue, after every sync and change asked for before it; the status may differ after it. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.queued = null; // a sync asked for from now on runs after this task
    const turn = this.tail.then(task).finally(() => this.statusChanged());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private statusChanged(): void {
    this.deps.statusChanged?.();
  }

  /** Syncs (after whatever is in the queue). Resolves with the report, or undefined when nothing ran. */
  run(): Promise<SyncReport | undefined> {
    if (this.queued) return this.queued;
    const turn = this.tail.then(() => {
      if (this.queued === turn) this.queued = null;
      return this.runNow();
    });
    this.queued = turn;
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** One sync, if unlocked and on. Only called from the queue. */
  private async runNow(): Promise<SyncReport | undefined> {
    const key = await this.deps.vault.dataKey();
    if (!key) return undefined;
    const generation = this.generation;
    const db = await this.deps.vault.database();
    const vaultId = await vaultIdOf(db);
    if (!vaultId) return undefined;
    const settings = await readSyncSettings(db, key, vaultId);
    if (!settings) return undefined;
    const now = this.deps.now();
    const before = await readSyncState(db);
    if (before?.retryAt !== undefined && before.retryAt > now) {
      this.scheduleAt(before.retryAt);
      return undefined;
    }
    if (settings.kind === 'webdav' && !(await this.deps.canReach(settings.url))) {
      await updateSyncState(db, vaultId, (s) => ({ ...s, lastProblem: { code: ERR_SYNC_PERMISSION } }));
      this.statusChanged();
      return undefined;
    }
    // This sync takes in every write made before it starts, and whatever another browser wrote: a
    // sync a timer would start for those (a write just before sync was turned on, an arrival) is
    // no longer needed. Writes made from now on set their own timer.
    this.stopTimer();
    this.syncing = true;
    this.statusChanged();
    let report: SyncReport;
    try {
      report = await syncOnce({ db, dataKey: key, transport: this.transportFor(settings), now: this.deps.now });
    } finally {
      this.syncing = false;
      this.statusChanged(); // the engine has written the sync state: the time, the problem, the retry time
    }
    if (generation !== this.generation) return report; // locked meanwhile: nobody to tell
    const headerChanged = report.header === 'adopted' || report.header === 'merged';
    if (report.pulled > 0 || headerChanged) {
      await this.deps.vault.accountsChanged();
      if (headerChanged) await this.deps.vault.slotsChanged();
      await this.deps.notify();
    }
    const after = await readSyncState(db);
    if (after?.retryAt !== undefined && after.retryAt > this.deps.now()) this.scheduleAt(after.retryAt);
    return report;
  }

  private async enable(target: SyncTarget, passphrase: string | undefined): Promise<Result<SyncEnableReply>> {
    const key = await this.deps.vault.dataKey();
    if (!key) return fail('err_locked');
    const usable = await this.usableSettings(target);
    if (!usable.ok) return usable;
    const settings = usable.value;
    const db = await this.deps.vault.database();
    const vaultId = await vaultIdOf(db);
    if (!vaultId) return fail('err_locked');
    const transport = this.transportFor(settings);
    // Look first: a store that cannot be read, or holds another vault, changes nothing here.
    const read = await transport.readAll();
    if (!read.ok) return { ok: false, problem: transportProblem(read.error) };
    const found = remoteHeaderOf(read.value);
    if (found.problem) return { ok: false, problem: found.problem };

    if (found.header && found.header.vaultId !== vaultId) {
      if (passphrase === undefined) return ok({ outcome: 'other-vault' });
      const merged = await this.deps.vault.attempt(() => mergeInSyncedVault(db, key, transport, passphrase, this.deps.now()));
      if (!merged.ok) return merged;
      const { dataKey, added, droppedSlots, sameVault } = merged.value;
      if (!sameVault) await this.deps.vault.replaceDataKey(dataKey);
      await saveSyncSettings(db, dataKey, found.header.vaultId, settings);
      await this.deps.vault.accountsChanged();
      await this.deps.notify();
      await this.runNow();
      await this.deps.setPeriodic(true);
      return ok({ outcome: 'merged', added, droppedSlots, status: await this.status() });
    }

    // The same vault, or nothing there yet. Another place than before starts with a fresh sync state.
    const previous = await readSyncSettings(db, key, vaultId);
    if (previous && !sameTarget(previous, settings)) await clearSyncSettings(db);
    await saveSyncSettings(db, key, vaultId, settings);
    const report = await this.runNow();
    if (report && !report.ok && report.problem && REFUSED_AT_START.has(report.problem.code)) {
      // Nothing was written there (the engine refuses before writing): turn it off again.
      await clearSyncSettings(db);
      return { ok: false, problem: report.problem };
    }
    await this.deps.setPeriodic(true);
    return ok({ outcome: 'enabled', status: await this.status() });
  }

  private async join(target: SyncTarget, passphrase: string): Promise<Result<StateReply>> {
    const usable = await this.usableSettings(target);
    if (!usable.ok) return usable;
    const db = await this.deps.vault.database();
    if (await hasVault(db)) return fail(ERR_VAULT_EXISTS);
    const transport = this.transportFor(usable.value);
    const joined = await this.deps.vault.attempt(() => joinSyncedVault(db, transport, passphrase, this.deps.now()));
    if (!joined.ok) return joined;
    const vaultId = await vaultIdOf(db);
    if (vaultId) await saveSyncSettings(db, joined.value.dataKey, vaultId, usable.value);
    await this.deps.setPeriodic(true);
    // Unlocked from here on, as after a passphrase unlock (which syncs: onUnlocked).
    return ok(await this.deps.vault.adoptJoinedVault(joined.value.dataKey));
  }

  /**
   * The passphrase did not open the local header: with sync on through the browser's storage, it
   * may have been changed in another browser (lib/sync/unlock-with-synced-header.ts). Runs inside
   * the unlock's own attempt. A WebDAV folder cannot be read while locked (its password is sealed
   * under the data key): there the previous passphrase opens the vault until it syncs.
   */
  async unlockFallback(db: VaultDb, passphrase: string): Promise<Result<CryptoKey>> {
    if ((await db.count('meta', SYNC_SETTINGS_KEY)) === 0) return fail(ERR_WRONG_PASSPHRASE);
    return unlockWithSyncedHeader(db, storageSyncTransport(this.area), passphrase);
  }

  onUnlocked(): void {
    this.statusChanged(); // the place (kind, folder) is told while unlocked only
    this.schedule(UNLOCK_DELAY_MS);
    void this.enabled().then((on) => (on ? this.deps.setPeriodic(true) : undefined));
  }

  onLocked(): void {
    this.generation++;
    this.stopTimer();
    void this.deps.setPeriodic(false);
    this.statusChanged();
  }

  /** The vault was written here: one more change is pending until the sync that follows. */
  onLocalWrite(): void {
    this.statusChanged();
    this.schedule(WRITE_DELAY_MS);
  }

  /** `storage.onChanged` for the `sync` area: another browser's items arrived (not this one's own writes). */
  onStoreChanged(changes: Readonly<Record<string, { readonly newValue?: unknown }>>): void {
    const ours = Object.entries(changes).filter(([name]) => parseItemName(name) !== undefined);
    const echo = ours.every(([name, change]) => this.written.get(name) === itemJson(change.newValue ?? null));
    if (ours.length > 0 && !echo) this.schedule(ARRIVAL_DELAY_MS);
  }

  /** The periodic alarm. */
  tick(): Promise<SyncReport | undefined> {
    return this.run();
  }

  /** A sync `delayMs` from now, unless one is due sooner already. */
  private schedule(delayMs: number): void {
    this.scheduleAt(this.deps.now() + delayMs);
  }

  private scheduleAt(at: number): void {
    const delay = Math.max(0, at - this.deps.now());
    if (delay > LONGEST_TIMER_MS || (this.timer !== null && this.timerAt <= at)) return;
    this.stopTimer();
    this.timerAt = at;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.run();
    }, delay);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }
}
