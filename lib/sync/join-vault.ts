/**
 * Joining a synced vault, and merging a browser's own vault into one (docs/design.md, "Sync").
 *
 * - **Join** (a browser with no vault; the first-run screen's "join"): open the synced header with
 *   that vault's passphrase, and store the header and every record that authenticates, as they
 *   are, in one transaction. The browser then has the same vault (same id, same data key, same
 *   slots) and unlocks with the same passphrase.
 * - **Merge in** (a browser with its own vault turning sync on): open the synced header with the
 *   synced vault's passphrase; re-encrypt this browser's accounts (live, in the trash, purged) and
 *   its activity log under the synced data key, placed after the synced accounts in their own
 *   order; adopt the synced header. One transaction: nothing on either side is lost, and the next
 *   sync pushes this browser's accounts. This browser's own passkey and recovery-key slots
 *   wrapped the old data key and no longer apply: they are returned so the user can be told.
 */
import { fail, ok, type Result } from '../result';
import { logAad } from '../vault/activity-log';
import { sealAccountRecord, sealPurgedTombstone, type AccountRecord, type OpenedRecord } from '../vault/account-record';
import { importRawDataKey, open, seal } from '../vault/crypto';
import { DEVICE_KEY, issueClocks, newDeviceClockState, parseDeviceClockState } from '../vault/device-clock';
import { bytesEqual } from '../vault/encoding';
import { formatHlc, parseHlc, receive } from '../vault/hybrid-logical-clock';
import { abortQuietly, commitAll } from '../vault/idb-write';
import { compareOrderKeys, orderKeysBetween } from '../vault/order-key';
import { HEADER_KEY, SYNC_SETTINGS_KEY, SYNC_STATE_KEY, type VaultDb } from '../vault/vault-db';
import { parseStoredHeader, type VaultHeader } from '../vault/vault-header';
import {
  ERR_CHANGED_MEANWHILE,
  ERR_HEADER_TAMPERED,
  ERR_VAULT_EXISTS,
  ERR_VAULT_MISSING,
  ERR_WRONG_PASSPHRASE,
} from '../vault/vault-problems';
import { hasVault, listSlots, openHeaderWithPassphrase } from '../vault/vault';
import type { SlotSummary } from '../vault/vault-slots';
import { readLocalVault } from './local-vault';
import { normalizeHistory, pastOf } from './version-history';
import { joinVersions } from './merge-records';
import { readRemote, remoteHeaderOf, type RemoteVault } from './read-remote';
import { transportProblem } from './sync-engine';
import { ERR_SYNC_NOTHING_TO_JOIN, ERR_SYNC_WRONG_PASSPHRASE } from './sync-problems';
import { emptySyncState, syncStateValue, type SyncState } from './sync-state';
import type { SyncTransport } from './transport';

interface OpenedRemote {
  readonly header: VaultHeader;
  readonly rawKey: Uint8Array<ArrayBuffer>;
  readonly dataKey: CryptoKey;
  readonly remote: RemoteVault;
}

/** Reads the remote and opens its header with `passphrase`. */
async function openRemote(transport: SyncTransport, passphrase: string): Promise<Result<OpenedRemote>> {
  const read = await transport.readAll();
  if (!read.ok) return { ok: false, problem: transportProblem(read.error) };
  const headerRead = remoteHeaderOf(read.value);
  if (headerRead.problem) return { ok: false, problem: headerRead.problem };
  if (!headerRead.header) return fail(ERR_SYNC_NOTHING_TO_JOIN);
  const header = headerRead.header;
  const opened = await openHeaderWithPassphrase(header, passphrase);
  if (!opened.ok) return opened.problem.code === ERR_WRONG_PASSPHRASE ? fail(ERR_SYNC_WRONG_PASSPHRASE) : opened;
  const rawKey = opened.value;
  const dataKey = await importRawDataKey(rawKey);
  const remote = await readRemote(read.value, header.vaultId, dataKey, rawKey);
  if ('code' in remote) {
    rawKey.fill(0);
    return { ok: false, problem: remote };
  }
  return ok({ header, rawKey, dataKey, remote });
}

/** The remote's versions, one per id (their join), sealed as vault records. */
async function remoteRecords(dataKey: CryptoKey, remote: RemoteVault): Promise<{ records: AccountRecord[]; opened: OpenedRecord[] }> {
  const byId = new Map<string, OpenedRecord>();
  for (const { version: r } of remote.versions) byId.set(r.id, byId.has(r.id) ? joinVersions(byId.get(r.id)!, r) : r);
  const opened = [...byId.values()];
  const records = await Promise.all(
    opened.map((v) =>
      v.account ? sealAccountRecord(dataKey, v.account, v.clock, v.deleted) : sealPurgedTombstone(dataKey, v.id, v.clock),
    ),
  );
  return { records, opened };
}

