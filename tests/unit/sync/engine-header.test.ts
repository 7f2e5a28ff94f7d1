import { describe, expect, it } from 'vitest';
import { mergeInSyncedVault } from '../../../lib/sync/join-vault';
import { storageSyncTransport } from '../../../lib/sync/storage-sync-transport';
import { unlockWithSyncedHeader } from '../../../lib/sync/unlock-with-synced-header';
import { appendLog, readLog } from '../../../lib/vault/activity-log';
import {
  addAccounts,
  addPasskeySlot,
  changePassphrase,
  deleteAccount,
  listSlots,
  listTrash,
  unlockVault,
  unlockWithPasskey,
} from '../../../lib/vault/vault';
import { newPrfSalt } from '../../../lib/vault/vault-slots';
import { fakePasskey, FAST, storedHeader, totpDraft, unwrap } from '../vault/helpers';
import { FakeSyncArea } from './fakes';
import { browser, firstBrowser, PASS, picture, TestClock, syncedPair } from './devices';

const NEW_PASS = 'a brand new passphrase';

describe('the synced header', () => {
  it('a passphrase change on one browser reaches the other, which then unlocks with the new one only', async () => {
    const { a, b } = await syncedPair();
    unwrap(await changePassphrase(a.db, PASS, NEW_PASS, FAST));
    await a.sync();
    expect((await b.sync()).header).toBe('adopted');
    expect((await unlockVault(b.db, PASS, FAST)).ok).toBe(false);
    expect(unwrap(await unlockVault(b.db, NEW_PASS, FAST))).toBeTruthy();
  });

  it('a browser that has not synced since the change unlocks with the new passphrase from the synced header', async () => {
    const { a, b, transport } = await syncedPair();
    unwrap(await changePassphrase(a.db, PASS, NEW_PASS, FAST));
    await a.sync();
    expect((await unlockVault(b.db, NEW_PASS, FAST)).ok).toBe(false);
    expect((await unlockWithSyncedHeader(b.db, transport, 'a wrong one')).ok).toBe(false);
    const key = unwrap(await unlockWithSyncedHeader(b.db, transport, NEW_PASS));
    expect(await browser(b.db, key, transport, new TestClock()).labels()).toEqual(await a.labels());
    expect(unwrap(await unlockVault(b.db, NEW_PASS, FAST))).toBeTruthy();
  });

  it('concurrent slot changes on two browsers are both kept (a new passphrase here, a passkey there)', async () => {
    const { a, b } = await syncedPair();
    unwrap(await changePassphrase(a.db, PASS, NEW_PASS, FAST));
    const passkey = fakePasskey(3);
    const prfSalt = newPrfSalt();
    unwrap(
      await addPasskeySlot(
        b.db,
        b.key,
        { credentialId: passkey.credentialId, prfSalt, prfOutput: await passkey.prf(prfSalt), name: 'Laptop' },
        Date.now(),
      ),
    );
    await a.sync();
    expect((await b.sync()).header).toBe('merged');
    await a.sync();
    const [ha, hb] = [await storedHeader(a.db), await storedHeader(b.db)];
    expect(ha.revision).toBe(hb.revision);
    expect(Buffer.from(ha.mac)).toEqual(Buffer.from(hb.mac));
    for (const db of [a.db, b.db]) {
      expect((await unlockVault(db, PASS, FAST)).ok).toBe(false);
      expect(unwrap(await unlockVault(db, NEW_PASS, FAST))).toBeTruthy();
      expect(unwrap(await unlockWithPasskey(db, passkey.credentialId, await passkey.prf(prfSalt)))).toBeTruthy();
    }
    expect(
      unwrap(await listSlots(a.db, a.key))
        .map((s) => s.kind)
        .sort(),
    ).toEqual(['passkey', 'passphrase']);
  });

  it('a header rolled back in the store is not adopted and is pushed back', async () => {
    const { area, a, b } = await syncedPair();
    const old = area.snapshot();
    unwrap(await changePassphrase(a.db, PASS, NEW_PASS, FAST));
    await a.sync();
    await b.sync();
    area.restore(old);
    expect((await b.sync()).header).toBe('pushed');
    expect(unwrap(await unlockVault(b.db, NEW_PASS, FAST))).toBeTruthy();
    expect((await a.sync()).header).toBe('same');
  });
});

describe('merging a browser that has its own vault into the synced one', () => {
  it('re-encrypts its accounts, trash and log under the synced key, adopts the synced header, and loses nothing on either side', async () => {
    const { clock, transport, a } = await syncedPair();
    const c = await firstBrowser(storageSyncTransport(new FakeSyncArea(clock.now)), clock, ['c one', 'c two']);
    const [cOne] = await c.accounts();
    await deleteAccount(c.db, c.key, cOne!.id, clock.advance());
    await appendLog(c.db, c.key, { type: 'unlocked', time: 42 });
    const passkey = fakePasskey(5);
    const prfSalt = newPrfSalt();
    unwrap(
      await addPasskeySlot(
        c.db,
        c.key,
        { credentialId: passkey.credentialId, prfSalt, prfOutput: await passkey.prf(prfSalt), name: 'C key' },
        clock.now(),
      ),
    );
    const cLabels = await c.labels();

    expect((await mergeInSyncedVault(c.db, c.key, transport, 'not it', clock.now())).ok).toBe(false);
    const merged = unwrap(await mergeInSyncedVault(c.db, c.key, transport, PASS, clock.advance()));
    expect(merged).toMatchObject({ added: 2, sameVault: false, droppedSlots: [{ kind: 'passkey', name: 'C key' }] });
    c.key = merged.dataKey;
    c.transport = transport;
    expect(await c.labels()).toEqual([...cLabels, ...(await a.labels())].sort());
    expect((await listTrash(c.db, c.key)).map((e) => e.account.label)).toEqual(['c one']);
    expect((await readLog(c.db, c.key)).entries).toContainEqual({ type: 'unlocked', time: 42 });
    expect(unwrap(await unlockVault(c.db, PASS, FAST))).toBeTruthy();

    expect((await c.sync()).ok).toBe(true);
    await a.sync();
    expect(await picture(a)).toEqual(await picture(c));
    // C's accounts come after A's, in C's order.
    expect((await a.accounts()).map((x) => x.label).slice(-2)).toEqual(['c two', 'bob']);
  });

  it('refuses to re-add accounts over itself: merging the same vault is just a sync', async () => {
    const { clock, transport, b } = await syncedPair();
    await addAccounts(b.db, b.key, [totpDraft({ label: 'x' })], clock.now());
    const outcome = unwrap(await mergeInSyncedVault(b.db, b.key, transport, PASS, clock.now()));
    expect(outcome).toMatchObject({ sameVault: true, added: 0 });
  });
});
