import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import { accountToJson } from '../../../lib/vault/account-codec';
import { createBackup, readBackup, sealBackup, type BackupRecoveryKey } from '../../../lib/vault/backup';
import { deriveWrappingKey, randomBytes } from '../../../lib/vault/crypto';
import { formatRecoveryKey, generateRecoveryKey } from '../../../lib/vault/recovery-key';
import { createVault, recoveryBackupKey, replaceRecoverySlot } from '../../../lib/vault/vault';
import { gcmOpen, kdf, openBackup, readRecoveryKeyText, writeBackupByHand } from './doc-reference';
import { FAST, freshDb, hotpDraft, steamDraft, totpDraft, unwrap } from './helpers';
import { readFixtureText } from '../../support/fixtures';

const PASS = 'backup passphrase';
const NOW = 1_750_000_000_000;
const ACCOUNTS: Account[] = [totpDraft(), hotpDraft(), steamDraft()].map((d, i) => ({
  ...d,
  id: `id-${i}`,
  order: `a${i}`,
  createdAt: 1_600_000_000_000 + i,
  updatedAt: 1_650_000_000_000 + i,
}));
const problem = (code: string, ...params: string[]) => ({ ok: false, problem: params.length ? { code, params } : { code } });

describe('Sesame backup', () => {
  it('round-trips every field of every account type', async () => {
    const text = await createBackup(ACCOUNTS, PASS, NOW, FAST);
    expect(await readBackup(text, PASS)).toEqual({ ok: true, value: ACCOUNTS });
  });

  it('has exactly the documented shape, and a reader built from the document opens it', async () => {
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST));
    expect(Object.keys(file).sort()).toEqual(['ciphertext', 'format', 'iv', 'kdf', 'version']);
    expect(file).toMatchObject({ format: 'sesame-backup', version: 1, kdf: { name: 'PBKDF2-SHA256', iterations: 1000 } });
    const salt = Buffer.from(file.kdf.salt, 'base64');
    const iv = Buffer.from(file.iv, 'base64');
    expect(salt).toHaveLength(16);
    expect(iv).toHaveLength(12);
    const plain = JSON.parse(
      gcmOpen(kdf(PASS, salt, 1000), iv, Buffer.from(file.ciphertext, 'base64'), 'sesame-backup/v1').toString('utf8'),
    );
    expect(plain.exportedAt).toBe(NOW);
    expect(plain.accounts).toEqual(ACCOUNTS.map((a) => accountToJson(a, 'base32')));
    expect(plain.accounts[0].secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('uses a fresh salt and IV every time', async () => {
    const a = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST));
    const b = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST));
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.iv).not.toBe(b.iv);
  });

  it('reads a backup written by hand from the document', async () => {
    const text = writeBackupByHand({ exportedAt: NOW, accounts: ACCOUNTS.map((a) => accountToJson(a, 'base32')) }, PASS);
    expect(await readBackup(text, PASS)).toEqual({ ok: true, value: ACCOUNTS });
  });
});

