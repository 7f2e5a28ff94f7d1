/**
 * docs/vault-format.md §11 is enough to read and merge synced items: a reader written from the
 * document alone (node:crypto AES-256-GCM, node:zlib, node:crypto SHA-256; not lib/sync) opens
 * the items a real sync wrote and merges two stores' versions the way the engine does.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storageSyncTransport } from '../../../lib/sync/storage-sync-transport';
import { addAccounts, deleteAccount, putAccount } from '../../../lib/vault/vault';
import { totpDraft } from '../vault/helpers';
import { cj } from '../vault/doc-reference';
import { FakeSyncArea } from './fakes';
import { firstBrowser, joinedBrowser, TestClock, type Browser } from './devices';

type Row = [string, string, 0 | 1, Record<string, unknown> | null, string[]];

function openBucket(dataKey: Buffer, vaultId: string, name: string, item: { v: number; vault: string; iv: string; data: string }): Row[] {
  expect(item.v).toBe(1);
  expect(item.vault).toBe(vaultId);
  const sealed = Buffer.from(item.data, 'base64');
  const d = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(item.iv, 'base64'));
  d.setAAD(Buffer.from(cj({ context: 'sesame-sync/bucket/v1', vaultId, item: name }), 'utf8'));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
  return JSON.parse(inflateSync(plain).toString('utf8')) as Row[];
}

const rank = (r: Row) => (!r[2] ? 0 : r[3] ? 1 : 2);
const contentKey = (r: Row) => JSON.stringify(r[3] && r[3]['type'] === 'hotp' ? { ...r[3], counter: 0 } : r[3]);
function wins(a: Row, b: Row): boolean {
  if (a[1] !== b[1]) return a[1] > b[1];
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  return contentKey(a) >= contentKey(b);
}
function merge(a: Row, b: Row): Row {
  let [w, o] = wins(a, b) ? [a, b] : [b, a];
  if (w[3]?.['type'] === 'hotp' && o[3]?.['type'] === 'hotp' && (o[3]['counter'] as number) > (w[3]['counter'] as number))
    w = [w[0], w[1], w[2], { ...w[3], counter: o[3]['counter'] }, w[4]];
  return w;
}

function bucketOf(id: string): number {
  return createHash('sha256').update(id, 'utf8').digest()[0]! % 32;
}

async function readStore(area: FakeSyncArea, dataKey: Buffer): Promise<Map<string, Row>> {
  const items: Record<string, never> = Object.fromEntries([...area.data].map(([k, v]) => [k, JSON.parse(v) as never]));
  const vaultId = (items['h'] as unknown as { header: { vaultId: string } }).header.vaultId;
  const state = new Map<string, Row>();
  for (const [name, item] of Object.entries(items)) {
    if (name === 'h') continue;
    expect(name).toMatch(/^b[0-9a-f]{2}(\.[1-9][0-9]*)?$/);
    for (const row of openBucket(dataKey, vaultId, name, item)) {
      expect(parseInt(name.slice(1, 3), 16)).toBe(bucketOf(row[0]));
      state.set(row[0], state.has(row[0]) ? merge(state.get(row[0])!, row) : row);
    }
  }
  return state;
}

const rawKey = async (b: Browser) => Buffer.from(await crypto.subtle.exportKey('raw', b.key));

describe('docs/vault-format.md §11 is enough to read and merge synced items', () => {
  it('a reader written from the document opens every item and finds every account, trash and tombstone', async () => {
    const clock = new TestClock();
    const area = new FakeSyncArea(clock.now);
    const a = await firstBrowser(storageSyncTransport(area), clock, ['one', 'two', 'three']);
    const [one] = await a.accounts();
    await deleteAccount(a.db, a.key, one!.id, clock.advance());
    await a.sync();
    const state = await readStore(area, await rawKey(a));
    const live = [...state.values()]
      .filter((r) => !r[2])
      .map((r) => r[3]!['label'])
      .sort();
    expect(live).toEqual(await a.labels());
    expect(state.get(one!.id)).toMatchObject([one!.id, expect.any(String), 1, { label: 'one' }, []]);
    const secret = (await a.accounts())[0]!.secret;
    const row = state.get((await a.accounts())[0]!.id)!;
    expect(Buffer.from(row[3]!['secret'] as string, 'base64')).toEqual(Buffer.from(secret));
  });

  it('merging two stores by the document gives what the engine converges to, conflict copy included', async () => {
    const clock = new TestClock();
    const areaA = new FakeSyncArea(clock.now);
    const a = await firstBrowser(storageSyncTransport(areaA), clock, ['shared']);
    await a.sync();
    const b = await joinedBrowser(storageSyncTransport(areaA), clock);
    const areaB = new FakeSyncArea(clock.now);
    areaB.restore(areaA.snapshot());
    b.transport = storageSyncTransport(areaB);
    // Offline, each writes to its own copy of the store: the same account renamed on both, an HOTP step on A.
    const [sharedA, hotpA] = await a.accounts();
    await putAccount(a.db, a.key, { ...sharedA!, label: 'A name' }, clock.advance());
    if (hotpA!.type !== 'hotp') throw new Error('hotp expected');
    await putAccount(a.db, a.key, { ...hotpA!, counter: hotpA!.counter + 3 }, clock.advance());
    const [sharedB] = await b.accounts();
    await putAccount(b.db, b.key, { ...sharedB!, label: 'B name' }, clock.advance());
    await addAccounts(b.db, b.key, [totpDraft({ label: 'B only' })], clock.advance());
    await a.sync();
    await b.sync();
    const key = await rawKey(a);
    const [storeA, storeB] = [await readStore(areaA, key), await readStore(areaB, key)];
    const merged = new Map(storeA);
    for (const [id, row] of storeB) merged.set(id, merged.has(id) ? merge(merged.get(id)!, row) : row);

    // Now the engine: B syncs through A's store, then A again.
    b.transport = storageSyncTransport(areaA);
    await b.sync();
    await a.sync();
    const engine = await readStore(areaA, key);
    // The document's merge of the two stores, plus the conflict copy the document derives.
    const loser = storeA.get(sharedA!.id)![1] < storeB.get(sharedA!.id)![1] ? storeA.get(sharedA!.id)! : storeB.get(sharedA!.id)!;
    const digest = createHash('sha256').update(`sesame-sync/conflict-copy/v1\n${loser[0]}\n${loser[1]}`, 'utf8').digest().subarray(0, 16);
    digest[6] = (digest[6]! & 0x0f) | 0x80;
    digest[8] = (digest[8]! & 0x3f) | 0x80;
    const h = digest.toString('hex');
    const copyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    merged.set(copyId, [copyId, loser[1], 0, { ...loser[3]!, id: copyId, conflictOf: { id: loser[0], clock: loser[1] } }, []]);
    // (Histories aside: they say what each writer had seen.)
    const normal = (m: Map<string, Row>) =>
      [...m.values()]
        .map(([id, c, d, acc]) => [id, c, d, acc ? Object.fromEntries(Object.entries(acc).sort()) : null])
        .sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
    expect(normal(engine)).toEqual(normal(merged));
    expect(engine.get(hotpA!.id)![3]!['counter']).toBe(hotpA!.counter + 3);
  });
});
