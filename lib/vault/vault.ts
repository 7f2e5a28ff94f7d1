/**
 * The encrypted vault: a random data key wrapped under the passphrase, one AES-256-GCM record per
 * account (docs/vault-format.md). Everything here is a thin wrapper over IndexedDB; the crypto
 * lives in `crypto.ts`, the record encoding in `account-codec.ts`.
 *
 * IndexedDB transactions auto-commit as soon as they wait on anything that is not IndexedDB
 * (WebCrypto included), so every function encrypts first and then writes in one transaction.
 */
import type { Account, AccountDraft } from '../otp/account';
import { fail, ok, type Problem, type Result } from '../result';
import { accountToJson, decodeAccount, encodeAccount, ERR_ACCOUNT_INVALID, parseStoredAccount } from './account-codec';
import {
  decryptRecord,
  deriveWrappingKey,
  encryptRecord,
  exportRawDataKey,
  generateDataKey,
  importRawDataKey,
  randomBytes,
  SALT_BYTES,
  unwrapDataKey,
  wrapDataKey,
  type KdfParams,
} from './crypto';
import { bytesEqual } from './encoding';
import { HEADER_KEY, type AccountRecord, type VaultDb } from './vault-db';
import { parseVaultHeader, VAULT_FORMAT, VAULT_VERSION, type VaultHeader } from './vault-header';

export type { KdfParams } from './crypto';

/** PBKDF2-HMAC-SHA256 work factor for new and re-wrapped headers (OWASP Password Storage Cheat Sheet, 2023+). */
export const DEFAULT_ITERATIONS = 600_000;

export const ERR_WRONG_PASSPHRASE = 'err_vault_wrong_passphrase';
export const ERR_VAULT_MISSING = 'err_vault_missing';
export const ERR_VAULT_EXISTS = 'err_vault_exists';
export const ERR_PASSPHRASE_EMPTY = 'err_vault_passphrase_empty';
export const ERR_CHANGED_MEANWHILE = 'err_vault_changed_meanwhile';

export interface VaultOptions {
  /**
   * PBKDF2 iterations for a header this call writes. Only tests pass this (to run fast); every
   * production caller leaves it out and gets `DEFAULT_ITERATIONS`.
   */
  readonly iterations?: number;
}

/** Thrown (rejects) by the write functions, whose signatures return plain values; carries a Problem. */
export class VaultError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'VaultError';
  }
}

/** The additional data an account record is encrypted under (docs/vault-format.md, "Records"). */
export const accountAad = (id: string): string => `account/${id}`;

const targetIterations = (opts?: VaultOptions): number => opts?.iterations ?? DEFAULT_ITERATIONS;

export async function hasVault(db: VaultDb): Promise<boolean> {
  return (await db.count('meta', HEADER_KEY)) > 0;
}

async function makeHeader(dataKey: CryptoKey, passphrase: string, iterations: number): Promise<VaultHeader> {
  const kdf: KdfParams = { name: 'PBKDF2-SHA256', iterations, salt: randomBytes(SALT_BYTES) };
  const wrappedKey = await wrapDataKey(dataKey, await deriveWrappingKey(passphrase, kdf));
  return { format: VAULT_FORMAT, version: VAULT_VERSION, kdf, wrappedKey };
}

/** Reads and unwraps the header with `passphrase` (no writes). */
async function openHeader(db: VaultDb, passphrase: string): Promise<Result<{ header: VaultHeader; dataKey: CryptoKey }>> {
  const stored = await db.get('meta', HEADER_KEY);
  if (stored === undefined) return fail(ERR_VAULT_MISSING);
  const header = parseVaultHeader(stored);
  if (!header.ok) return header;
  const dataKey = await unwrapDataKey(header.value.wrappedKey, await deriveWrappingKey(passphrase, header.value.kdf));
  return dataKey ? ok({ header: header.value, dataKey }) : fail(ERR_WRONG_PASSPHRASE);
}

/**
 * Replaces the header in one transaction, but only if it still is `expected` (compared by the
 * wrapped key's ciphertext); returns whether it was replaced.
 */
async function replaceHeader(db: VaultDb, expected: VaultHeader, next: VaultHeader): Promise<boolean> {
  const tx = db.transaction('meta', 'readwrite');
  const current = parseVaultHeader(await tx.store.get(HEADER_KEY));
  if (!current.ok || !bytesEqual(current.value.wrappedKey.ciphertext, expected.wrappedKey.ciphertext)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return false;
  }
  await Promise.all([tx.store.put(next, HEADER_KEY), tx.done]);
  return true;
}

/** Creates a new vault protected by `passphrase` and returns its data key. Refuses if one exists. */
export async function createVault(db: VaultDb, passphrase: string, opts?: VaultOptions): Promise<Result<CryptoKey>> {
  if (passphrase === '') return fail(ERR_PASSPHRASE_EMPTY);
  if (await hasVault(db)) return fail(ERR_VAULT_EXISTS);
  const dataKey = await generateDataKey();
  const header = await makeHeader(dataKey, passphrase, targetIterations(opts));
  try {
    // `add` (not `put`) fails if another context created a vault meanwhile.
    await db.add('meta', header, HEADER_KEY);
  } catch {
    return fail(ERR_VAULT_EXISTS);
  }
  return ok(dataKey);
}

/**
 * Unwraps the data key with the stored KDF parameters. If those are weaker than the current
 * default (or `opts.iterations`), re-wraps the same data key under a fresh salt at that strength;
 * a failed re-wrap does not fail the unlock.
 */
