/**
 * The browser's own sync (`storage.sync`: Chrome, Edge and Chromium profiles signed in to sync;
 * Firefox with Sync) as a transport. The area is passed in (`browser.storage.sync` in the
 * background), so this is tested in Node with a fake that enforces the same quotas.
 *
 * Each `write` is one `set` (and one `remove` when items go away): storage.sync counts every set,
 * remove or clear as one write operation, whatever the number of keys. Items have no versions,
 * and when two browsers wrote one key, the browser's sync keeps one of the values (Firefox keeps
 * the server's); the engine's merge makes either outcome safe.
 */
import { parseItemName } from './sync-items';
import { STORAGE_SYNC_BUDGET, STORAGE_SYNC_LIMITS } from './pack-items';
import { transportFail, transportOk, type ItemWrite, type RemoteItem, type SyncTransport, type TransportResult } from './transport';

/** The part of `storage.StorageArea` used here. */
export interface SyncStorageArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** What the browser's error message names (chrome: "QUOTA_BYTES quota exceeded", …). */
function classify(error: unknown): TransportResult<never> {
  const message = error instanceof Error ? error.message : String(error);
  if (/MAX_WRITE_OPERATIONS_PER_(MINUTE|HOUR)|MAX_SUSTAINED_WRITE/i.test(message)) return transportFail('rate-limited', message);
  if (/QUOTA_BYTES|MAX_ITEMS|quota/i.test(message)) return transportFail('quota', message);
  return transportFail('unavailable', message);
}

export function storageSyncTransport(area: SyncStorageArea): SyncTransport {
  return {
    kind: 'browser',
    budget: STORAGE_SYNC_BUDGET,
    // Sesame's own ceiling, under the documented 120 a minute and 1,800 an hour.
    writeRate: {
      perMinute: STORAGE_SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE / 2,
      perHour: (STORAGE_SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR * 5) / 6,
    },
    async readAll() {
      try {
        const all = await area.get(null);
        const items: RemoteItem[] = Object.entries(all)
          .filter(([name]) => parseItemName(name) !== undefined)
          .map(([name, value]) => ({ name, value }));
        return transportOk(items);
      } catch (error) {
        return classify(error);
      }
    },
    async write(writes: readonly ItemWrite[]) {
      const puts = Object.fromEntries(writes.filter((w) => w.value !== undefined).map((w) => [w.name, w.value]));
      const removes = writes.filter((w) => w.value === undefined).map((w) => w.name);
      try {
        if (Object.keys(puts).length > 0) await area.set(puts);
        if (removes.length > 0) await area.remove(removes);
        return transportOk(Object.fromEntries(writes.map((w) => [w.name, undefined])));
      } catch (error) {
        return classify(error);
      }
    },
  };
}
