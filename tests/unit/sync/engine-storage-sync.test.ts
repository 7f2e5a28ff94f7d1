import { describe, expect, it } from 'vitest';
import { storageSyncTransport } from '../../../lib/sync/storage-sync-transport';
import { readSyncStatus } from '../../../lib/sync/sync-status';
import { addAccounts, deleteAccount, listTrash, purgeTrash, putAccount, restoreAccount, unlockVault } from '../../../lib/vault/vault';
import { FAST, totpDraft, unwrap } from '../vault/helpers';
import { FakeSyncArea } from './fakes';
import { firstBrowser, joinedBrowser, PASS, picture, TestClock } from './devices';

type Bucket = { v: number; vault: string; iv: string; data: string };

async function twoBrowsers() {
  const clock = new TestClock();
  const area = new FakeSyncArea(clock.now);
  const transport = storageSyncTransport(area);
  const a = await firstBrowser(transport, clock);
  const first = await a.sync();
  expect(first).toMatchObject({ ok: true, header: 'pushed' });
  clock.advance();
  const b = await joinedBrowser(transport, clock);
  return { clock, area, a, b };
}

describe('sync through storage.sync', () => {
  it('a second browser joins with the passphrase: same accounts, same key, and it unlocks with that passphrase', async () => {
    const { a, b } = await twoBrowsers();
    expect(await picture(b)).toEqual(await picture(a));
    expect(unwrap(await unlockVault(b.db, PASS, FAST))).toBeTruthy();
    expect((await b.sync()).ok).toBe(true);
    expect(await readSyncStatus(b.db)).toMatchObject({ pending: 0 });
  });

  it('offline edits on both browsers converge with nothing lost', async () => {
    const { clock, a, b } = await twoBrowsers();
    const [totpA, hotpA] = await a.accounts();
    // Offline on both: each adds an account; A renames the TOTP account, B renames it too;
    // A deletes the HOTP account while B steps its counter twice.
    await addAccounts(a.db, a.key, [totpDraft({ label: 'added on A' })], clock.advance());
    await addAccounts(b.db, b.key, [totpDraft({ label: 'added on B' })], clock.advance());
    await putAccount(a.db, a.key, { ...totpA!, label: 'renamed on A' }, clock.advance());
    const [totpB, hotpB] = await b.accounts();
    await putAccount(b.db, b.key, { ...totpB!, label: 'renamed on B' }, clock.advance());
    await deleteAccount(a.db, a.key, hotpA!.id, clock.advance());
    if (hotpB!.type !== 'hotp') throw new Error('expected the HOTP account');
    await putAccount(b.db, b.key, { ...hotpB!, counter: hotpB!.counter + 2 }, clock.advance());

    const fromA = await a.sync();
    clock.advance();
    const fromB = await b.sync();
    clock.advance();
    await a.sync();
    expect(fromA.ok && fromB.ok).toBe(true);
    expect(await picture(a)).toEqual(await picture(b));

    const labels = await a.labels();
    // The later rename wins, the other is kept as a conflict copy; both adds are there.
    expect(labels).toEqual(expect.arrayContaining(['added on A', 'added on B', 'renamed on B', 'renamed on A']));
    const copy = (await a.accounts()).find((x) => x.label === 'renamed on A')!;
    expect(copy.conflictOf).toEqual({ id: totpA!.id, clock: expect.any(String) });
    // The HOTP step on B came after A's delete: the account is live, with the higher counter.
    const hotp = (await a.accounts()).find((x) => x.id === hotpA!.id);
    expect(hotp).toMatchObject({ type: 'hotp', counter: (hotpB as { counter: number }).counter + 2 });
    expect(fromB.conflicts.length + fromA.conflicts.length).toBe(1);
  });

  it("when the browsers' own sync keeps one browser's item over the other's, both renames are still kept", async () => {
    const { clock, area, a, b } = await twoBrowsers();
    // Each browser has its own storage.sync area; the vendor's sync copies items per key, and
    // when both wrote one key it keeps one value (here A's, as Firefox keeps the server's).
    const areaB = new FakeSyncArea(clock.now);
    areaB.restore(area.snapshot());
    b.transport = storageSyncTransport(areaB);
    const deliver = (from: FakeSyncArea, to: FakeSyncArea) => to.restore(from.snapshot());
    const [sharedA] = await a.accounts();
    await putAccount(a.db, a.key, { ...sharedA!, label: 'renamed on A' }, clock.advance());
    const [sharedB] = await b.accounts();
    await putAccount(b.db, b.key, { ...sharedB!, label: 'renamed on B' }, clock.advance());
    expect((await a.sync()).ok && (await b.sync()).ok).toBe(true); // each wrote its own area
    deliver(area, areaB); // the server kept A's items: B's write is gone from every area
    clock.advance();
    const report = await b.sync();
    expect(report.conflicts).toHaveLength(1);
    deliver(areaB, area);
    await a.sync();
    expect(await a.labels()).toEqual(expect.arrayContaining(['renamed on A', 'renamed on B']));
    expect(await picture(a)).toEqual(await picture(b));
  });

  it('a browser offline for two months merges correctly, even with an account purged from the trash meanwhile', async () => {
    const { clock, a, b } = await twoBrowsers();
    const DAY = 86_400_000;
    const [shared, other] = await a.accounts();
    await putAccount(b.db, b.key, { ...shared!, note: 'edited offline on B' }, clock.advance(DAY)); // B goes offline
    await deleteAccount(a.db, a.key, shared!.id, clock.advance(DAY));
    await putAccount(a.db, a.key, { ...other!, label: 'renamed on A' }, clock.advance(DAY));
    await a.sync();
    clock.advance(31 * DAY);
    expect(await purgeTrash(a.db, a.key, clock.now())).toBe(1);
    await a.sync();
    clock.advance(30 * DAY); // B comes back
    const report = await b.sync();
    expect(report.ok).toBe(true);
    await a.sync();
    expect(await picture(a)).toEqual(await picture(b));
    // The deletion stands (purged), the rename arrived, and B's offline edit is kept as a copy.
    const accounts = await b.accounts();
    expect(accounts.find((x) => x.id === shared!.id)).toBeUndefined();
    expect(accounts.map((x) => x.label)).toContain('renamed on A');
    expect(accounts.find((x) => x.conflictOf?.id === shared!.id)).toMatchObject({ note: 'edited offline on B' });
  });

  it('a deletion syncs to the trash of the other browser, and a restore comes back', async () => {
    const { clock, a, b } = await twoBrowsers();
    const [first] = await a.accounts();
    await deleteAccount(a.db, a.key, first!.id, clock.advance());
    await a.sync();
    await b.sync();
    expect((await b.accounts()).map((x) => x.id)).not.toContain(first!.id);
    expect((await listTrash(b.db, b.key)).map((e) => e.account.id)).toEqual([first!.id]);
    unwrap(await restoreAccount(b.db, b.key, first!.id, clock.advance()));
    await b.sync();
    await a.sync();
    expect((await a.accounts()).map((x) => x.id)).toContain(first!.id);
    expect(await listTrash(a.db, a.key)).toEqual([]);
  });

  it('a fresh install with its own empty vault never wipes the remote', async () => {
    const { clock, area, a } = await twoBrowsers();
    const before = area.snapshot();
    const stranger = await firstBrowser(storageSyncTransport(area), clock, []);
    const result = await stranger.sync();
    expect(result).toMatchObject({ ok: false, problem: { code: 'err_sync_other_vault' } });
    expect(area.snapshot()).toEqual(before);
    expect((await a.sync()).ok).toBe(true);
  });

  it('a browser that lost its local records gets them back; it never deletes them remotely', async () => {
    const { a, b } = await twoBrowsers();
    await b.db.clear('accounts');
    expect(await b.accounts()).toEqual([]);
    await b.sync();
    expect(await picture(b)).toEqual(await picture(a));
    await a.sync();
    expect((await a.accounts()).length).toBe(2);
  });

  it('a remote rolled back to an old snapshot neither resurrects a deleted account nor hides a newer edit', async () => {
    const { clock, area, a, b } = await twoBrowsers();
    const old = area.snapshot();
    const [totp, hotp] = await a.accounts();
    await deleteAccount(a.db, a.key, hotp!.id, clock.advance());
    await putAccount(a.db, a.key, { ...totp!, label: 'newer' }, clock.advance());
    await a.sync();
    await b.sync();
    area.restore(old); // the store serves an old snapshot
    clock.advance();
    const report = await b.sync();
    expect(report.ok).toBe(true);
    expect(await b.labels()).toEqual(['newer']);
    expect(report.pushed).toBeGreaterThan(0); // pushed back
    await a.sync();
    expect(await picture(a)).toEqual(await picture(b));
  });

  it('tampered and foreign items are reported and ignored; local data is unchanged', async () => {
    const { clock, area, a, b } = await twoBrowsers();
    const before = await picture(b);
    // Flip a byte of one item's ciphertext, and add an item sealed under another vault's key
    // relabelled as this vault's.
    const strangerArea = new FakeSyncArea(clock.now);
    await (await firstBrowser(storageSyncTransport(strangerArea), clock, ['stranger'])).sync();
    const [, foreignText] = [...strangerArea.data].find(([k]) => k !== 'h')!;
    const [name, text] = [...area.data].find(([k]) => k !== 'h')!;
    const bucket = JSON.parse(text) as Bucket;
    const data = Buffer.from(bucket.data, 'base64');
    data[5]! ^= 1;
    area.data.set(name, JSON.stringify({ ...bucket, data: data.toString('base64') }));
    area.data.set('b1f.9', JSON.stringify({ ...(JSON.parse(foreignText) as Bucket), vault: bucket.vault }));
    const report = await b.sync();
    expect(report).toMatchObject({ ok: true, problem: { code: 'err_sync_records_unreadable', count: 2, params: ['2'] } });
    expect([...report.unreadable].sort()).toEqual(['b1f.9', name].sort());
    expect(await picture(b)).toEqual(before);
    // B's push put its own version of the damaged item back and removed the foreign one.
    expect(area.data.has('b1f.9')).toBe(false);
    expect(await b.sync()).toMatchObject({ ok: true, unreadable: [] });
    await a.sync();
    expect(await picture(a)).toEqual(before);
  });

  it('a header altered in the store is reported and ignored, and this browser keeps its own', async () => {
    const { area, b } = await twoBrowsers();
    const header = JSON.parse(area.data.get('h')!) as { header: { revision: number } };
    header.header.revision += 5; // a "newer" header without a matching MAC
    area.data.set('h', JSON.stringify(header));
    const report = await b.sync();
    expect(report).toMatchObject({ ok: true, problem: { code: 'err_sync_header_tampered' } });
    expect(unwrap(await unlockVault(b.db, PASS, FAST))).toBeTruthy();
    expect((JSON.parse(area.data.get('h')!) as { header: { revision: number } }).header.revision).toBe(1); // repaired
  });

  it('another vault synced there is never merged nor overwritten', async () => {
    const { clock, area } = await twoBrowsers();
    const before = area.snapshot();
    const other = await firstBrowser(storageSyncTransport(area), clock, ['other vault']);
    expect(await other.sync()).toMatchObject({ ok: false, problem: { code: 'err_sync_other_vault' } });
    expect(area.snapshot()).toEqual(before);
    expect(await other.labels()).toEqual(['bob', 'other vault']);
  });
});
