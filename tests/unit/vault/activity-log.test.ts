import { describe, expect, it } from 'vitest';
import { appendLog, clearLog, MAX_LOG_ENTRIES, readLog, rotate, type LogEntry } from '../../../lib/vault/activity-log';
import { createVault } from '../../../lib/vault/vault';
import { FAST, freshDb } from './helpers';

async function unlockedDb() {
  const db = await freshDb();
  const created = await createVault(db, 'log pass', FAST);
  if (!created.ok) throw new Error('create failed');
  return { db, key: created.value };
}

const ref = { accountId: 'acc-1', issuer: 'Example Bank', label: 'alice' };
const ENTRIES: LogEntry[] = [
  { type: 'account-added', time: 1, ...ref },
  { type: 'account-edited', time: 2, ...ref },
  { type: 'code-copied', time: 3, ...ref },
  { type: 'code-filled', time: 4, ...ref, site: 'examplebank.com' },
  { type: 'imported', time: 5, count: 12 },
  { type: 'exported', time: 6, kind: 'sesame-backup' },
  { type: 'unlocked', time: 7 },
  { type: 'unlock-failed', time: 8 },
  { type: 'passphrase-changed', time: 9 },
  { type: 'account-deleted', time: 10, ...ref },
];

describe('rotate', () => {
  it('keeps the newest `limit` items and drops the oldest', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i + 1);
    const { kept, dropped } = rotate(items, 1000);
    expect(dropped).toEqual([1]);
    expect(kept).toHaveLength(1000);
    expect(kept[0]).toBe(2);
    expect(kept.at(-1)).toBe(1001);
  });
  it('drops nothing at or under the limit', () => {
    expect(rotate([1, 2, 3], 3)).toEqual({ kept: [1, 2, 3], dropped: [] });
    expect(rotate([], 1000)).toEqual({ kept: [], dropped: [] });
  });
  it('defaults to 1,000', () => {
    expect(MAX_LOG_ENTRIES).toBe(1000);
    expect(rotate(Array.from({ length: 1005 }, (_, i) => i)).dropped).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('activity log store', () => {
  it('stores every entry kind encrypted and reads them back newest first', async () => {
    const { db, key } = await unlockedDb();
    for (const e of ENTRIES) await appendLog(db, key, e);
    expect(await readLog(db, key)).toEqual({ entries: [...ENTRIES].reverse(), unreadable: 0 });
  });

  it('drops stray fields so a secret or a code can never be logged', async () => {
    const { db, key } = await unlockedDb();
    const sneaky = { type: 'code-copied', time: 1, ...ref, code: '287082', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' } as LogEntry;
    await appendLog(db, key, sneaky);
    const { entries } = await readLog(db, key);
    expect(entries).toEqual([{ type: 'code-copied', time: 1, ...ref }]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('287082');
    expect(text).not.toContain('GEZDGNBV');
  });

  it('refuses an invalid entry', async () => {
    const { db, key } = await unlockedDb();
    await expect(appendLog(db, key, { type: 'imported', time: 1, count: -1 })).rejects.toMatchObject({
      problem: { code: 'err_vault_log_entry_invalid' },
    });
    await expect(appendLog(db, key, { type: 'nonsense', time: 1 } as never)).rejects.toBeTruthy();
    expect(await db.count('log')).toBe(0);
  });

  it('keeps only the last 1,000 entries', async () => {
    const { db, key } = await unlockedDb();
    for (let i = 1; i <= 1003; i++) await appendLog(db, key, { type: 'imported', time: i, count: i });
    expect(await db.count('log')).toBe(1000);
    const { entries, unreadable } = await readLog(db, key);
    expect(unreadable).toBe(0);
    expect(entries).toHaveLength(1000);
    expect(entries[0]).toEqual({ type: 'imported', time: 1003, count: 1003 });
    expect(entries.at(-1)).toEqual({ type: 'imported', time: 4, count: 4 });
  }, 60_000);

  it('reports tampered entries as unreadable instead of failing', async () => {
    const { db, key } = await unlockedDb();
    await appendLog(db, key, { type: 'unlocked', time: 1 });
    await appendLog(db, key, { type: 'unlocked', time: 2 });
    const [first] = await db.getAll('log');
    const ciphertext = new Uint8Array(first!.ciphertext);
    ciphertext[0]! ^= 1;
    await db.put('log', { ...first!, ciphertext });
    expect(await readLog(db, key)).toEqual({ entries: [{ type: 'unlocked', time: 2 }], unreadable: 1 });
  });

  it('clearLog empties the log and appending starts again', async () => {
    const { db, key } = await unlockedDb();
    await appendLog(db, key, { type: 'unlocked', time: 1 });
    await clearLog(db);
    expect(await readLog(db, key)).toEqual({ entries: [], unreadable: 0 });
    await appendLog(db, key, { type: 'unlocked', time: 2 });
    expect((await readLog(db, key)).entries).toEqual([{ type: 'unlocked', time: 2 }]);
  });
});