export async function unlockVault(db: VaultDb, passphrase: string, opts?: VaultOptions): Promise<Result<CryptoKey>> {
  const opened = await openHeader(db, passphrase);
  if (!opened.ok) return opened;
  const { header, dataKey } = opened.value;
  const iterations = targetIterations(opts);
  if (header.kdf.iterations < iterations) {
    try {
      await replaceHeader(db, header, await makeHeader(dataKey, passphrase, iterations));
    } catch {
      // The old header still unlocks; the upgrade is retried on the next unlock.
    }
  }
  return ok(dataKey);
}

/**
 * Re-wraps the data key under `newPassphrase` (fresh salt) in one transaction. Accounts are not
 * re-encrypted: they stay under the same data key.
 */
export async function changePassphrase(db: VaultDb, oldPassphrase: string, newPassphrase: string, opts?: VaultOptions): Promise<Result<void>> {
  if (newPassphrase === '') return fail(ERR_PASSPHRASE_EMPTY);
  const opened = await openHeader(db, oldPassphrase);
  if (!opened.ok) return opened;
  const { header, dataKey } = opened.value;
  const next = await makeHeader(dataKey, newPassphrase, Math.max(header.kdf.iterations, targetIterations(opts)));
  return (await replaceHeader(db, header, next)) ? ok(undefined) : fail(ERR_CHANGED_MEANWHILE);
}

/** The data key as 32 raw bytes (for `storage.session`, which is memory-only). */
export function exportDataKey(key: CryptoKey): Promise<Uint8Array> {
  return exportRawDataKey(key);
}

/** The inverse of `exportDataKey`; rejects unless `raw` is 32 bytes. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  return importRawDataKey(raw);
}

/** Decrypts and strictly parses one record; the id inside must match the id it is stored under. */
async function readAccountRecord(key: CryptoKey, record: AccountRecord): Promise<Result<Account>> {
  const plain = await decryptRecord(key, accountAad(record.id), record);
  if (!plain.ok) return plain;
  const account = decodeAccount(plain.value);
  plain.value.fill(0);
  if (account.ok && account.value.id !== record.id) return fail(ERR_ACCOUNT_INVALID, 'id');
  return account;
}

/**
 * Every account, sorted by `order` (then creation time). Records that fail to decrypt or parse
 * (tampered, swapped, damaged) are not dropped silently: their ids are listed in `unreadable`.
 */
export async function listAccounts(db: VaultDb, key: CryptoKey): Promise<{ accounts: Account[]; unreadable: string[] }> {
  const records = await db.getAll('accounts');
  const results = await Promise.all(records.map((r) => readAccountRecord(key, r)));
  const accounts: Account[] = [];
  const unreadable: string[] = [];
  results.forEach((result, i) => (result.ok ? accounts.push(result.value) : unreadable.push(records[i]!.id)));
  accounts.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { accounts, unreadable };
}

/** Round-trips an account through its stored JSON form, so only a valid, clean account is written. */
function validated(candidate: Account): Account {
  let result: Result<Account>;
  try {
    result = parseStoredAccount(accountToJson(candidate, 'base64'), 'base64');
  } catch {
    result = fail(ERR_ACCOUNT_INVALID, 'account');
  }
  if (!result.ok) throw new VaultError(result.problem);
  return result.value;
}

async function encryptAccount(key: CryptoKey, account: Account): Promise<AccountRecord> {
  const plain = encodeAccount(account);
  const sealed = await encryptRecord(key, accountAad(account.id), plain);
  plain.fill(0);
  return { id: account.id, iv: sealed.iv, ciphertext: sealed.ciphertext };
}

/**
 * Adds accounts in ONE transaction: all or nothing. Each gets a random id, an order after the
 * last existing account, and `createdAt = updatedAt = now`. Any id/order/timestamps on the drafts
 * are ignored. Rejects with a `VaultError` (nothing written) if a draft is invalid.
 */
export async function addAccounts(db: VaultDb, key: CryptoKey, drafts: readonly AccountDraft[], now: number): Promise<Account[]> {
  const { accounts: existing } = await listAccounts(db, key);
  const start = existing.reduce((max, a) => Math.max(max, a.order), -1) + 1;
  const accounts = drafts.map((draft, i) => validated({ ...draft, id: crypto.randomUUID(), order: start + i, createdAt: now, updatedAt: now } as Account));
  const records = await Promise.all(accounts.map((a) => encryptAccount(key, a)));
  const tx = db.transaction('accounts', 'readwrite');
  // `add` refuses an existing id, so a collision aborts the whole transaction.
  await Promise.all([...records.map((r) => tx.store.add(r)), tx.done]);
  return accounts;
}

/** Writes one account (new contents, same id), setting `updatedAt = now`. Rejects with a `VaultError` if invalid. */
export async function putAccount(db: VaultDb, key: CryptoKey, account: Account, now: number): Promise<Account> {
  const updated = validated({ ...account, updatedAt: now });
  await db.put('accounts', await encryptAccount(key, updated));
  return updated;
}

/** Writes several accounts in one transaction (e.g. a reorder), setting `updatedAt = now` on each. */
export async function putAccounts(db: VaultDb, key: CryptoKey, accounts: readonly Account[], now: number): Promise<void> {
  const updated = accounts.map((a) => validated({ ...a, updatedAt: now }));
  const records = await Promise.all(updated.map((a) => encryptAccount(key, a)));
  const tx = db.transaction('accounts', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
}

export async function deleteAccount(db: VaultDb, id: string): Promise<void> {
  await db.delete('accounts', id);
}
