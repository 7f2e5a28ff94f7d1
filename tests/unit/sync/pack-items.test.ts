import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitReport, packItems, STORAGE_SYNC_BUDGET, type Packing } from '../../../lib/sync/pack-items';
import { bucketOf, openBucket, parseBucketEnvelope, sealBucket, type SyncedVersion } from '../../../lib/sync/sync-items';
import type { OpenedRecord } from '../../../lib/vault/account-record';
import { createVault } from '../../../lib/vault/vault';
import type { VaultHeader } from '../../../lib/vault/vault-header';
import { FAST, freshDb, storedHeader, unwrap } from '../vault/helpers';
import { typicalVersions } from './typical-accounts';

/** storage.sync's documented limits, restated here (chrome.storage.sync, MDN storage.sync). */
const QUOTA_BYTES = 102_400;
const QUOTA_BYTES_PER_ITEM = 8_192;
const MAX_ITEMS = 512;
const size = (key: string, value: unknown) => Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));

/** Text that does not compress (random Base64). */
const noise = (length: number) =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(length)))
    .toString('base64')
    .slice(0, length);

let key: CryptoKey;
let header: VaultHeader;
let versions: SyncedVersion[];
beforeAll(async () => {
  const db = await freshDb();
  key = unwrap(await createVault(db, 'pass', FAST));
  header = await storedHeader(db);
  versions = typicalVersions(2000).map((version) => ({ version, history: [] }));
});

/** Seals every item as the engine would and checks the real sizes against the documented limits. */
async function sealedWithinLimits(packed: Extract<Packing, { ok: true }>, expectIds: readonly string[]) {
  let total = 0;
  const ids: string[] = [];
  for (const [name, item] of packed.items) {
    const value = item.kind === 'header' ? item.value : await sealBucket(key, header.vaultId, name, item.compressed);
    expect(size(name, value)).toBe(item.bytes); // the packer's prediction is exact
    expect(size(name, value)).toBeLessThanOrEqual(QUOTA_BYTES_PER_ITEM);
    total += size(name, value);
    if (item.kind === 'bucket') {
      const opened = await openBucket(key, header.vaultId, name, unwrap(parseBucketEnvelope(value)));
      for (const { version } of opened!.versions) expect(parseInt(name.slice(1, 3), 16)).toBe(bucketOf(version.id));
      ids.push(...opened!.versions.map((v) => v.version.id));
    }
  }
  expect(total).toBeLessThanOrEqual(QUOTA_BYTES);
  expect(packed.items.size).toBeLessThanOrEqual(MAX_ITEMS);
  expect(ids.sort()).toEqual([...expectIds].sort());
}

describe('packing into storage.sync', () => {
  it('stays within every limit for 1 to 2,000 accounts, or says it does not fit and exactly how many would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2000 }), async (n) => {
        const some = versions.slice(0, n);
        const packed = await packItems(header.vaultId, header, some, STORAGE_SYNC_BUDGET);
        const report = await fitReport(header.vaultId, header, some, STORAGE_SYNC_BUDGET);
        if (packed.ok) {
          await sealedWithinLimits(
            packed,
            some.map((r) => r.version.id),
          );
          expect(report).toMatchObject({ fits: true, accounts: n, maxAccounts: n });
        } else {
          expect(report.fits).toBe(false);
          expect(report.maxAccounts).toBeLessThan(n);
          const largest = await packItems(header.vaultId, header, some.slice(0, report.maxAccounts), STORAGE_SYNC_BUDGET);
          expect(largest.ok).toBe(true);
          if (largest.ok)
            await sealedWithinLimits(
              largest,
              some.slice(0, report.maxAccounts).map((r) => r.version.id),
            );
          expect((await packItems(header.vaultId, header, some.slice(0, report.maxAccounts + 1), STORAGE_SYNC_BUDGET)).ok).toBe(false);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('figures: bytes and items for 100 and 300 typical accounts, and the largest vault that fits', async () => {
    const figures = [];
    for (const n of [100, 300]) {
      const packed = await packItems(header.vaultId, header, versions.slice(0, n), STORAGE_SYNC_BUDGET);
      figures.push(packed.ok ? { accounts: n, bytes: packed.bytes, items: packed.items.size } : { accounts: n, fits: false });
    }
    const largest = (await fitReport(header.vaultId, header, versions, STORAGE_SYNC_BUDGET)).maxAccounts;
    console.log('storage.sync:', JSON.stringify(figures), 'largest vault that fits:', largest);
    expect(figures).toEqual([
      expect.objectContaining({ accounts: 100, items: expect.any(Number) }),
      expect.objectContaining({ accounts: 300, items: expect.any(Number) }),
    ]);
    expect(largest).toBeGreaterThanOrEqual(300);
  });

  it('splits a bucket that outgrows one item into parts, each a whole set of records', async () => {
    const one = versions.filter((r) => bucketOf(r.version.id) === 5);
    const big = one.map((r) => ({ version: { ...r.version, account: { ...r.version.account!, note: noise(600) } }, history: [] }));
    const packed = await packItems(header.vaultId, header, big, STORAGE_SYNC_BUDGET);
    expect(packed.ok).toBe(true);
    if (!packed.ok) return;
    expect([...packed.items.keys()].filter((k) => k.startsWith('b05')).length).toBeGreaterThan(1);
    await sealedWithinLimits(
      packed,
      big.map((r) => r.version.id),
    );
  });

  it('an account too large for any item is reported, not half-written', async () => {
    const huge = {
      version: { ...versions[0]!.version, account: { ...versions[0]!.version.account!, note: noise(9000) } } as OpenedRecord,
      history: [],
    };
    expect(await packItems(header.vaultId, header, [huge], STORAGE_SYNC_BUDGET)).toMatchObject({ ok: false, reason: 'record' });
    expect(await fitReport(header.vaultId, header, [huge, ...versions.slice(1, 5)], STORAGE_SYNC_BUDGET)).toMatchObject({
      fits: false,
      accounts: 5,
    });
  });
});