/** The history of every synced version (version-history.ts), as this browser now holds them. */
function historiesOf(remote: RemoteVault, held: readonly OpenedRecord[]): Record<string, readonly [string, readonly string[]]> {
  const clocks = new Map(held.map((v) => [v.id, v.clock]));
  const out: Record<string, readonly [string, readonly string[]]> = {};
  for (const { version, history } of remote.versions) {
    if (clocks.get(version.id) !== version.clock) continue;
    out[version.id] = [version.clock, normalizeHistory([...(out[version.id]?.[1] ?? []), ...pastOf(version.clock, history)])];
  }
  return out;
}

const latestOf = (clocks: readonly string[]): string | undefined =>
  clocks.reduce<string | undefined>((max, c) => (max === undefined || c > max ? c : max), undefined);

/** A device clock past every clock this browser now holds. */
function deviceAfter(
  state: { deviceId: string; clock: string },
  latest: string | undefined,
  now: number,
): { deviceId: string; clock: string } {
  const mine = parseHlc(state.clock);
  const theirs = parseHlc(latest);
  return mine && theirs && latest! > state.clock ? { deviceId: state.deviceId, clock: formatHlc(receive(mine, theirs, now)) } : state;
}

export interface JoinOutcome {
  readonly dataKey: CryptoKey;
  /** Live accounts joined. */
  readonly accounts: number;
  /** Remote records that did not authenticate (not stored). */
  readonly unreadable: readonly string[];
}

/** Joins the synced vault (this browser has none yet). */
export async function joinSyncedVault(
  db: VaultDb,
  transport: SyncTransport,
  passphrase: string,
  now: number,
): Promise<Result<JoinOutcome>> {
  if (await hasVault(db)) return fail(ERR_VAULT_EXISTS);
  const opened = await openRemote(transport, passphrase);
  if (!opened.ok) return opened;
  const { header, rawKey, dataKey, remote } = opened.value;
  try {
    const { records, opened: versions } = await remoteRecords(dataKey, remote);
    const device = deviceAfter(newDeviceClockState(), latestOf(records.map((r) => r.clock)), now);
    const state: SyncState = {
      ...emptySyncState(header.vaultId),
      agreed: Object.fromEntries(records.map((r) => [r.id, r.clock])),
      histories: historiesOf(remote, versions),
      agreedHeader: header,
      lastSyncAt: now,
      unreadable: remote.unreadable,
    };
    const tx = db.transaction(['meta', 'accounts'], 'readwrite');
    const meta = tx.objectStore('meta');
    const accounts = tx.objectStore('accounts');
    try {
      // `add`: refuses if a vault was created meanwhile.
      await commitAll(tx, [
        () => meta.add(header, HEADER_KEY),
        () => meta.put(device, DEVICE_KEY),
        () => meta.put(syncStateValue(state), SYNC_STATE_KEY),
        ...records.map((r) => () => accounts.put(r)),
      ]);
    } catch {
      return fail(ERR_VAULT_EXISTS);
    }
    return ok({ dataKey, accounts: versions.filter((v) => !v.deleted).length, unreadable: remote.unreadable });
  } finally {
    rawKey.fill(0);
  }
}

export interface MergeInOutcome {
  /** The synced vault's data key: the one this browser's vault is under from now on. */
  readonly dataKey: CryptoKey;
  /** This browser's live accounts added to the synced vault. */
  readonly added: number;
  /** This browser's passkey and recovery-key slots, which opened the old key and are gone. */
  readonly droppedSlots: readonly SlotSummary[];
  /** The synced data was this vault already: nothing changed (just sync). */
  readonly sameVault: boolean;
}

