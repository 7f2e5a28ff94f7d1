/**
 * One sync: pull → verify and decrypt → merge → write locally in one transaction → push what
 * changed (docs/design.md, "Sync"). Everything it needs is passed in (the vault database, the
 * data key, a transport, the time), so it runs the same in the background and in Node tests.
 *
 * Guarantees, each from a step below:
 * - Local data is written before anything is pushed, and only by a merge (which never lets an
 *   older version, a remote that does not authenticate, or an empty remote replace anything):
 *   an interrupted sync loses nothing, and the next one pushes what is left.
 * - The remote is written only with items built from the merged state, data items first and the
 *   header last, each conditional where the store has versions (a 412 means: read, merge, retry).
 * - Remote data of another vault is never merged nor overwritten (the user joins or merges in).
 * - What this browser last saw on both sides is learnt from reads only (sync-state.ts), so an item
 *   a browser's own sync later replaces with another browser's is still merged as concurrent.
 */
import type { Problem } from '../result';
import { sealAccountRecord, sealPurgedTombstone, type AccountRecord, type OpenedRecord } from '../vault/account-record';
import { exportRawDataKey } from '../vault/crypto';
import { signHeader } from '../vault/header-mac';
import type { VaultDb } from '../vault/vault-db';
import type { VaultHeader } from '../vault/vault-header';
import { ERR_HEADER_TAMPERED, ERR_VAULT_MISSING } from '../vault/vault-problems';
import { commitLocal, readLocalVault, sameVersion } from './local-vault';
import { decideHeader } from './merge-header';
import { joinVersions, mergeRecordSets } from './merge-records';
import { fitReport, packItems, type FitReport } from './pack-items';
import { readRemote, type RemoteVault } from './read-remote';
import {
  ERR_SYNC_BAD_RESPONSE,
  ERR_SYNC_BUSY,
  ERR_SYNC_FORBIDDEN,
  ERR_SYNC_HEADER_TAMPERED,
  ERR_SYNC_NOT_FOUND,
  ERR_SYNC_RATE_LIMITED,
  ERR_SYNC_RECORDS_UNREADABLE,
  ERR_SYNC_SERVER_FULL,
  ERR_SYNC_STORAGE_FULL,
  ERR_SYNC_TOO_LARGE,
  ERR_SYNC_UNAUTHORIZED,
  ERR_SYNC_UNAVAILABLE,
} from './sync-problems';
import { emptySyncState, updateSyncState, type SyncState } from './sync-state';
import { HEADER_ITEM, parseItemName, sealBucket, type SyncedVersion } from './sync-items';
import { normalizeHistory, pastOf, type History } from './version-history';
import type { ItemWrite, SyncTransport, TransportError } from './transport';

export interface SyncEngineDeps {
  readonly db: VaultDb;
  /** The vault's data key (the vault is unlocked: sync runs only then). */
  readonly dataKey: CryptoKey;
  readonly transport: SyncTransport;
  readonly now: () => number;
}

export interface SyncReport {
  /** True when the sync completed (pulled, merged and pushed); `problem` may still carry a warning. */
  readonly ok: boolean;
  readonly problem?: Problem;
  /** Records this browser took from the remote (new or newer versions, conflict copies). */
  readonly pulled: number;
  /** Items written to the remote. */
  readonly pushed: number;
  readonly conflicts: readonly { readonly id: string; readonly copyId: string }[];
  /** Remote record ids that did not authenticate: ignored, this browser's versions kept. */
  readonly unreadable: readonly string[];
  readonly header: 'same' | 'adopted' | 'pushed' | 'merged';
  /** For a store with size limits: how the vault fits. */
  readonly fit?: FitReport;
}

const ATTEMPTS = 4;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The Problem for a transport error, in words the settings page shows. */
export function transportProblem(error: TransportError): Problem {
  switch (error.kind) {
    case 'unauthorized':
      return { code: ERR_SYNC_UNAUTHORIZED };
    case 'forbidden':
      return { code: ERR_SYNC_FORBIDDEN };
    case 'not-found':
      return { code: ERR_SYNC_NOT_FOUND };
    case 'bad-response':
      return { code: ERR_SYNC_BAD_RESPONSE, params: [error.detail ?? ''] };
    case 'rate-limited':
      return { code: ERR_SYNC_RATE_LIMITED };
    case 'conflict':
      return { code: ERR_SYNC_BUSY };
    case 'quota':
      return { code: ERR_SYNC_SERVER_FULL, params: [error.detail ?? ''] };
    case 'unavailable':
      return { code: ERR_SYNC_UNAVAILABLE, params: [error.detail ?? ''] };
  }
}

