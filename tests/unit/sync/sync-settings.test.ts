import { describe, expect, it } from 'vitest';
import { checkSyncSettings, clearSyncSettings, readSyncSettings, saveSyncSettings } from '../../../lib/sync/sync-settings';
import { readSyncStatus } from '../../../lib/sync/sync-status';
import { storageSyncTransport } from '../../../lib/sync/storage-sync-transport';
import { addAccounts, createVault } from '../../../lib/vault/vault';
import { SYNC_SETTINGS_KEY } from '../../../lib/vault/vault-db';
import { FAST, freshDb, storedHeader, totpDraft, unwrap } from '../vault/helpers';
import { FakeSyncArea } from './fakes';
import { firstBrowser, TestClock } from './devices';

const webdav = { kind: 'webdav' as const, url: 'https://cloud.example.com/dav/Sesame', username: 'alice', password: 'app password 1' };

describe('sync settings', () => {
  it('are stored encrypted under the data key: no URL, user or password in the clear', async () => {
    const db = await freshDb();
    const key = unwrap(await createVault(db, 'pass', FAST));
    const { vaultId } = await storedHeader(db);
    await saveSyncSettings(db, key, vaultId, unwrap(checkSyncSettings(webdav)));
    const stored = JSON.stringify(await db.get('meta', SYNC_SETTINGS_KEY), (_, v) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
    );
    for (const secret of ['app password 1', 'alice', 'cloud.example.com']) expect(stored).not.toContain(secret);
    expect(await readSyncSettings(db, key, vaultId)).toEqual({ ...webdav, url: 'https://cloud.example.com/dav/Sesame/' });
    const otherKey = unwrap(await createVault(await freshDb(), 'other', FAST));
    expect(await readSyncSettings(db, otherKey, vaultId)).toBeUndefined();
    await clearSyncSettings(db);
    expect(await readSyncSettings(db, key, vaultId)).toBeUndefined();
  });

  it('accept https, and http only to this computer; no credentials, query or colon in the user name', () => {
    expect(checkSyncSettings({ ...webdav, url: 'http://127.0.0.1:8080/dav/' }).ok).toBe(true);
    expect(checkSyncSettings({ ...webdav, url: 'http://localhost/dav' }).ok).toBe(true);
    for (const url of [
      'http://cloud.example.com/dav/',
      'https://bob:pw@cloud.example.com/',
      'https://cloud.example.com/?x=1',
      'ftp://x/',
      'not a url',
    ]) {
      expect(checkSyncSettings({ ...webdav, url })).toEqual({ ok: false, problem: { code: 'err_sync_settings_invalid' } });
    }
    expect(checkSyncSettings({ ...webdav, username: 'a:b' }).ok).toBe(false);
    expect(checkSyncSettings({ kind: 'browser' })).toEqual({ ok: true, value: { kind: 'browser' } });
  });
});

describe('sync status', () => {
  it('counts changes not yet sent, shows the last sync and the last problem in words', async () => {
    const clock = new TestClock();
    const area = new FakeSyncArea(clock.now);
    const a = await firstBrowser(storageSyncTransport(area), clock);
    expect(await readSyncStatus(a.db)).toEqual({ pending: 3, unreadable: 0 }); // two accounts and the header
    await a.sync();
    expect(await readSyncStatus(a.db)).toEqual({ pending: 0, lastSyncAt: clock.now(), unreadable: 0 });
    await addAccounts(a.db, a.key, [totpDraft({ label: 'x' })], clock.advance());
    area.failNext = new Error('network down');
    await a.sync();
    expect(await readSyncStatus(a.db)).toMatchObject({ pending: 1, problem: { code: 'err_sync_unavailable', params: ['network down'] } });
  });
});
