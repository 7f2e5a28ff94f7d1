/**
 * The encrypted Sesame backup file (docs/vault-format.md, "Backup file"): JSON text, binary fields
 * in Base64 (RFC 4648 §4), holding `{ exportedAt, accounts: [...] }` (each account in its stored
 * JSON form with the secret in Base32) encrypted with AES-256-GCM.
 *
 * - Version 1 (written when the vault has no recovery key, so older Sesame can still read it):
 *   the content is encrypted directly under PBKDF2-HMAC-SHA256(passphrase, salt, iterations),
 *   additional data `sesame-backup/v1`.
 * - Version 2 (written when the vault has a recovery key): the content is encrypted under a random
 *   file key (additional data `sesame-backup/v2`), and the file key is wrapped once per slot: a
 *   passphrase slot (PBKDF2 as in version 1) and a recovery slot (HKDF-SHA256 of the recovery key,
 *   which the unlocked vault holds sealed under its data key, key-slots.ts), so either the backup
 *   passphrase or the vault's recovery key opens it.
 *
 * The backup does not depend on the vault's data key: it opens anywhere with what it was made for.
 */
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { accountToJson, parseStoredAccount } from './account-codec';
import { canonicalJson } from './canonical-json';
import {
  deriveWrappingKey,
  importRawDataKey,
  IV_BYTES,
  KEY_BYTES,
  open,
  randomBytes,
  SALT_BYTES,
  seal,
  TAG_BYTES,
  unwrapRawKey,
  wrapRawKey,
  type KdfParams,
  type Sealed,
} from './crypto';
import { decodeBase64, encodeBase64 } from './encoding';
import { MAX_ITERATIONS, MIN_SALT_BYTES, recoveryBackupKeyBytes } from './key-slots';
import { ERR_RECOVERY_KEY_CHECK, parseRecoveryKey } from './recovery-key';
import { hasExactKeys, isId, isRecord, isTimestamp } from './stored-shape';
import { DEFAULT_ITERATIONS, type VaultOptions } from './vault-options';
import { ERR_PASSPHRASE_EMPTY, VaultError } from './vault-problems';

const BACKUP_FORMAT = 'sesame-backup';
const BACKUP_VERSION = 1;
const BACKUP_VERSION_2 = 2;
/** Additional data of the version-1 backup's AES-GCM encryption. */
const BACKUP_AAD = 'sesame-backup/v1';
/** Additional data of the version-2 backup's content. */
const BACKUP_AAD_V2 = 'sesame-backup/v2';
const BACKUP_SLOT_AAD_CONTEXT = 'sesame-backup/slot/v2';
/** Larger input is refused before parsing (measured in UTF-16 code units of the text). */
const MAX_BACKUP_CHARS = 20 * 1024 * 1024;
const MAX_BACKUP_SLOTS = 8;

const ERR_BACKUP_NOT_SESAME = 'err_backup_not_sesame';
const ERR_BACKUP_UNSUPPORTED_VERSION = 'err_backup_unsupported_version';
const ERR_BACKUP_CORRUPT = 'err_backup_corrupt';
const ERR_BACKUP_WRONG_PASSPHRASE = 'err_backup_wrong_passphrase';
/** A version-2 backup with a recovery slot opened with neither its passphrase nor its recovery key. */
const ERR_BACKUP_WRONG_SECRET = 'err_backup_wrong_secret';
const ERR_BACKUP_TOO_LARGE = 'err_backup_too_large';
const ERR_BACKUP_INVALID_ACCOUNT = 'err_backup_invalid_account';

/**
 * What a backup needs to carry a recovery slot: the vault's recovery slot id, salt and creation
 * time, and the recovery backup key (HKDF-SHA256 of the recovery key with that salt, 32 bytes),
 * which `recoveryBackupKey` (vault-slots.ts) unseals with the data key. Keep it in memory only.
 */
export interface BackupRecoveryKey {
  readonly slotId: string;
  readonly salt: Uint8Array;
  readonly createdAt: number;
  readonly key: Uint8Array;
}

export interface BackupOptions extends VaultOptions {
  /** Adds a recovery slot (version 2), so the vault's recovery key opens the backup too. */
  readonly recovery?: BackupRecoveryKey;
}

/** Encrypts every account (all fields, secret as Base32) into backup-file text. */
export async function createBackup(accounts: readonly Account[], passphrase: string, now: number, opts?: BackupOptions): Promise<string> {
  if (passphrase === '') throw new VaultError({ code: ERR_PASSPHRASE_EMPTY });
  const kdf: KdfParams = { name: 'PBKDF2-SHA256', iterations: opts?.iterations ?? DEFAULT_ITERATIONS, salt: randomBytes(SALT_BYTES) };
  return sealBackup(accounts, await deriveWrappingKey(passphrase, kdf), kdf, now, opts?.recovery);
}

