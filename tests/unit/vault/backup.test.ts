import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import { accountToJson } from '../../../lib/vault/account-codec';
import { createBackup, readBackup } from '../../../lib/vault/backup';
import { gcmOpen, kdf, writeBackupByHand } from './doc-reference';
import { FAST, hotpDraft, steamDraft, totpDraft } from './helpers';
import { readFixtureText } from '../../support/fixtures';

const PASS = 'backup passphrase';
const NOW = 1_750_000_000_000;
const ACCOUNTS: Account[] = [totpDraft(), hotpDraft(), steamDraft()].map(
  (d, i) => ({ ...d, id: `id-${i}`, order: i, createdAt: 1_600_000_000_000 + i, updatedAt: 1_650_000_000_000 + i }) as Account,
);
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
    const plain = JSON.parse(gcmOpen(kdf(PASS, salt, 1000), iv, Buffer.from(file.ciphertext, 'base64'), 'sesame-backup/v1').toString('utf8'));
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
    expect(await readBackup(JSON.stringify({ ...file, version: 2 }), PASS)).toEqual(problem('err_backup_unsupported_version', '2'));
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
    expect(await readBackup(JSON.stringify({ ...file, ciphertext: bytes.toString('base64') }), PASS)).toEqual(problem('err_backup_wrong_passphrase'));
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
