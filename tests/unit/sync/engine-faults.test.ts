import { describe, expect, it } from 'vitest';
import { storageSyncTransport } from '../../../lib/sync/storage-sync-transport';
import { readSyncStatus } from '../../../lib/sync/sync-status';
import type { SyncTransport } from '../../../lib/sync/transport';
import { addAccounts, changePassphrase, putAccount, unlockVault } from '../../../lib/vault/vault';
import { FAST, totpDraft, unwrap } from '../vault/helpers';
import { FakeSyncArea } from './fakes';
import { firstBrowser, PASS, picture, TestClock, syncedPair } from './devices';
import { typicalAccounts } from './typical-accounts';

describe('storage.sync faults: nothing lost, and the next sync completes', () => {
  it('a QUOTA_BYTES refusal of a vault that fits Sesame\'s share says the storage is full (not "n of n accounts would fit") and changes nothing', async () => {
    const { clock, area, a } = await syncedPair();
    await addAccounts(a.db, a.key, [totpDraft({ label: 'new' })], clock.advance());
    const before = await picture(a);
    const stored = area.snapshot();
    area.failNext = new Error('QUOTA_BYTES quota exceeded');
    const report = await a.sync();
    expect(report).toMatchObject({ ok: false, problem: { code: 'err_sync_storage_full' } });
    expect(area.snapshot()).toEqual(stored);
    expect(await picture(a)).toEqual(before);
    expect(await readSyncStatus(a.db)).toMatchObject({ pending: 1, problem: { code: 'err_sync_storage_full' } });
    expect((await a.sync()).ok).toBe(true);
    expect(await readSyncStatus(a.db)).toMatchObject({ pending: 0 });
  });

  it('MAX_WRITE_OPERATIONS_PER_MINUTE defers the push a minute; the next sync after that completes', async () => {
    const { clock, area, a, b } = await syncedPair();
    await addAccounts(a.db, a.key, [totpDraft({ label: 'later' })], clock.advance());
    area.failNext = new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    expect(await a.sync()).toMatchObject({ ok: false, problem: { code: 'err_sync_rate_limited' } });
    const status = await readSyncStatus(a.db);
    expect(status.retryAt).toBeGreaterThan(clock.now());
    clock.advance(61_000);
    expect((await a.sync()).ok).toBe(true);
    await b.sync();
    expect(await b.labels()).toContain('later');
  });

  it("never exceeds the store's write rate itself: past Sesame's own ceiling it waits instead of writing", async () => {
    const { clock, area, a } = await syncedPair();
    let deferred = 0;
    for (let i = 0; i < 80; i++) {
      const [first] = await a.accounts();
      await putAccount(a.db, a.key, { ...first!, note: `edit ${i}` }, clock.advance(100));
      const report = await a.sync();
      if (report.problem?.code === 'err_sync_rate_limited') deferred++;
    }
    expect(deferred).toBeGreaterThan(0);
    const minute = area.ops.filter((t) => t > clock.now() - 60_000).length;
    expect(minute).toBeLessThanOrEqual(60);
  });

  it('a browser closed between writing the accounts and the header loses nothing', async () => {
    const { clock, transport, a, b } = await syncedPair();
    await addAccounts(a.db, a.key, [totpDraft({ label: 'before the crash' })], clock.advance());
    unwrap(await changePassphrase(a.db, PASS, 'the new passphrase', FAST)); // so the header is written too
    let calls = 0;
    const crashing: SyncTransport = {
      ...transport,
      write: async (writes) => {
        if (++calls > 1) throw new Error('browser closed');
        return transport.write(writes);
      },
    };
    a.transport = crashing;
    await expect(a.sync()).rejects.toThrow('browser closed');
    a.transport = transport;
    expect(await a.labels()).toContain('before the crash');
    await b.sync();
    expect(await b.labels()).toContain('before the crash');
    expect((await a.sync()).ok).toBe(true);
    await b.sync();
    expect(await picture(b)).toEqual(await picture(a));
    expect(unwrap(await unlockVault(b.db, 'the new passphrase', FAST))).toBeTruthy();
  });

  it('a vault too large for storage.sync says how many accounts would fit and writes nothing', async () => {
    const clock = new TestClock();
    const area = new FakeSyncArea(clock.now);
    const a = await firstBrowser(storageSyncTransport(area), clock, []);
    await addAccounts(a.db, a.key, typicalAccounts(900), clock.advance());
    const report = await a.sync();
    expect(report.ok).toBe(false);
    expect(report.problem?.code).toBe('err_sync_too_large');
    const [fit, total] = report.problem!.params!.map(Number);
    expect(total).toBe(901);
    expect(fit).toBeGreaterThan(300);
    expect(fit).toBeLessThan(901);
    expect(report.fit).toMatchObject({ fits: false, maxAccounts: fit, accounts: 901 });
    expect(area.data.size).toBe(0);
  });
});
