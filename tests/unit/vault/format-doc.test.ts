import { describe, expect, it } from 'vitest';
import { appendLog } from '../../../lib/vault/activity-log';
import { createBackup } from '../../../lib/vault/backup';
import { formatRecoveryKey, generateRecoveryKey } from '../../../lib/vault/recovery-key';
import {
  addAccounts,
  addPasskeySlot,
  createVault,
  DEFAULT_ITERATIONS,
  deleteAccount,
  purgeTrash,
  recoveryBackupKey,
  replaceRecoverySlot,
} from '../../../lib/vault/vault';
import { newPrfSalt } from '../../../lib/vault/vault-slots';
import { DEVICE_KEY } from '../../../lib/vault/vault-db';
import {
  cj,
  dataKeyFromSlot,
  gcmOpen,
  headerMacMatches,
  openBackup,
  openVault,
  readRecoveryKeyText,
  recoveryBackupKeyFromVault,
} from './doc-reference';
import { FAST, fakePasskey, freshDb, hotpDraft, steamDraft, storedHeader, totpDraft, unwrap } from './helpers';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

async function documentedVault() {
  const db = await freshDb();
  const key = unwrap(await createVault(db, 'doc pass', { ...FAST, now: NOW }));
  const accounts = await addAccounts(db, key, [totpDraft(), hotpDraft(), steamDraft(), totpDraft({ label: 'to purge' })], NOW);
  await appendLog(db, key, { type: 'unlocked', time: 5 });
  const passkey = fakePasskey(1);
  const prfSalt = newPrfSalt();
  const prfOutput = await passkey.prf(prfSalt);
  unwrap(await addPasskeySlot(db, key, { credentialId: passkey.credentialId, prfSalt, prfOutput, name: 'Laptop "work"' }, NOW));
  const recoveryText = formatRecoveryKey(generateRecoveryKey());
  unwrap(await replaceRecoverySlot(db, key, recoveryText, NOW));
  await deleteAccount(db, key, accounts[3]!.id, NOW); // purged below
  await purgeTrash(db, key, NOW + 31 * DAY);
  await deleteAccount(db, key, accounts[2]!.id, NOW + 31 * DAY); // in the trash
  return { db, key, accounts, prfOutput, recoveryText };
}

describe('docs/vault-format.md is enough to decrypt a format-2 vault', () => {
  it('a reader written from the document opens it by passphrase, passkey PRF output and recovery key, checks the MAC, and reads every record and the log', async () => {
    const { db, key, accounts, prfOutput, recoveryText } = await documentedVault();
    const header = await storedHeader(db);
    expect(header.slots.map((s) => s.kind)).toEqual(['passphrase', 'passkey', 'recovery']);
    const records = (await db.getAll('accounts')) as never[];

    const byPassphrase = openVault(header as never, records, 0, 'doc pass');
    const byPasskey = openVault(header as never, records, 1, prfOutput);
    const byRecovery = openVault(header as never, records, 2, readRecoveryKeyText(recoveryText));
    const raw = Buffer.from(await crypto.subtle.exportKey('raw', key));
    for (const opened of [byPassphrase, byPasskey, byRecovery]) expect(opened.dataKey).toEqual(raw);

    expect(byPassphrase.accounts.map((a) => a['id']).sort()).toEqual([accounts[0]!.id, accounts[1]!.id].sort());
    const totp = byPassphrase.accounts.find((a) => a['id'] === accounts[0]!.id)!;
    expect(totp['issuer']).toBe(accounts[0]!.issuer);
    expect(Buffer.from(totp['secret'] as string, 'base64')).toEqual(Buffer.from(accounts[0]!.secret));
    expect(byPassphrase.trash.map((a) => a['id'])).toEqual([accounts[2]!.id]);
    expect(byPassphrase.purged).toEqual([accounts[3]!.id]);

    // Every record's clock is in the documented form, and the device clock is the latest of them.
    const device = (await db.get('meta', DEVICE_KEY)) as { deviceId: string; clock: string };
    const clocks = (records as { clock: string }[]).map((r) => r.clock);
    for (const clock of clocks) expect(clock).toMatch(new RegExp(`^[0-9a-f]{12}-[0-9a-f]{4}-${device.deviceId}$`));
    expect(device.clock).toBe([...clocks].sort().at(-1));

    // The log decrypts with the data key as in format 1.
    const [entry] = await db.getAll('log');
    expect(JSON.parse(gcmOpen(raw, entry!.iv, entry!.ciphertext, `log/${entry!.seq}`).toString('utf8'))).toEqual({
      type: 'unlocked',
      time: 5,
    });
  });

  it('the MAC the document describes is the stored one, and any change to the header breaks it', async () => {
    const { db, key } = await documentedVault();
    const header = await storedHeader(db);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    expect(headerMacMatches(header as never, raw)).toBe(true);
    const edits: ((h: any) => void)[] = [
      (h) => void (h.revision += 1),
      (h) => void h.slots.reverse(),
      (h) => void h.slots.pop(),
      (h) => void (h.slots[1].params.name = 'Laptop'),
      (h) => void (h.slots[2].backupKey.iv = new Uint8Array(12)),
    ];
    for (const edit of edits) {
      const copy = structuredClone(header);
      edit(copy);
      expect(headerMacMatches(copy as never, raw)).toBe(false);
    }
  });

  it('the slot additional data is the canonical JSON of the documented fields', async () => {
    const { db, key } = await documentedVault();
    const header = await storedHeader(db);
    const raw = Buffer.from(await crypto.subtle.exportKey('raw', key));
    const aad = cj({
      context: 'sesame-vault/slot/v2',
      vaultId: header.vaultId,
      id: header.slots[1]!.id,
      kind: 'passkey',
      params: header.slots[1]!.params,
    });
    expect(aad).toContain('"name":"Laptop \\"work\\""');
    expect(aad.startsWith('{"context":"sesame-vault/slot/v2","id":')).toBe(true);
    expect(dataKeyFromSlot(header as never, 0, 'doc pass')).toEqual(raw);
  });

  it('a backup made with the recovery slot opens, per the document, with the passphrase or the recovery key', async () => {
    const { db, key, accounts, recoveryText } = await documentedVault();
    const header = await storedHeader(db);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    const recovery = unwrap(await recoveryBackupKey(db, key))!;
    // The escrowed recovery backup key is HKDF of the recovery key, as §2.2 says.
    expect(recoveryBackupKeyFromVault(header as never, raw)).toEqual(Buffer.from(recovery.key));
    const text = await createBackup(accounts.slice(0, 2), 'backup pass', NOW, { ...FAST, recovery });
    const byPass = openBackup(text, { passphrase: 'backup pass' });
    const byRecovery = openBackup(text, { recoveryKey: readRecoveryKeyText(recoveryText) });
    expect(byRecovery).toEqual(byPass);
    expect(byPass.accounts.map((a) => a['label'])).toEqual(['alice@example.com', 'bob']);
  });
});

describe('default work factor', () => {
  it('is at least 600,000 PBKDF2 iterations (OWASP 2023) and is what createVault uses with no options', async () => {
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const db = await freshDb();
    expect((await createVault(db, 'slow but safe')).ok).toBe(true);
    expect((await storedHeader(db)).slots[0]!.params).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: DEFAULT_ITERATIONS });
  }, 60_000);

  it('is what createBackup uses with no options', async () => {
    const file = JSON.parse(await createBackup([], 'slow but safe', 0));
    expect(file.kdf.iterations).toBe(DEFAULT_ITERATIONS);
  }, 60_000);
});
