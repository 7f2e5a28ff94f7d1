/**
 * The encrypted Sesame backup file (docs/vault-format.md, "Backup file"): JSON text
 * `{ format: "sesame-backup", version: 1, kdf: { name, iterations, salt }, iv, ciphertext }`,
 * binary fields in Base64 (RFC 4648 §4). The ciphertext is AES-256-GCM (additional data
 * `BACKUP_AAD`) under PBKDF2-HMAC-SHA256(passphrase, salt, iterations) of the UTF-8 JSON
 * `{ exportedAt, accounts: [...] }`, each account in its stored JSON form with the secret in Base32.
 *
 * The backup does not depend on the vault's data key: it opens with its own passphrase anywhere.
 */
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { accountToJson, parseStoredAccount } from './account-codec';
import { deriveWrappingKey, IV_BYTES, open, randomBytes, SALT_BYTES, seal, TAG_BYTES, type KdfParams } from './crypto';
import { decodeBase64, encodeBase64 } from './encoding';
import { DEFAULT_ITERATIONS, ERR_PASSPHRASE_EMPTY, VaultError, type VaultOptions } from './vault';
import { MAX_ITERATIONS, MIN_SALT_BYTES } from './vault-header';

export const BACKUP_FORMAT = 'sesame-backup';
export const BACKUP_VERSION = 1;
/** Additional data of the backup's AES-GCM encryption. */
export const BACKUP_AAD = 'sesame-backup/v1';
/** Larger input is refused before parsing (measured in UTF-16 code units of the text). */
export const MAX_BACKUP_CHARS = 20 * 1024 * 1024;

export const ERR_BACKUP_NOT_SESAME = 'err_backup_not_sesame';
export const ERR_BACKUP_UNSUPPORTED_VERSION = 'err_backup_unsupported_version';
export const ERR_BACKUP_CORRUPT = 'err_backup_corrupt';
export const ERR_BACKUP_WRONG_PASSPHRASE = 'err_backup_wrong_passphrase';
export const ERR_BACKUP_TOO_LARGE = 'err_backup_too_large';
export const ERR_BACKUP_INVALID_ACCOUNT = 'err_backup_invalid_account';

/** Encrypts every account (all fields, secret as Base32) into backup-file text. */
export async function createBackup(accounts: readonly Account[], passphrase: string, now: number, opts?: VaultOptions): Promise<string> {
  if (passphrase === '') throw new VaultError({ code: ERR_PASSPHRASE_EMPTY });
  const kdf: KdfParams = { name: 'PBKDF2-SHA256', iterations: opts?.iterations ?? DEFAULT_ITERATIONS, salt: randomBytes(SALT_BYTES) };
  return sealBackup(accounts, await deriveWrappingKey(passphrase, kdf), kdf, now);
}

/**
 * Like `createBackup`, with a key already derived from the passphrase under `kdf` (the
 * scheduled backup keeps such a key in memory instead of the passphrase). Every call uses a new
 * random IV; `kdf` is written into the file so the passphrase alone opens it.
 */
export async function sealBackup(accounts: readonly Account[], key: CryptoKey, kdf: KdfParams, now: number): Promise<string> {
  const plain = new TextEncoder().encode(JSON.stringify({ exportedAt: now, accounts: accounts.map((a) => accountToJson(a, 'base32')) }));
  const sealed = await seal(key, plain, BACKUP_AAD);
  plain.fill(0);
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: kdf.name, iterations: kdf.iterations, salt: encodeBase64(kdf.salt) },
    iv: encodeBase64(sealed.iv),
    ciphertext: encodeBase64(sealed.ciphertext),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Decrypts backup-file text into accounts (with their original ids, order and timestamps; an
 * importer gives them new ids). Never throws: every failure is a distinct Problem.
 */
export async function readBackup(text: string, passphrase: string): Promise<Result<Account[]>> {
  try {
    return await readBackupOrThrow(text, passphrase);
  } catch {
    return fail(ERR_BACKUP_CORRUPT);
  }
}

async function readBackupOrThrow(text: string, passphrase: string): Promise<Result<Account[]>> {
  if (typeof text !== 'string') return fail(ERR_BACKUP_NOT_SESAME);
  if (text.length > MAX_BACKUP_CHARS) return fail(ERR_BACKUP_TOO_LARGE, MAX_BACKUP_CHARS / 1024 / 1024);
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    // A truncated or edited Sesame backup still names its format near the top.
    return fail(/"format"\s*:\s*"sesame-backup"/.test(text) ? ERR_BACKUP_CORRUPT : ERR_BACKUP_NOT_SESAME);
  }
  if (!isRecord(file) || file['format'] !== BACKUP_FORMAT) return fail(ERR_BACKUP_NOT_SESAME);
  if (file['version'] !== BACKUP_VERSION) return fail(ERR_BACKUP_UNSUPPORTED_VERSION, String(file['version']));

  const kdf = file['kdf'];
  if (!isRecord(kdf) || kdf['name'] !== 'PBKDF2-SHA256') return fail(ERR_BACKUP_CORRUPT);
  const iterations = kdf['iterations'];
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return fail(ERR_BACKUP_CORRUPT);
  const salt = typeof kdf['salt'] === 'string' ? decodeBase64(kdf['salt']) : undefined;
  const iv = typeof file['iv'] === 'string' ? decodeBase64(file['iv']) : undefined;
  const ciphertext = typeof file['ciphertext'] === 'string' ? decodeBase64(file['ciphertext']) : undefined;
  if (!salt || salt.length < MIN_SALT_BYTES || !iv || iv.length !== IV_BYTES || !ciphertext || ciphertext.length < TAG_BYTES) {
    return fail(ERR_BACKUP_CORRUPT);
  }

  const key = await deriveWrappingKey(passphrase, { name: 'PBKDF2-SHA256', iterations, salt });
  const plain = await open(key, { iv, ciphertext }, BACKUP_AAD);
  // AES-GCM cannot tell a wrong key from altered ciphertext; the message says both.
  if (!plain) return fail(ERR_BACKUP_WRONG_PASSPHRASE);

  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return fail(ERR_BACKUP_CORRUPT);
  } finally {
    plain.fill(0);
  }
  if (!isRecord(content) || !Array.isArray(content['accounts']) || typeof content['exportedAt'] !== 'number') return fail(ERR_BACKUP_CORRUPT);
  const accounts: Account[] = [];
  for (const [index, json] of content['accounts'].entries()) {
    const account = parseStoredAccount(json, 'base32');
    if (!account.ok) return fail(ERR_BACKUP_INVALID_ACCOUNT, index + 1, account.problem.params?.[0] ?? '');
    accounts.push(account.value);
  }
  return ok(accounts);
}