/** Merges this browser's vault (unlocked with `localKey`) into the synced one (its passphrase). */
export async function mergeInSyncedVault(
  db: VaultDb,
  localKey: CryptoKey,
  transport: SyncTransport,
  passphrase: string,
  now: number,
): Promise<Result<MergeInOutcome>> {
  const localRaw = new Uint8Array(await crypto.subtle.exportKey('raw', localKey));
  const local = await readLocalVault(db, localKey, localRaw);
  localRaw.fill(0);
  if (local === 'missing') return fail(ERR_VAULT_MISSING);
  if (local === 'tampered') return fail(ERR_HEADER_TAMPERED);
  const opened = await openRemote(transport, passphrase);
  if (!opened.ok) return opened;
  const { header, rawKey, dataKey, remote } = opened.value;
  try {
    if (header.vaultId === local.header.vaultId) return ok({ dataKey: localKey, added: 0, droppedSlots: [], sameVault: true });
    const slots = await listSlots(db, localKey);
    const droppedSlots = slots.ok ? slots.value.filter((s) => s.kind !== 'passphrase') : [];
    const { records: synced, opened: syncedVersions } = await remoteRecords(dataKey, remote);
    const takenIds = new Set(synced.map((r) => r.id));

    // This browser's live accounts go after the synced ones, in their own order, with new clocks.
    const mine = [...local.records.values()].map((r) => r.opened);
    const live = mine
      .flatMap((r) => (r.deleted ? [] : [r.account]))
      .sort((a, b) => compareOrderKeys(a.order, b.order) || (a.id < b.id ? -1 : 1));
    const lastSynced = syncedVersions
      .flatMap((v) => (v.deleted ? [] : [v.account.order]))
      .sort(compareOrderKeys)
      .at(-1);
    const keys = orderKeysBetween(lastSynced, undefined, live.length);
    const deviceState = parseDeviceClockState(await db.get('meta', DEVICE_KEY)) ?? newDeviceClockState();
    const { clocks, next } = issueClocks(
      deviceState,
      now,
      live.length,
      synced.map((r) => r.clock),
    );
    const moved: { from: string; record: AccountRecord }[] = [];
    for (const [i, account] of live.entries()) {
      const id = takenIds.has(account.id) ? crypto.randomUUID() : account.id;
      moved.push({ from: account.id, record: await sealAccountRecord(dataKey, { ...account, id, order: keys[i]! }, clocks[i]!, false) });
    }
    // Tombstones keep their clocks (their 30 days in the trash go on) under the synced key.
    for (const r of mine.filter((m) => m.deleted)) {
      const id = takenIds.has(r.id) ? crypto.randomUUID() : r.id;
      const record = r.account
        ? await sealAccountRecord(dataKey, { ...r.account, id }, r.clock, true)
        : await sealPurgedTombstone(dataKey, id, r.clock);
      moved.push({ from: r.id, record });
    }
    // The activity log, re-encrypted entry by entry (same sequence numbers, same additional data).
    const log = await db.getAll('log');
    const resealed = [];
    for (const entry of log) {
      const plain = await open(localKey, entry, logAad(entry.seq));
      if (!plain) continue; // an entry that did not open before does not open now either
      const sealed = await seal(dataKey, plain, logAad(entry.seq));
      plain.fill(0);
      resealed.push({ seq: entry.seq, iv: sealed.iv, ciphertext: sealed.ciphertext });
    }
    const device = deviceAfter(next, latestOf(synced.map((r) => r.clock)), now);
    const state: SyncState = {
      ...emptySyncState(header.vaultId),
      agreed: Object.fromEntries(synced.map((r) => [r.id, r.clock])),
      histories: historiesOf(remote, syncedVersions),
      agreedHeader: header,
      unreadable: remote.unreadable,
    };

    const tx = db.transaction(['meta', 'accounts', 'log'], 'readwrite');
    const meta = tx.objectStore('meta');
    const accounts = tx.objectStore('accounts');
    const logStore = tx.objectStore('log');
    const current = parseStoredHeader(await meta.get(HEADER_KEY));
    if (!current.ok || current.value.version !== 2 || !bytesEqual(current.value.header.mac, local.header.mac)) {
      await abortQuietly(tx);
      return fail(ERR_CHANGED_MEANWHILE);
    }
    await commitAll(tx, [
      () => meta.put(header, HEADER_KEY),
      () => meta.put(device, DEVICE_KEY),
      () => meta.put(syncStateValue(state), SYNC_STATE_KEY),
      () => meta.delete(SYNC_SETTINGS_KEY), // sealed under the old key; the caller saves them again
      ...moved.filter((m) => m.from !== m.record.id).map((m) => () => accounts.delete(m.from)),
      ...moved.map((m) => () => accounts.put(m.record)),
      ...synced.map((r) => () => accounts.put(r)),
      ...resealed.map((entry) => () => logStore.put(entry)),
    ]);
    return ok({ dataKey, added: live.length, droppedSlots, sameVault: false });
  } finally {
    rawKey.fill(0);
  }
}
