import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import {
  compareRecordClocks,
  openAccountRecord,
  parseAccountRecord,
  sealAccountRecord,
  type AccountRecord,
} from '../../../lib/vault/account-record';
import { parseDeviceClockState } from '../../../lib/vault/device-clock';
import { formatHlc, parseHlc } from '../../../lib/vault/hybrid-logical-clock';
import { TRASH_MS } from '../../../lib/vault/trash';
import { DEVICE_KEY, type VaultDb } from '../../../lib/vault/vault-db';
import {
  addAccounts,
  createVault,
  deleteAccount,
  listAccounts,
  listTrash,
  purgeTrash,
  putAccount,
  putAccounts,
  restoreAccount,
  VaultError,
} from '../../../lib/vault/vault';
import { FAST, freshDb, hotpDraft, steamDraft, storedHeader, totpDraft, unwrap } from './helpers';

const NOW = 1_750_000_000_000;
const DAY = 24 * 60 * 60 * 1000;

async function vault(): Promise<{ db: VaultDb; key: CryptoKey; accounts: Account[] }> {
  const db = await freshDb();
  const key = unwrap(await createVault(db, 'records passphrase', FAST));
  const accounts = await addAccounts(db, key, [totpDraft(), hotpDraft(), steamDraft()], NOW);
  return { db, key, accounts };
}

const recordOf = async (db: VaultDb, id: string): Promise<AccountRecord> => parseAccountRecord(await db.get('accounts', id))!;
const deviceOf = async (db: VaultDb) => parseDeviceClockState(await db.get('meta', DEVICE_KEY))!;

afterEach(() => vi.restoreAllMocks());

describe('clocks', () => {
  it('every record carries a clock of this device; the device clock lives in plain metadata, not the header', async () => {
    const { db, accounts } = await vault();
    const device = await deviceOf(db);
    expect(device.deviceId).toMatch(/^[0-9a-f]{16}$/);
    const clocks = await Promise.all(accounts.map(async (a) => (await recordOf(db, a.id)).clock));
    for (const clock of clocks) expect(parseHlc(clock)).toMatchObject({ wallMs: NOW, deviceId: device.deviceId });
    expect(new Set(clocks).size).toBe(3);
    expect(device.clock).toBe([...clocks].sort().at(-1));
    expect(JSON.stringify(Object.keys(await storedHeader(db)))).not.toContain('device');
  });

  it('every edit, an HOTP counter step, a reorder, a delete and a restore give the record a later clock', async () => {
    const { db, key, accounts } = await vault();
    const hotp = accounts[1]!;
    if (hotp.type !== 'hotp') throw new Error('hotp expected');
    const seen = [(await recordOf(db, hotp.id)).clock];
    const step = async () => {
      const clock = (await recordOf(db, hotp.id)).clock;
      expect(clock > seen.at(-1)!).toBe(true);
      seen.push(clock);
    };
    await putAccount(db, key, { ...hotp, label: 'renamed' }, NOW + 1);
    await step();
    await putAccount(db, key, { ...hotp, counter: hotp.counter + 1 }, NOW + 1); // same millisecond: the counter part moves
    await step();
    await putAccounts(db, key, [{ ...hotp, order: 'a9' }], NOW + 2);
    await step();
    await deleteAccount(db, key, hotp.id, NOW + 3);
    await step();
    unwrap(await restoreAccount(db, key, hotp.id, NOW + 4));
    await step();
  });

  it('stay increasing when the computer clock goes backwards', async () => {
    const { db, key, accounts } = await vault();
    const before = (await recordOf(db, accounts[0]!.id)).clock;
    await putAccount(db, key, { ...accounts[0]!, label: 'x' }, NOW - DAY);
    const after = (await recordOf(db, accounts[0]!.id)).clock;
    expect(compareRecordClocks({ clock: after }, { clock: before })).toBeGreaterThan(0);
    expect(parseHlc(after)!.wallMs).toBe(NOW);
  });

  it('an edit of a record another device wrote with a later clock gets a clock after it', async () => {
    const { db, key, accounts } = await vault();
    const future = formatHlc({ wallMs: NOW + DAY, counter: 4, deviceId: 'ffffffffffffffff' });
    await db.put('accounts', await sealAccountRecord(key, accounts[0]!, future, false));
    await putAccount(db, key, { ...accounts[0]!, label: 'edited here' }, NOW + 1);
    const clock = (await recordOf(db, accounts[0]!.id)).clock;
    expect(compareRecordClocks({ clock }, { clock: future })).toBeGreaterThan(0);
    expect(parseHlc(clock)!.deviceId).toBe((await deviceOf(db)).deviceId);
  });

  it('two writes at once both land, with different clocks', async () => {
    const { db, key, accounts } = await vault();
    await Promise.all([
      putAccount(db, key, { ...accounts[0]!, label: 'a' }, NOW + 1),
      putAccount(db, key, { ...accounts[2]!, label: 'b' }, NOW + 1),
    ]);
    const [a, b] = [await recordOf(db, accounts[0]!.id), await recordOf(db, accounts[2]!.id)];
    expect(a.clock).not.toBe(b.clock);
    expect((await listAccounts(db, key)).accounts.map((x) => x.label)).toEqual(['a', 'bob', 'b']);
  });
});