/**
 * The browser's sync storage refused a write as full. If fewer accounts fit Sesame's share than
 * the vault has, the vault is too large; if they all fit, other items fill the storage, and "n of
 * its n accounts would fit" would make no sense.
 */
function quotaProblem(maxAccounts: number, accounts: number): Problem {
  return maxAccounts < accounts
    ? { code: ERR_SYNC_TOO_LARGE, params: [String(maxAccounts), String(accounts)] }
    : { code: ERR_SYNC_STORAGE_FULL };
}

function failed(problem: Problem, extra: Partial<SyncReport> = {}): SyncReport {
  return { ok: false, problem, pulled: 0, pushed: 0, conflicts: [], unreadable: [], header: 'same', ...extra };
}

/** A version sealed as a vault record (docs/vault-format.md §4). */
function sealVersion(dataKey: CryptoKey, version: OpenedRecord): Promise<AccountRecord> {
  return version.account
    ? sealAccountRecord(dataKey, version.account, version.clock, version.deleted)
    : sealPurgedTombstone(dataKey, version.id, version.clock);
}

/** Write operations in the window, and when the oldest leaves it. */
function rateWait(writes: readonly number[], now: number, ops: number, rate: { perMinute: number; perHour: number }): number | undefined {
  const lastMinute = writes.filter((t) => t > now - MINUTE);
  const lastHour = writes.filter((t) => t > now - HOUR);
  if (lastMinute.length + ops > rate.perMinute) return lastMinute[0]! + MINUTE;
  if (lastHour.length + ops > rate.perHour) return lastHour[0]! + HOUR;
  return undefined;
}

/** Runs one sync. Never throws for a remote or network problem: it comes back as `problem`. */
export async function syncOnce(deps: SyncEngineDeps): Promise<SyncReport> {
  const { db, dataKey } = deps;
  const rawKey = await exportRawDataKey(dataKey);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const outcome = await attemptSync(deps, rawKey);
      if (outcome !== 'again') return outcome;
    }
    const local = await readLocalVault(db, dataKey, rawKey);
    if (typeof local !== 'string') await recordProblem(db, local.header.vaultId, { code: ERR_SYNC_BUSY });
    return failed({ code: ERR_SYNC_BUSY });
  } finally {
    rawKey.fill(0);
  }
}

async function recordProblem(db: VaultDb, vaultId: string, problem: Problem, retryAt?: number): Promise<void> {
  await updateSyncState(db, vaultId, (s) => ({ ...s, lastProblem: problem, ...(retryAt !== undefined ? { retryAt } : {}) }));
}

