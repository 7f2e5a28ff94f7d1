/**
 * What the vault service offers sync (lib/vault-service/vault-service.ts): the trash requests,
 * the write and unlock events, a passphrase fallback inside the one attempt, and replacing the
 * data key (a vault merged into a synced one), with features re-sealing what they kept under it.
 */
import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS } from '../../../lib/vault-service/vault-service';
import { AutoBackupService, AUTO_BACKUP_KEYS } from '../../../lib/auto-backup/auto-backup-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { generateDataKey } from '../../../lib/vault/crypto';
import { toWire } from '../../../lib/messaging/account-wire';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { ok } from '../../../lib/result';

const PASS = 'long enough passphrase';
let n = 0;
const draft: AccountDraft = {
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer: 'Acme',
  label: 'alice',
  secret: new Uint8Array(10).fill(7),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

function make() {
  const db = openVaultDb(`sync-hooks-${++n}`);
  const session = memoryStore();
  const local = memoryStore();
  let now = 1_700_000_000_000;
  const service = new VaultService({ db: () => db, session, local, now: () => now, iterations: 1000 });
  return { service, session, local, tick: (ms: number) => (now += ms) };
}

describe('vault service hooks for sync', () => {
  it('lists the trash and restores from it; only writing requests are announced', async () => {
    const { service, tick } = make();
    const writes: string[] = [];
    service.onWritten(() => void writes.push('w'));
    await service.handle({ type: 'setup', passphrase: PASS });
    const added = await service.handle({ type: 'add', drafts: [toWire(draft)] });
    if (!added.ok) throw new Error(added.problem.code);
    const id = added.value[0]!.id;
    tick(1000);
    await service.handle({ type: 'delete', id });
    await service.handle({ type: 'state' });
    const trash = await service.handle({ type: 'trash' });
    expect(trash).toMatchObject({ ok: true, value: [{ account: { id, issuer: 'Acme' } }] });
    if (!trash.ok) return;
    expect(trash.value[0]!.purgeAt - trash.value[0]!.deletedAt).toBe(30 * 24 * 3600 * 1000);
    tick(1000);
    expect(await service.handle({ type: 'trash-restore', id })).toMatchObject({ ok: true, value: { id } });
    expect(await service.handle({ type: 'trash-restore', id })).toMatchObject({ ok: false, problem: { code: 'err_vault_trash_missing' } });
    expect(await service.handle({ type: 'state' })).toMatchObject({ value: { accounts: [{ id }] } });
    expect(writes).toHaveLength(3); // add, delete, restore: not state, trash, nor the refused restore
  });

  it('the passphrase fallback runs inside the unlock attempt: one wrong guess counts once', async () => {
    const { service, local } = make();
    await service.handle({ type: 'setup', passphrase: PASS });
    await service.handle({ type: 'lock' });
    const tried: string[] = [];
    service.setPassphraseFallback(async (_db, p) => {
      tried.push(p);
      return { ok: false, problem: { code: 'err_vault_wrong_passphrase' } };
    });
    expect(await service.handle({ type: 'unlock', passphrase: 'a wrong guess' })).toMatchObject({ ok: false });
    expect(tried).toEqual(['a wrong guess']);
    expect(local.data.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: 1 });
    expect(await service.handle({ type: 'unlock', passphrase: PASS })).toMatchObject({ ok: true, value: { phase: 'unlocked' } });
    expect(tried).toHaveLength(1); // the local passphrase worked: no fallback
  });

  it('replacing the data key keeps the session key, and the scheduled backup re-seals its key under the new one', async () => {
    const { service, session } = make();
    await service.handle({ type: 'setup', passphrase: PASS });
    const backup = new AutoBackupService({
      session,
      local: memoryStore(),
      iterations: 1000,
      now: () => 1,
      accounts: async () => service.unlockedAccounts(),
      seal: (p, aad) => service.sealWithDataKey(p, aad),
      open: (s, aad) => service.openWithDataKey(s, aad),
      checkPassphrase: async () => ok(null),
      save: async () => {},
      setTimer: async () => {},
    });
    service.onDataKeyReplaced((change) => backup.rewrap(change));
    await backup.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: 'backup passphrase', vaultPassphrase: PASS });
    expect((await backup.status()).armed).toBe(true);
    const before = JSON.stringify(session.data.get(AUTO_BACKUP_KEYS.sessionKey));
    const next = await generateDataKey();
    await service.replaceDataKey(next);
    expect(await service.dataKey()).toBe(next);
    expect(session.data.get(STORE_KEYS.sessionDataKey)).toEqual(Array.from(new Uint8Array(await crypto.subtle.exportKey('raw', next))));
    const after = session.data.get(AUTO_BACKUP_KEYS.sessionKey) as { wrappedKey: { iv: number[]; ciphertext: number[] } };
    expect(JSON.stringify(after)).not.toBe(before);
    // It opens under the new key: the next due backup can use it.
    expect(
      await service.openWithDataKey(
        { iv: Uint8Array.from(after.wrappedKey.iv), ciphertext: Uint8Array.from(after.wrappedKey.ciphertext) },
        'sesame-auto-backup-key/v1',
      ),
    ).toHaveLength(32);
  });
});