describe('the store cannot swap, roll back or undelete a record unnoticed', () => {
  it('swapped contents between two records: both unreadable', async () => {
    const { db, key, accounts } = await vault();
    const [ra, rb] = [await recordOf(db, accounts[0]!.id), await recordOf(db, accounts[1]!.id)];
    await db.put('accounts', { ...ra, iv: rb.iv, ciphertext: rb.ciphertext });
    await db.put('accounts', { ...rb, iv: ra.iv, ciphertext: ra.ciphertext });
    expect((await listAccounts(db, key)).unreadable.sort()).toEqual([ra.id, rb.id].sort());
  });

  it('an old version passed off with the newer clock is unreadable; with its own old clock it is authentic but loses to the newer one', async () => {
    const { db, key, accounts } = await vault();
    const old = await recordOf(db, accounts[0]!.id);
    await putAccount(db, key, { ...accounts[0]!, label: 'newer' }, NOW + 1);
    const newer = await recordOf(db, accounts[0]!.id);
    await db.put('accounts', { ...old, clock: newer.clock });
    expect((await listAccounts(db, key)).unreadable).toEqual([old.id]);
    // Served with its own clock, the old version is authentic...
    const opened = unwrap(await openAccountRecord(key, old));
    expect(opened.account?.label).toBe('alice@example.com');
    // ...and older: wherever the two meet, the newer version is kept.
    expect(compareRecordClocks(newer, old)).toBeGreaterThan(0);
  });

  it('a tombstone flipped back to live is unreadable (and not listed), as is a live record flipped to deleted', async () => {
    const { db, key, accounts } = await vault();
    await deleteAccount(db, key, accounts[0]!.id, NOW + 1);
    const tombstone = await recordOf(db, accounts[0]!.id);
    expect(tombstone.deleted).toBe(true);
    await db.put('accounts', { ...tombstone, deleted: false });
    const live = await recordOf(db, accounts[1]!.id);
    await db.put('accounts', { ...live, deleted: true });
    const listed = await listAccounts(db, key);
    expect(listed.accounts.map((a) => a.id)).toEqual([accounts[2]!.id]);
    expect(listed.unreadable.sort()).toEqual([accounts[0]!.id, accounts[1]!.id].sort());
    expect(await listTrash(db, key)).toEqual([]);
  });

  it('an earlier live version put back over a tombstone is older than the tombstone', async () => {
    const { db, key, accounts } = await vault();
    const live = await recordOf(db, accounts[0]!.id);
    await deleteAccount(db, key, accounts[0]!.id, NOW + 1);
    const tombstone = await recordOf(db, accounts[0]!.id);
    expect(compareRecordClocks(tombstone, live)).toBeGreaterThan(0);
  });
});

