/**
 * What this browser remembers about sync, in the vault database (`meta` / `'sync'`), in plain:
 * nothing in it is secret (clocks and the header are plaintext in the vault anyway).
 *
 * - `agreed` and `pushed`: per account id, the clock a read last found on both sides and the clock
 *   this browser last wrote: the status's "pending changes" (neither decides a merge).
 * - `histories`: the history of each version held after the last sync (version-history.ts), to tell
 *   an edit made after another from a concurrent one.
 * - `agreedHeader`: the header this browser's header is built on (merge-header.ts): moved only when
 *   it takes the store's header in, never by reading back its own write.
 * - the status the settings page shows, and the times of recent writes for the write-rate limit.
 */
import type { Problem } from '../result';
import { parseHlc } from '../vault/hybrid-logical-clock';
import { parseStoredHeader, type VaultHeader } from '../vault/vault-header';
import { SYNC_STATE_KEY, type SyncMetaValue, type VaultDb } from '../vault/vault-db';
import { isStringArray } from '../vault/stored-shape';

export interface SyncState {
  readonly vaultId: string;
  /** Per id, the clock a read last found on both sides. */
  readonly agreed: Readonly<Record<string, string>>;
  /** Per id, `[clock, past]`: the version this browser held after the last sync and its history (version-history.ts). */
  readonly histories: Readonly<Record<string, readonly [string, readonly string[]]>>;
  /** Per id, the clock this browser last wrote to the store (for the status: written, not yet read back). */
  readonly pushed: Readonly<Record<string, string>>;
  readonly agreedHeader?: VaultHeader;
  readonly pushedHeader?: VaultHeader;
  /** When the last sync completed (pulled, merged, pushed). */
  readonly lastSyncAt?: number;
  /** What stopped the last attempt, if it did not complete; also warnings (unreadable records). */
  readonly lastProblem?: Problem;
  /** Do not push before this time (the store's write limit, or a Retry-After). */
  readonly retryAt?: number;
  /** Times of write operations within the last hour. */
  readonly writes: readonly number[];
  /** Remote records that did not authenticate at the last sync (ids), reported to the user. */
  readonly unreadable: readonly string[];
}

export const emptySyncState = (vaultId: string): SyncState => ({
  vaultId,
  agreed: {},
  histories: {},
  pushed: {},
  writes: [],
  unreadable: [],
});

const isClockMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((c) => parseHlc(c));
const isHistoryMap = (v: unknown): v is Record<string, [string, string[]]> =>
  typeof v === 'object' &&
  v !== null &&
  Object.values(v).every(
    (pair) =>
      Array.isArray(pair) && pair.length === 2 && parseHlc(pair[0]) && Array.isArray(pair[1]) && pair[1].every((c: unknown) => parseHlc(c)),
  );

function headerField(value: unknown): VaultHeader | undefined {
  if (value === undefined) return undefined;
  const parsed = parseStoredHeader(value);
  return parsed.ok && parsed.value.version === 2 ? parsed.value.header : undefined;
}

/** The stored state, or undefined if there is none or it is damaged (sync then starts afresh). */
export function parseSyncState(value: unknown): SyncState | undefined {
  if (typeof value !== 'object' || value === null || (value as SyncMetaValue).kind !== 'sync-state') return undefined;
  const data = (value as SyncMetaValue).data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null || typeof data['vaultId'] !== 'string') return undefined;
  const agreed = data['agreed'];
  if (!isClockMap(agreed)) return undefined;
  const writes = Array.isArray(data['writes']) ? data['writes'].filter((t): t is number => typeof t === 'number') : [];
  const problem = data['lastProblem'] as Problem | undefined;
  const agreedHeader = headerField(data['agreedHeader']);
  const pushedHeader = headerField(data['pushedHeader']);
  return {
    vaultId: data['vaultId'],
    agreed,
    histories: isHistoryMap(data['histories']) ? data['histories'] : {},
    pushed: isClockMap(data['pushed']) ? data['pushed'] : {},
    ...(agreedHeader ? { agreedHeader } : {}),
    ...(pushedHeader ? { pushedHeader } : {}),
    ...(typeof data['lastSyncAt'] === 'number' ? { lastSyncAt: data['lastSyncAt'] } : {}),
    ...(problem && typeof problem.code === 'string' ? { lastProblem: problem } : {}),
    ...(typeof data['retryAt'] === 'number' ? { retryAt: data['retryAt'] } : {}),
    writes,
    unreadable: isStringArray(data['unreadable']) ? data['unreadable'] : [],
  };
}

export const syncStateValue = (state: SyncState): SyncMetaValue => ({ kind: 'sync-state', data: state });

export async function readSyncState(db: VaultDb): Promise<SyncState | undefined> {
  return parseSyncState(await db.get('meta', SYNC_STATE_KEY));
}

/** Records the outcome of an attempt that wrote nothing else (a problem, a deferral). */
export async function updateSyncState(db: VaultDb, vaultId: string, change: (state: SyncState) => SyncState): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const current = parseSyncState(await tx.store.get(SYNC_STATE_KEY)) ?? emptySyncState(vaultId);
  await tx.store.put(syncStateValue(change(current)), SYNC_STATE_KEY);
  await tx.done;
}
