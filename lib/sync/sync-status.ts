/**
 * What the settings page shows about sync (`sync-status`): when it last completed, how many
 * changes of this browser the remote does not have yet (as far as this browser knows), and the
 * last problem in words (a Problem whose code is a message key). Read without the data key:
 * clocks are plaintext, so the status shows even while locked.
 */
import type { Problem } from '../result';
import { parseAccountRecord } from '../vault/account-record';
import { HEADER_KEY, type VaultDb } from '../vault/vault-db';
import { parseStoredHeader } from '../vault/vault-header';
import { sameHeader } from './merge-header';
import { readSyncState } from './sync-state';

export interface SyncStatus {
  readonly lastSyncAt?: number;
  /** Records (and the header) changed here and not yet written to the store. */
  readonly pending: number;
  readonly problem?: Problem;
  /** A push is deferred until then (the store's write limit). */
  readonly retryAt?: number;
  /** Remote records that did not authenticate at the last sync. */
  readonly unreadable: number;
}

export async function readSyncStatus(db: VaultDb): Promise<SyncStatus> {
  const state = await readSyncState(db);
  const stored = parseStoredHeader(await db.get('meta', HEADER_KEY));
  const header = stored.ok && stored.value.version === 2 ? stored.value.header : undefined;
  const agreed = header && state?.vaultId === header.vaultId ? state : undefined;
  const sentHeader = (h: typeof header) => !!h && [agreed?.agreedHeader, agreed?.pushedHeader].some((x) => x && sameHeader(x, h));
  let pending = header && !sentHeader(header) ? 1 : 0;
  for (const value of await db.getAll('accounts')) {
    const record = parseAccountRecord(value);
    if (record && agreed?.agreed[record.id] !== record.clock && agreed?.pushed[record.id] !== record.clock) pending++;
  }
  return {
    ...(agreed?.lastSyncAt !== undefined ? { lastSyncAt: agreed.lastSyncAt } : {}),
    pending,
    ...(state?.lastProblem ? { problem: state.lastProblem } : {}),
    ...(state?.retryAt !== undefined ? { retryAt: state.retryAt } : {}),
    unreadable: state?.unreadable.length ?? 0,
  };
}
