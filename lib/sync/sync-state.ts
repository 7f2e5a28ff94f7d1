/**
 * What this browser remembers about sync, in the vault database (`meta` / `'sync'`), in plain:
 * nothing in it is secret (clocks and the header are plaintext in the vault anyway).
 *
 * - `agreed`: per account id, the clock of the version this browser last saw on both sides (a
 *   read found the store holding it; a write alone does not count, since a browser's sync may
 *   still replace the item with another browser's). Versions changed on both sides since then
 *   may be concurrent (merge-records.ts).
 * - `bases`: the version each synced version was built on, to tell a later edit from a concurrent one.
 * - `pushed`: what this browser last wrote (the status counts it as sent).
 * - `agreedHeader`: the same as `agreed` for the header (merge-header.ts).
 * - the status the settings page shows, and the times of recent writes for the write-rate limit.
 */
import type { Problem } from '../result';
import { parseHlc } from '../vault/hybrid-logical-clock';
import { parseStoredHeader, type VaultHeader } from '../vault/vault-header';
import { SYNC_STATE_KEY, type SyncMetaValue, type VaultDb } from '../vault/vault-db';

export interface SyncState {
  readonly vaultId: string;
  /** Per id, the clock a read last found on both sides. */
  readonly agreed: Readonly<Record<string, string>>;
  /** Per id, `[clock, base]`: the version this browser holds and the clock of the version its author built it on. */
  readonly bases: Readonly<Record<string, readonly [string, string]>>;
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

export const emptySyncState = (vaultId: string): SyncState => ({ vaultId, agreed: {}, bases: {}, pushed: {}, writes: [], unreadable: [] });

const isClockMap = (v: unknown): v is Record<string, string> => typeof v === 'object' && v !== null && Object.values(v).every((c) => parseHlc(c));
const isBaseMap = (v: unknown): v is Record<string, [string, string]> =>
  typeof v === 'object' && v !== null && Object.values(v).every((pair) => Array.isArray(pair) && pair.length === 2 && parseHlc(pair[0]) && parseHlc(pair[1]));

function headerField(value: unknown): VaultHeader | undefined {
  if (value === undefined) return undefined;
  const parsed = parseStoredHeader(value);
  return parsed.ok && parsed.value.version === 2 ? parsed.value.header : undefined;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

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
    bases: isBaseMap(data['bases']) ? data['bases'] : {},
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