describe('bad backups are distinct Problems, never exceptions', () => {
  it('wrong passphrase', async () => {
    const text = await createBackup(ACCOUNTS, PASS, NOW, FAST);
    expect(await readBackup(text, 'Backup passphrase')).toEqual(problem('err_backup_wrong_passphrase'));
  });

  it.each([
    ['plain text', 'hello'],
    ['an otpauth URI', 'otpauth://totp/x?secret=GEZDGNBV'],
    ['other JSON', '{"foo": 1}'],
    ['a JSON array', '[1,2]'],
    ['an Aegis export', readFixtureText('other_apps/aegis_plain.json')],
    ['an encrypted 2FAS export', readFixtureText('other_apps/2fas_authenticator_encrypted.2fas')],
    ['empty input', ''],
  ])('not a Sesame backup: %s', async (_name, text) => {
    expect(await readBackup(text, PASS)).toEqual(problem('err_backup_not_sesame'));
  });

  it('unsupported version', async () => {
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST));
    expect(await readBackup(JSON.stringify({ ...file, version: 3 }), PASS)).toEqual(problem('err_backup_unsupported_version', '3'));
  });

  it('truncated file', async () => {
    const text = await createBackup(ACCOUNTS, PASS, NOW, FAST);
    for (const cut of [0.3, 0.6, 0.95]) {
      expect(await readBackup(text.slice(0, Math.floor(text.length * cut)), PASS)).toEqual(problem('err_backup_corrupt'));
    }
  });

  it.each([
    ['ciphertext cut mid-Base64', (f: any) => ({ ...f, ciphertext: f.ciphertext.slice(0, -1) })],
    ['ciphertext shorter than a tag', (f: any) => ({ ...f, ciphertext: 'AAAA' })],
    ['IV of the wrong length', (f: any) => ({ ...f, iv: 'AAAAAAAA' })],
    ['IV missing', (f: any) => ({ ...f, iv: undefined })],
    ['salt not Base64', (f: any) => ({ ...f, kdf: { ...f.kdf, salt: '@@@@' } })],
    ['unknown KDF', (f: any) => ({ ...f, kdf: { ...f.kdf, name: 'scrypt' } })],
    ['absurd iterations', (f: any) => ({ ...f, kdf: { ...f.kdf, iterations: 1e12 } })],
    ['zero iterations', (f: any) => ({ ...f, kdf: { ...f.kdf, iterations: 0 } })],
  ])('corrupted: %s', async (_name, edit) => {
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST));
    expect(await readBackup(JSON.stringify(edit(file)), PASS)).toEqual(problem('err_backup_corrupt'));
  });

  it('altered ciphertext fails authentication (reported with the passphrase message, which mentions alteration)', async () => {
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST));
    const bytes = Buffer.from(file.ciphertext, 'base64');
    bytes[10]! ^= 1;
    expect(await readBackup(JSON.stringify({ ...file, ciphertext: bytes.toString('base64') }), PASS)).toEqual(
      problem('err_backup_wrong_passphrase'),
    );
  });

  it('oversized input is refused before parsing', async () => {
    const huge = `{"format":"sesame-backup","pad":"${'x'.repeat(20 * 1024 * 1024)}"}`;
    expect(await readBackup(huge, PASS)).toEqual(problem('err_backup_too_large', '20'));
  });

  it('authentic plaintext that is not the documented JSON is corrupt', async () => {
    expect(await readBackup(writeBackupByHand({ accounts: 'nope' }, PASS), PASS)).toEqual(problem('err_backup_corrupt'));
    expect(await readBackup(writeBackupByHand([1, 2], PASS), PASS)).toEqual(problem('err_backup_corrupt'));
  });

  it('every decrypted account is validated strictly', async () => {
    const good = ACCOUNTS.map((a) => accountToJson(a, 'base32'));
    const badDigits = { ...good[0], digits: 9 };
    expect(await readBackup(writeBackupByHand({ exportedAt: NOW, accounts: [good[1], badDigits] }, PASS), PASS)).toEqual(
      problem('err_backup_invalid_account', '2', 'digits'),
    );
    const base64Secret = accountToJson(ACCOUNTS[0]!, 'base64');
    expect(await readBackup(writeBackupByHand({ exportedAt: NOW, accounts: [base64Secret] }, PASS), PASS)).toEqual(
      problem('err_backup_invalid_account', '1', 'secret'),
    );
  });

  it('never throws, whatever it is given', async () => {
    for (const input of [null, undefined, 42, {}, '{"format":"sesame-backup","version":1,"kdf":null}'] as never[]) {
      const result = await readBackup(input, PASS);
      expect(result.ok).toBe(false);
    }
  });
});

/** A vault with a recovery key, and what the unlocked background would pass to createBackup. */
async function vaultWithRecoveryKey(): Promise<{
  text: string;
  recovery: BackupRecoveryKey;
  db: Awaited<ReturnType<typeof freshDb>>;
  key: CryptoKey;
}> {
  const db = await freshDb();
  const key = unwrap(await createVault(db, 'vault passphrase', FAST));
  const text = formatRecoveryKey(generateRecoveryKey());
  unwrap(await replaceRecoverySlot(db, key, text, NOW));
  const recovery = unwrap(await recoveryBackupKey(db, key))!;
  return { text, recovery, db, key };
}