const fileText = (file: unknown): string => `${JSON.stringify(file, null, 2)}\n`;
const sealedJson = (s: Sealed) => ({ iv: encodeBase64(s.iv), ciphertext: encodeBase64(s.ciphertext) });

/** The additional data a version-2 slot wraps the file key under: binds its kind and parameters. */
function backupSlotAad(kind: string, params: Record<string, string | number>): string {
  return canonicalJson({ context: BACKUP_SLOT_AAD_CONTEXT, kind, params });
}

/**
 * Like `createBackup`, with a key already derived from the passphrase under `kdf` (the
 * scheduled backup keeps such a key in memory instead of the passphrase). Every call uses a new
 * random IV (and, in version 2, a new file key); `kdf` is written into the file so the passphrase
 * alone opens it.
 */
export async function sealBackup(
  accounts: readonly Account[],
  key: CryptoKey,
  kdf: KdfParams,
  now: number,
  recovery?: BackupRecoveryKey,
): Promise<string> {
  const plain = new TextEncoder().encode(JSON.stringify({ exportedAt: now, accounts: accounts.map((a) => accountToJson(a, 'base32')) }));
  const kdfJson = { name: kdf.name, iterations: kdf.iterations, salt: encodeBase64(kdf.salt) };
  if (!recovery) {
    const sealed = await seal(key, plain, BACKUP_AAD);
    plain.fill(0);
    return fileText({ format: BACKUP_FORMAT, version: BACKUP_VERSION, kdf: kdfJson, ...sealedJson(sealed) });
  }
  const fileKey = randomBytes(KEY_BYTES);
  try {
    const sealed = await seal(await importRawDataKey(fileKey), plain, BACKUP_AAD_V2);
    plain.fill(0);
    const passParams = { kdf: kdf.name, iterations: kdf.iterations, salt: encodeBase64(kdf.salt) };
    const recParams = { slotId: recovery.slotId, salt: encodeBase64(recovery.salt), createdAt: recovery.createdAt };
    const recoveryKey = await importRawDataKey(recovery.key);
    const slots = [
      {
        kind: 'passphrase',
        params: passParams,
        wrappedKey: sealedJson(await wrapRawKey(fileKey, key, backupSlotAad('passphrase', passParams))),
      },
      {
        kind: 'recovery',
        params: recParams,
        wrappedKey: sealedJson(await wrapRawKey(fileKey, recoveryKey, backupSlotAad('recovery', recParams))),
      },
    ];
    return fileText({ format: BACKUP_FORMAT, version: BACKUP_VERSION_2, slots, ...sealedJson(sealed) });
  } finally {
    fileKey.fill(0);
  }
}

/**
 * Decrypts backup-file text into accounts (with their original ids, order and timestamps; an
 * importer gives them new ids). `secret` is the backup passphrase or, for a version-2 backup with
 * a recovery slot, the vault's recovery key as typed. Never throws: every failure is a Problem.
 */
export async function readBackup(text: string, secret: string): Promise<Result<Account[]>> {
  try {
    return await readBackupOrThrow(text, secret);
  } catch {
    return fail(ERR_BACKUP_CORRUPT);
  }
}

interface FileSlot {
  readonly kind: 'passphrase' | 'recovery';
  readonly params: Record<string, string | number>;
  readonly wrappedKey: Sealed;
  /** passphrase: PBKDF2 parameters; recovery: the HKDF salt. */
  readonly kdf?: KdfParams;
  readonly salt?: Uint8Array;
}

const decoded = (v: unknown): Uint8Array<ArrayBuffer> | undefined => (typeof v === 'string' ? decodeBase64(v) : undefined);
const isIterations = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= MAX_ITERATIONS;

function parseKdf(kdf: unknown, nameKey: 'name' | 'kdf'): KdfParams | undefined {
  if (!isRecord(kdf) || kdf[nameKey] !== 'PBKDF2-SHA256' || !isIterations(kdf['iterations'])) return undefined;
  const salt = decoded(kdf['salt']);
  return salt && salt.length >= MIN_SALT_BYTES ? { name: 'PBKDF2-SHA256', iterations: kdf['iterations'], salt } : undefined;
}

function parseSealed(iv: unknown, ciphertext: unknown, exactLength?: number): Sealed | undefined {
  const i = decoded(iv);
  const c = decoded(ciphertext);
  if (!i || i.length !== IV_BYTES || !c || c.length < TAG_BYTES || (exactLength !== undefined && c.length !== exactLength))
    return undefined;
  return { iv: i, ciphertext: c };
}

