/**
 * Packing the vault into synced items within a transport's limits (storage.sync's are hard:
 * chrome.storage.sync / MDN storage.sync: 102,400 bytes in all and 8,192 per item, each counted
 * as the key's length plus the JSON of the value; 512 items). Records go to their bucket
 * (sync-items.ts); a bucket that outgrows one item continues in `b07.1`, `b07.2`, … Pure.
 */
import type { VaultHeader } from '../vault/vault-header';
import {
  BUCKET_COUNT,
  bucketItemName,
  bucketOf,
  bucketPlaintext,
  compressBucket,
  HEADER_ITEM,
  headerItemValue,
  itemBytes,
  type SyncedVersion,
} from './sync-items';

export interface ItemBudget {
  /** Largest item: key + JSON of the value, UTF-8 bytes. */
  readonly itemBytes: number;
  /** All items together. */
  readonly totalBytes: number;
  readonly maxItems: number;
}

/** storage.sync's documented limits (Chrome and Firefox alike). */
export const STORAGE_SYNC_LIMITS = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
} as const;

/**
 * What Sesame lets itself use of storage.sync: 90% of the total and of the item count and 7,680
 * bytes an item, so a counting difference (a browser counting UTF-16, a key Sesame adds later)
 * never turns into a refused write.
 */
export const STORAGE_SYNC_BUDGET: ItemBudget = { itemBytes: 7_680, totalBytes: 92_160, maxItems: 460 };

type PackedItem =
  | { readonly kind: 'header'; readonly value: unknown; readonly bytes: number }
  /** A bucket item before sealing: its rows' JSON, compressed, and the size it will take sealed. */
  | { readonly kind: 'bucket'; readonly plaintext: string; readonly compressed: Uint8Array; readonly bytes: number };

export type Packing =
  | { readonly ok: true; readonly items: Map<string, PackedItem>; readonly bytes: number }
  | { readonly ok: false; readonly reason: 'total' | 'items' | 'record' | 'header'; readonly bytes: number };

const split = <T>(items: readonly T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, p) =>
    items.slice(Math.floor((p * items.length) / parts), Math.floor(((p + 1) * items.length) / parts)),
  );

/**
 * The items for this header and these versions: one item per non-empty bucket, or, within
 * `budget`, as few parts per bucket as keep each item under the item limit (contiguous runs of
 * ids, so the split is the same on every device).
 */
export async function packItems(
  vaultId: string,
  header: VaultHeader,
  records: readonly SyncedVersion[],
  budget?: ItemBudget,
): Promise<Packing> {
  const items = new Map<string, PackedItem>();
  const headerValue = headerItemValue(header);
  let bytes = itemBytes(HEADER_ITEM, headerValue);
  if (budget && bytes > budget.itemBytes) return { ok: false, reason: 'header', bytes };
  items.set(HEADER_ITEM, { kind: 'header', value: headerValue, bytes });

  const byBucket = new Map<number, SyncedVersion[]>();
  for (const r of records) {
    const b = bucketOf(r.version.id);
    byBucket.set(b, [...(byBucket.get(b) ?? []), r]);
  }
  for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
    const members = (byBucket.get(bucket) ?? [])
      .slice()
      .sort((a, b) => (a.version.id < b.version.id ? -1 : a.version.id > b.version.id ? 1 : 0));
    if (members.length === 0) continue;
    for (let parts = 1; ; parts++) {
      if (parts > members.length) return { ok: false, reason: 'record', bytes };
      const packed = await Promise.all(
        split(members, parts).map(async (group, part) => {
          const name = bucketItemName(bucket, part);
          const plaintext = bucketPlaintext(group);
          return { name, plaintext, ...(await compressBucket(vaultId, name, plaintext)) };
        }),
      );
      if (budget && packed.some((p) => p.bytes > budget.itemBytes)) continue;
      for (const p of packed) {
        items.set(p.name, { kind: 'bucket', plaintext: p.plaintext, compressed: p.compressed, bytes: p.bytes });
        bytes += p.bytes;
      }
      break;
    }
  }
  if (budget && bytes > budget.totalBytes) return { ok: false, reason: 'total', bytes };
  if (budget && items.size > budget.maxItems) return { ok: false, reason: 'items', bytes };
  return { ok: true, items, bytes };
}

export interface FitReport {
  readonly fits: boolean;
  /** Live accounts in the vault. */
  readonly accounts: number;
  /** The most live accounts that fit beside every tombstone (deleted accounts sync too). */
  readonly maxAccounts: number;
  /** Bytes and items the vault takes (when it fits). */
  readonly bytes: number;
  readonly items: number;
}

/** Whether the vault fits `budget`, and if not, how many of its accounts would (binary search). */
export async function fitReport(
  vaultId: string,
  header: VaultHeader,
  records: readonly SyncedVersion[],
  budget: ItemBudget,
): Promise<FitReport> {
  const tombstones = records.filter((r) => r.version.deleted);
  const live = records.filter((r) => !r.version.deleted);
  const whole = await packItems(vaultId, header, records, budget);
  if (whole.ok) return { fits: true, accounts: live.length, maxAccounts: live.length, bytes: whole.bytes, items: whole.items.size };
  let low = 0; // fits (or nothing fits at all: 0)
  let high = live.length; // does not fit
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((await packItems(vaultId, header, [...tombstones, ...live.slice(0, mid)], budget)).ok) low = mid;
    else high = mid;
  }
  return { fits: false, accounts: live.length, maxAccounts: low, bytes: whole.bytes, items: 0 };
}