describe('trash', () => {
  it('a deleted account is in the trash for 30 days, restorable with all its fields', async () => {
    const { db, key, accounts } = await vault();
    await deleteAccount(db, key, accounts[0]!.id, NOW + 5);
    const [entry] = await listTrash(db, key);
    expect(entry).toMatchObject({ account: accounts[0], deletedAt: NOW + 5, purgeAt: NOW + 5 + TRASH_MS });
    expect(unwrap(await restoreAccount(db, key, accounts[0]!.id, NOW + 6))).toEqual({ ...accounts[0], updatedAt: NOW + 6 });
    expect((await listAccounts(db, key)).accounts.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
    expect(await listTrash(db, key)).toEqual([]);
    expect(await restoreAccount(db, key, accounts[0]!.id, NOW + 7)).toEqual({ ok: false, problem: { code: 'err_vault_trash_missing' } });
  });

  it('lists the trash newest deletion first; deleting twice changes nothing', async () => {
    const { db, key, accounts } = await vault();
    await deleteAccount(db, key, accounts[0]!.id, NOW + 1);
    await deleteAccount(db, key, accounts[2]!.id, NOW + 2);
    const before = await db.getAll('accounts');
    await deleteAccount(db, key, accounts[2]!.id, NOW + 3);
    expect(await db.getAll('accounts')).toEqual(before);
    expect((await listTrash(db, key)).map((e) => e.account.id)).toEqual([accounts[2]!.id, accounts[0]!.id]);
  });

  it('after 30 days a tombstone is purged: same id, clock and deleted flag, no account inside', async () => {
    const { db, key, accounts } = await vault();
    await deleteAccount(db, key, accounts[0]!.id, NOW);
    await deleteAccount(db, key, accounts[1]!.id, NOW + 10 * DAY);
    expect(await purgeTrash(db, key, NOW + TRASH_MS - 1)).toBe(0);
    const tombstone = await recordOf(db, accounts[0]!.id);
    expect(await purgeTrash(db, key, NOW + TRASH_MS)).toBe(1);
    const purged = await recordOf(db, accounts[0]!.id);
    expect(purged).toMatchObject({ id: tombstone.id, clock: tombstone.clock, deleted: true });
    expect(purged.ciphertext).not.toEqual(tombstone.ciphertext);
    expect(unwrap(await openAccountRecord(key, purged)).account).toBeUndefined();
    expect((await listTrash(db, key)).map((e) => e.account.id)).toEqual([accounts[1]!.id]);
    expect(await restoreAccount(db, key, accounts[0]!.id, NOW + TRASH_MS)).toEqual({
      ok: false,
      problem: { code: 'err_vault_trash_missing' },
    });
    expect((await listAccounts(db, key)).unreadable).toEqual([]);
  });

  it('purges the trash as listed (no second read of the records), leaving an entry changed since the listing', async () => {
    const { db, key, accounts } = await vault();
    await deleteAccount(db, key, accounts[0]!.id, NOW);
    await deleteAccount(db, key, accounts[1]!.id, NOW + 1);
    const listed = await listAccounts(db, key);
    expect(listed.trash).toEqual(await listTrash(db, key));
    // Restored after the listing: its live record must not become a purged tombstone.
    await restoreAccount(db, key, accounts[1]!.id, NOW + 2);
    // It goes by the list it is given: an empty one purges nothing, due tombstones or not.
    expect(await purgeTrash(db, key, NOW + 1 + TRASH_MS, [])).toBe(0);
    expect(await purgeTrash(db, key, NOW + 1 + TRASH_MS, listed.trash)).toBe(1);
    expect(unwrap(await openAccountRecord(key, await recordOf(db, accounts[0]!.id))).account).toBeUndefined();
    expect((await listAccounts(db, key)).accounts.map((a) => a.id)).toEqual([accounts[1]!.id, accounts[2]!.id]);
  });

  it('an unreadable record deleted becomes a bare tombstone', async () => {
    const { db, key, accounts } = await vault();
    const r = await recordOf(db, accounts[0]!.id);
    await db.put('accounts', { ...r, ciphertext: new Uint8Array(r.ciphertext).fill(0) });
    expect((await listAccounts(db, key)).unreadable).toEqual([r.id]);
    await deleteAccount(db, key, r.id, NOW + 1);
    expect((await listAccounts(db, key)).unreadable).toEqual([]);
    expect(await listTrash(db, key)).toEqual([]);
    expect((await recordOf(db, r.id)).deleted).toBe(true);
  });
});

describe('writes are all or nothing', () => {
  it('a write that fails inside the transaction leaves records and the device clock as they were', async () => {
    const { db, key, accounts } = await vault();
    const records = await db.getAll('accounts');
    const device = await db.get('meta', DEVICE_KEY);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls === 3) throw new DOMException('injected failure', 'DataError');
      return put.apply(this, args);
    });
    const edits = accounts.map((a) => ({ ...a, label: `edited ${a.id}` }));
    await expect(putAccounts(db, key, edits, NOW + 1)).rejects.toThrow('injected failure');
    vi.restoreAllMocks();
    expect(await db.getAll('accounts')).toEqual(records);
    expect(await db.get('meta', DEVICE_KEY)).toEqual(device);
  });

  it('an invalid account rejects with a VaultError before anything is written', async () => {
    const { db, key, accounts } = await vault();
    const device = await db.get('meta', DEVICE_KEY);
    await expect(putAccount(db, key, { ...accounts[0]!, digits: 9 } as unknown as Account, NOW)).rejects.toBeInstanceOf(VaultError);
    expect(await db.get('meta', DEVICE_KEY)).toEqual(device);
  });
});