describe("backups that carry the vault's recovery slot (version 2)", () => {
  it('a vault without a recovery key still writes version 1', async () => {
    const db = await freshDb();
    const key = unwrap(await createVault(db, 'vault passphrase', FAST));
    expect(unwrap(await recoveryBackupKey(db, key))).toBeUndefined();
    expect(JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, FAST)).version).toBe(1);
  });

  it('opens with the backup passphrase and with the recovery key (as typed), made without the recovery key', async () => {
    const { text, recovery } = await vaultWithRecoveryKey();
    const file = await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery });
    expect(await readBackup(file, PASS)).toEqual({ ok: true, value: ACCOUNTS });
    expect(await readBackup(file, text)).toEqual({ ok: true, value: ACCOUNTS });
    expect(await readBackup(file, text.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, value: ACCOUNTS });
  });

  it('has the documented shape, and a reader written from the document opens it both ways', async () => {
    const { text, recovery } = await vaultWithRecoveryKey();
    const fileText = await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery });
    const file = JSON.parse(fileText);
    expect(Object.keys(file).sort()).toEqual(['ciphertext', 'format', 'iv', 'slots', 'version']);
    expect(file).toMatchObject({ format: 'sesame-backup', version: 2 });
    expect(file.slots.map((s: { kind: string; params: object }) => [s.kind, Object.keys(s.params).sort()])).toEqual([
      ['passphrase', ['iterations', 'kdf', 'salt']],
      ['recovery', ['createdAt', 'salt', 'slotId']],
    ]);
    expect(file.slots[1].params).toEqual({ slotId: recovery.slotId, salt: Buffer.from(recovery.salt).toString('base64'), createdAt: NOW });
    const expected = { exportedAt: NOW, accounts: ACCOUNTS.map((a) => accountToJson(a, 'base32')) };
    expect(openBackup(fileText, { passphrase: PASS })).toEqual(expected);
    expect(openBackup(fileText, { recoveryKey: readRecoveryKeyText(text) })).toEqual(expected);
  });

  it('the scheduled backup (a key derived once, kept in memory) carries the recovery slot too', async () => {
    const { text, recovery } = await vaultWithRecoveryKey();
    const kdfParams = { name: 'PBKDF2-SHA256' as const, iterations: 1000, salt: randomBytes(16) };
    const file = await sealBackup(ACCOUNTS, await deriveWrappingKey(PASS, kdfParams), kdfParams, NOW, recovery);
    expect(await readBackup(file, PASS)).toEqual({ ok: true, value: ACCOUNTS });
    expect(await readBackup(file, text)).toEqual({ ok: true, value: ACCOUNTS });
  });

  it('neither secret: its own message; a typo in the recovery key: the typo message', async () => {
    const { text, recovery } = await vaultWithRecoveryKey();
    const file = await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery });
    expect(await readBackup(file, 'not it')).toEqual(problem('err_backup_wrong_secret'));
    expect(await readBackup(file, formatRecoveryKey(generateRecoveryKey()))).toEqual(problem('err_backup_wrong_secret'));
    const typo = [...text];
    typo[0] = typo[0] === '1' ? '2' : '1';
    expect(await readBackup(file, typo.join(''))).toEqual(problem('err_recovery_key_check'));
  });

  it('a replaced recovery key does not open newer backups; older backups keep opening with the old key', async () => {
    const { text, recovery, db, key } = await vaultWithRecoveryKey();
    const older = await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery });
    const newText = formatRecoveryKey(generateRecoveryKey());
    unwrap(await replaceRecoverySlot(db, key, newText, NOW + 1));
    const newer = await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery: unwrap(await recoveryBackupKey(db, key))! });
    expect((await readBackup(older, text)).ok).toBe(true);
    expect((await readBackup(newer, newText)).ok).toBe(true);
    expect(await readBackup(newer, text)).toEqual(problem('err_backup_wrong_secret'));
  });

  it.each([
    ['a slot parameter changed (bound as additional data)', (f: any) => void (f.slots[0].params.iterations = 1001)],
    ['the recovery slot id changed', (f: any) => void (f.slots[1].params.slotId = 'x')],
  ])('refused: %s', async (_name, edit) => {
    const { text, recovery } = await vaultWithRecoveryKey();
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery }));
    edit(file);
    const edited = JSON.stringify(file);
    expect((await readBackup(edited, PASS)).ok && (await readBackup(edited, text)).ok).toBe(false);
  });

  it.each([
    ['no slots', (f: any) => ({ ...f, slots: [] })],
    ['a slot with an extra field', (f: any) => void (f.slots[0].extra = 1)],
    ['a slot of an unknown kind', (f: any) => void (f.slots[0].kind = 'passkey')],
    ['a wrapped key of the wrong length', (f: any) => void (f.slots[0].wrappedKey.ciphertext = 'AAAA')],
    ['a short recovery salt', (f: any) => void (f.slots[1].params.salt = 'AAAA')],
    ['content IV missing', (f: any) => ({ ...f, iv: undefined })],
  ])('corrupted: %s', async (_name, edit) => {
    const { recovery } = await vaultWithRecoveryKey();
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery }));
    expect(await readBackup(JSON.stringify(edit(file) ?? file), PASS)).toEqual(problem('err_backup_corrupt'));
  });

  it('altered content is refused after the key opened', async () => {
    const { recovery } = await vaultWithRecoveryKey();
    const file = JSON.parse(await createBackup(ACCOUNTS, PASS, NOW, { ...FAST, recovery }));
    const bytes = Buffer.from(file.ciphertext, 'base64');
    bytes[3]! ^= 1;
    expect(await readBackup(JSON.stringify({ ...file, ciphertext: bytes.toString('base64') }), PASS)).toEqual(
      problem('err_backup_corrupt'),
    );
  });
});