/** One pass; `'again'` when a concurrent change (local or remote) means it must start over. */
async function attemptSync(deps: SyncEngineDeps, rawKey: Uint8Array): Promise<SyncReport | 'again'> {
  const { db, dataKey, transport } = deps;
  const now = deps.now();
  const local = await readLocalVault(db, dataKey, rawKey);
  if (local === 'missing') return failed({ code: ERR_VAULT_MISSING });
  if (local === 'tampered') return failed({ code: ERR_HEADER_TAMPERED });
  const vaultId = local.header.vaultId;
  const state: SyncState = local.state?.vaultId === vaultId ? local.state : emptySyncState(vaultId);

  // 1. Pull.
  const read = await transport.readAll();
  if (!read.ok) {
    const problem = transportProblem(read.error);
    await recordProblem(db, vaultId, problem);
    return failed(problem);
  }
  const remote: RemoteVault | Problem = await readRemote(read.value, vaultId, dataKey, rawKey);
  if ('code' in remote) {
    // Another vault, or a newer Sesame's format: nothing is merged and nothing is written there.
    await recordProblem(db, vaultId, remote);
    return failed(remote);
  }

  // 2. The header: keep, adopt or merge (the remote's MAC was checked by readRemote).
  const decision = decideHeader(local.header, remote.header, state.agreedHeader);
  let header: VaultHeader = local.header;
  if (decision.kind === 'adopt-remote') header = remote.header!;
  if (decision.kind === 'merged')
    header = await signHeader({ ...local.header, revision: decision.revision, slots: decision.slots }, rawKey);

  // 3. Merge the records. Ids unreadable here are left alone (and their remote versions too).
  const remoteJoined = new Map<string, OpenedRecord>();
  const remoteHistories = new Map<string, History>(); // by id@clock
  const keptAsIs: SyncedVersion[] = [];
  for (const synced of remote.versions) {
    const r = synced.version;
    const key = `${r.id}@${r.clock}`;
    remoteHistories.set(key, normalizeHistory([...(remoteHistories.get(key) ?? []), ...synced.history]));
    if (local.unreadable.has(r.id)) {
      keptAsIs.push(synced); // not merged over this browser's unreadable record, and not dropped from the remote
      continue;
    }
    const seen = remoteJoined.get(r.id);
    remoteJoined.set(r.id, seen ? joinVersions(seen, r) : r);
  }
  /**
   * This browser's version's history: as recorded at the last sync if it is still that version;
   * an edit made here since then is that version's history plus this edit.
   */
  const localHistory = (v: OpenedRecord): History => {
    const held = state.histories[v.id];
    if (!held) return [v.clock];
    return held[0] === v.clock ? normalizeHistory([...held[1], v.clock]) : normalizeHistory([...held[1], held[0], v.clock]);
  };
  const remoteHistory = (v: OpenedRecord): History => remoteHistories.get(`${v.id}@${v.clock}`) ?? [v.clock];
  const outcome = mergeRecordSets(
    [...local.records.values()].map((r) => r.opened),
    [...remoteJoined.values()],
    { localHistory, remoteHistory },
  );
  const historyOf = (v: OpenedRecord): History => {
    const mine = local.records.get(v.id)?.opened;
    const fromLocal = mine?.clock === v.clock ? localHistory(mine) : [];
    const fromRemote = remoteHistories.get(`${v.id}@${v.clock}`) ?? [];
    return normalizeHistory([...fromLocal, ...fromRemote, v.clock]); // a conflict copy: its own clock
  };

  const pushVersions: SyncedVersion[] = [...outcome.merged.map((v) => ({ version: v, history: historyOf(v) })), ...keptAsIs];
  const writes: { record: AccountRecord; readClock: string | undefined }[] = [];
  const nextAgreed: Record<string, string> = { ...state.agreed };
  const histories: Record<string, readonly [string, readonly string[]]> = {};
  let latestClock: string | undefined;
  for (const { version: merged, history } of pushVersions.slice(0, outcome.merged.length)) {
    const mine = local.records.get(merged.id);
    if (!sameVersion(mine?.opened, merged)) writes.push({ record: await sealVersion(dataKey, merged), readClock: mine?.raw.clock });
    if (sameVersion(remoteJoined.get(merged.id), merged)) nextAgreed[merged.id] = merged.clock;
    histories[merged.id] = [merged.clock, pastOf(merged.clock, history)];
    if (!latestClock || merged.clock > latestClock) latestClock = merged.clock;
  }

  const warning: Problem | undefined = remote.headerTampered
    ? { code: ERR_SYNC_HEADER_TAMPERED }
    : remote.unreadable.length > 0
      ? { code: ERR_SYNC_RECORDS_UNREADABLE, count: remote.unreadable.length, params: [String(remote.unreadable.length)] }
      : undefined;
  // The header's base moves only when this browser takes the remote's in (adopted, or merged
  // with it), or writes the first header to an empty store: reading back its own write proves
  // nothing (a browser's sync may still replace it with another browser's).
  const headerBase =
    decision.kind === 'adopt-remote' || decision.kind === 'merged' ? remote.header : !remote.header ? header : state.agreedHeader;
  const afterPull: SyncState = {
    ...state,
    agreed: nextAgreed,
    histories,
    ...(headerBase ? { agreedHeader: headerBase } : {}),
    unreadable: remote.unreadable,
  };

  // 4. Write locally, in one transaction, only if nothing changed since the read.
  const committed = await commitLocal(db, {
    readHeader: local.header,
    ...(header !== local.header ? { header } : {}),
    writes,
    ...(latestClock ? { latestClock } : {}),
    state: afterPull,
    now,
  });
  if (!committed) return 'again';
  const report = {
    pulled: writes.length,
    conflicts: outcome.conflicts,
    unreadable: remote.unreadable,
    header:
      decision.kind === 'adopt-remote'
        ? 'adopted'
        : decision.kind === 'merged'
          ? 'merged'
          : decision.kind === 'keep-local'
            ? 'pushed'
            : 'same',
  } as const;

  // 5. Pack, and seal only the items whose rows differ from what the remote holds.
  const packing = await packItems(vaultId, header, pushVersions, transport.budget);
  if (!packing.ok) {
    const fit = await fitReport(vaultId, header, pushVersions, transport.budget!);
    const problem: Problem = { code: ERR_SYNC_TOO_LARGE, params: [String(fit.maxAccounts), String(fit.accounts)] };
    await recordProblem(db, vaultId, problem);
    return { ok: false, problem, pushed: 0, fit, ...report };
  }
  const remoteItems = new Map(read.value.filter((i) => parseItemName(i.name)).map((i) => [i.name, i]));
  const writeFor = (name: string, value: unknown): ItemWrite => {
    const existing = remoteItems.get(name);
    return { name, value, ifVersion: existing ? existing.version : transport.kind === 'webdav' ? null : undefined };
  };
  const dataWrites: ItemWrite[] = [];
  let headerWrite: ItemWrite | undefined;
  for (const [name, item] of packing.items) {
    const existing = remoteItems.get(name);
    if (item.kind === 'header') {
      if (!existing || JSON.stringify(existing.value) !== JSON.stringify(item.value)) headerWrite = writeFor(name, item.value);
    } else if (remote.plaintexts.get(name) !== item.plaintext) {
      dataWrites.push(writeFor(name, await sealBucket(dataKey, vaultId, name, item.compressed)));
    }
  }
  const removals: ItemWrite[] = [...remoteItems.values()]
    .filter((i) => i.name !== HEADER_ITEM && !packing.items.has(i.name))
    .map((i) => ({ name: i.name, ...(i.version ? { ifVersion: i.version } : {}) }));
  const liveCount = outcome.merged.filter((r) => !r.deleted).length;
  const fit: FitReport | undefined = transport.budget
    ? { fits: true, accounts: liveCount, maxAccounts: liveCount, bytes: packing.bytes, items: packing.items.size }
    : undefined;

  // 6. Push: data first, the header last (a reader never meets a header that names a newer key
  //    arrangement before the records are there), then stale items. Within the write rate.
  const batches = [dataWrites, headerWrite ? [headerWrite] : [], removals].filter((b) => b.length > 0);
  let writeTimes = state.writes.filter((t) => t > now - HOUR);
  if (transport.writeRate && batches.length > 0) {
    const wait = rateWait(writeTimes, now, batches.length, transport.writeRate);
    if (wait !== undefined) {
      const problem: Problem = { code: ERR_SYNC_RATE_LIMITED };
      await recordProblem(db, vaultId, problem, wait);
      return { ok: false, problem, pushed: 0, ...(fit ? { fit } : {}), ...report };
    }
  }
  let pushed = 0;
  for (const batch of batches) {
    const written = await transport.write(batch);
    writeTimes = [...writeTimes, deps.now()];
    if (!written.ok) {
      if (written.error.kind === 'conflict') {
        await updateSyncState(db, vaultId, (s) => ({ ...s, writes: writeTimes }));
        return 'again';
      }
      const problem: Problem =
        written.error.kind === 'quota' && transport.budget
          ? quotaProblem((await fitReport(vaultId, header, pushVersions, transport.budget)).maxAccounts, liveCount)
          : transportProblem(written.error);
      const retryAt = written.error.kind === 'rate-limited' ? deps.now() + MINUTE : written.error.retryAt;
      await updateSyncState(db, vaultId, (s) => ({
        ...s,
        writes: writeTimes,
        lastProblem: problem,
        ...(retryAt !== undefined ? { retryAt } : {}),
      }));
      return { ok: false, problem, pushed, ...(fit ? { fit } : {}), ...report };
    }
    pushed += batch.length;
  }

  // 7. Written: the status counts these as sent. Nothing here decides a later merge (a browser's
  //    sync may yet replace an item with another browser's): the versions' histories do.
  const sent = Object.fromEntries(outcome.merged.map((r) => [r.id, r.clock]));
  await updateSyncState(db, vaultId, (s) => {
    const { lastProblem: _p, retryAt: _r, ...rest } = s;
    return {
      ...rest,
      pushed: sent,
      pushedHeader: header,
      lastSyncAt: deps.now(),
      writes: writeTimes,
      unreadable: remote.unreadable,
      ...(warning ? { lastProblem: warning } : {}),
    };
  });
  return { ok: true, ...(warning ? { problem: warning } : {}), pushed, ...(fit ? { fit } : {}), ...report };
}