function parseFileSlot(value: unknown): FileSlot | undefined {
  if (!isRecord(value) || !hasExactKeys(value, ['kind', 'params', 'wrappedKey'])) return undefined;
  const { kind, params, wrappedKey } = value;
  if (!isRecord(wrappedKey) || !hasExactKeys(wrappedKey, ['iv', 'ciphertext']) || !isRecord(params)) return undefined;
  const sealed = parseSealed(wrappedKey['iv'], wrappedKey['ciphertext'], KEY_BYTES + TAG_BYTES);
  if (!sealed) return undefined;
  if (kind === 'passphrase') {
    const kdf = hasExactKeys(params, ['kdf', 'iterations', 'salt']) ? parseKdf(params, 'kdf') : undefined;
    return kdf ? { kind, params: params as Record<string, string | number>, wrappedKey: sealed, kdf } : undefined;
  }
  if (kind === 'recovery') {
    if (!hasExactKeys(params, ['slotId', 'salt', 'createdAt']) || !isId(params['slotId']) || !isTimestamp(params['createdAt']))
      return undefined;
    const salt = decoded(params['salt']);
    return salt && salt.length >= MIN_SALT_BYTES
      ? { kind, params: params as Record<string, string | number>, wrappedKey: sealed, salt }
      : undefined;
  }
  return undefined;
}

async function readBackupOrThrow(text: string, secret: string): Promise<Result<Account[]>> {
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
  if (file['version'] === BACKUP_VERSION) return readVersion1(file, secret);
  if (file['version'] === BACKUP_VERSION_2) return readVersion2(file, secret);
  return fail(ERR_BACKUP_UNSUPPORTED_VERSION, String(file['version']));
}

async function readVersion1(file: Record<string, unknown>, passphrase: string): Promise<Result<Account[]>> {
  const kdf = parseKdf(file['kdf'], 'name');
  const sealed = parseSealed(file['iv'], file['ciphertext']);
  if (!kdf || !sealed) return fail(ERR_BACKUP_CORRUPT);
  const plain = await open(await deriveWrappingKey(passphrase, kdf), sealed, BACKUP_AAD);
  // AES-GCM cannot tell a wrong key from altered ciphertext; the message says both.
  return plain ? parseContent(plain) : fail(ERR_BACKUP_WRONG_PASSPHRASE);
}

async function readVersion2(file: Record<string, unknown>, secret: string): Promise<Result<Account[]>> {
  const slots = file['slots'];
  const sealed = parseSealed(file['iv'], file['ciphertext']);
  if (!Array.isArray(slots) || slots.length === 0 || slots.length > MAX_BACKUP_SLOTS || !sealed) return fail(ERR_BACKUP_CORRUPT);
  const parsed: FileSlot[] = [];
  for (const slot of slots) {
    const one = parseFileSlot(slot);
    if (!one) return fail(ERR_BACKUP_CORRUPT);
    parsed.push(one);
  }
  const hasRecovery = parsed.some((s) => s.kind === 'recovery');
  const recoveryKey = hasRecovery ? parseRecoveryKey(secret) : undefined;

  let fileKey: Uint8Array<ArrayBuffer> | undefined;
  // The recovery slot first: HKDF is instant, PBKDF2 is not.
  for (const slot of parsed.filter((s) => s.kind === 'recovery')) {
    if (fileKey || !recoveryKey?.ok) break;
    const slotKey = await recoveryBackupKeyBytes(recoveryKey.value, slot.salt!);
    fileKey = await unwrapRawKey(slot.wrappedKey, await importRawDataKey(slotKey), backupSlotAad(slot.kind, slot.params));
    slotKey.fill(0);
  }
  for (const slot of parsed.filter((s) => s.kind === 'passphrase')) {
    if (fileKey) break;
    fileKey = await unwrapRawKey(slot.wrappedKey, await deriveWrappingKey(secret, slot.kdf!), backupSlotAad(slot.kind, slot.params));
  }
  if (recoveryKey?.ok) recoveryKey.value.fill(0);
  if (!fileKey) {
    // A recovery key with a typo says so, rather than "wrong passphrase".
    if (recoveryKey && !recoveryKey.ok && recoveryKey.problem.code === ERR_RECOVERY_KEY_CHECK) return recoveryKey;
    return fail(hasRecovery ? ERR_BACKUP_WRONG_SECRET : ERR_BACKUP_WRONG_PASSPHRASE);
  }
  const plain = await open(await importRawDataKey(fileKey), sealed, BACKUP_AAD_V2);
  fileKey.fill(0);
  return plain ? parseContent(plain) : fail(ERR_BACKUP_CORRUPT);
}

function parseContent(plain: Uint8Array): Result<Account[]> {
  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    return fail(ERR_BACKUP_CORRUPT);
  } finally {
    plain.fill(0);
  }
  if (!isRecord(content) || !Array.isArray(content['accounts']) || typeof content['exportedAt'] !== 'number')
    return fail(ERR_BACKUP_CORRUPT);
  const accounts: Account[] = [];
  for (const [index, json] of content['accounts'].entries()) {
    const account = parseStoredAccount(json, 'base32');
    if (!account.ok) return fail(ERR_BACKUP_INVALID_ACCOUNT, index + 1, account.problem.params?.[0] ?? '');
    accounts.push(account.value);
  }
  return ok(accounts);
}
