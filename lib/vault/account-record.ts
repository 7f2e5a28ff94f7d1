/**
 * Format-2 account records (docs/vault-format.md, "Account records"): the unit the vault stores
 * and sync will exchange as is.
 *
 * ```
 * { id, clock, deleted, iv, ciphertext }
 * ciphertext = AES-256-GCM(data key, iv, aad = canonical JSON {context, id, clock, deleted}, payload)
 * ```
 * Binding `clock` and `deleted` as additional data means a store cannot pass off an old
 * ciphertext as newer (rollback), flip a tombstone back to live (undelete) or put a record under
 * another id (swap): each of those fails authentication. What remains possible, serving an older
 * authentic version, loses to the newer clock wherever the two meet (`compareRecordClocks`).
 *
 * Payloads: a live record and a tombstone in the trash hold the account JSON (§3, secret in
 * Base64); a purged tombstone holds only `{"id": …}`.
 */
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { decodeAccount, encodeAccount, ERR_ACCOUNT_INVALID } from './account-codec';
import { canonicalJson } from './canonical-json';
import { decryptRecord, encryptRecord, IV_BYTES, TAG_BYTES } from './crypto';
import { compareHlc, parseHlc } from './hybrid-logical-clock';
import { hasExactKeys, isBytes, isId, isRecord } from './stored-shape';

const ACCOUNT_AAD_CONTEXT = 'sesame-vault/account/v2';

export interface AccountRecord {
  readonly id: string;
  /** The hybrid logical clock of the record's last write (hybrid-logical-clock.ts string form). */
  readonly clock: string;
  /** A tombstone: the account was deleted (its payload may still hold it, for the trash). */
  readonly deleted: boolean;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export type OpenedRecord =
  | { readonly id: string; readonly clock: string; readonly deleted: false; readonly account: Account }
  /** A tombstone in the trash (`account` set) or purged (`account` undefined). */
  | { readonly id: string; readonly clock: string; readonly deleted: true; readonly account: Account | undefined };

export function accountRecordAad(id: string, clock: string, deleted: boolean): string {
  return canonicalJson({ context: ACCOUNT_AAD_CONTEXT, id, clock, deleted });
}

/** A stored or received record, checked for shape (not yet authenticated). */
export function parseAccountRecord(value: unknown): AccountRecord | undefined {
  if (!isRecord(value) || !hasExactKeys(value, ['id', 'clock', 'deleted', 'iv', 'ciphertext'])) return undefined;
  const { id, clock, deleted, iv, ciphertext } = value;
  if (!isId(id) || !parseHlc(clock) || typeof deleted !== 'boolean') return undefined;
  if (!isBytes(iv) || iv.length !== IV_BYTES || !isBytes(ciphertext) || ciphertext.length < TAG_BYTES) return undefined;
  return { id, clock: clock as string, deleted, iv, ciphertext };
}

async function sealPayload(key: CryptoKey, id: string, clock: string, deleted: boolean, plain: Uint8Array): Promise<AccountRecord> {
  const sealed = await encryptRecord(key, accountRecordAad(id, clock, deleted), plain);
  plain.fill(0);
  return { id, clock, deleted, iv: sealed.iv, ciphertext: sealed.ciphertext };
}

/** A live record (`deleted` false) or a tombstone that keeps the account for the trash. */
export function sealAccountRecord(key: CryptoKey, account: Account, clock: string, deleted: boolean): Promise<AccountRecord> {
  return sealPayload(key, account.id, clock, deleted, encodeAccount(account));
}

/** A tombstone that no longer holds the account (purged from the trash, or never readable). */
export function sealPurgedTombstone(key: CryptoKey, id: string, clock: string): Promise<AccountRecord> {
  return sealPayload(key, id, clock, true, new TextEncoder().encode(JSON.stringify({ id })));
}

function isPurgedPayload(plain: Uint8Array, id: string): boolean {
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    return isRecord(json) && hasExactKeys(json, ['id']) && json['id'] === id;
  } catch {
    return false;
  }
}

/**
 * Authenticates and decodes a record. Fails (`err_vault_record_tampered`) if it does not
 * authenticate under its id, clock and deleted flag, and (`err_vault_account_invalid`) if the
 * payload is not a valid account whose id is the record's. `aad`: the record's
 * `accountRecordAad`, if made already (an unlock makes it while the key is derived).
 */
export async function openAccountRecord(
  key: CryptoKey,
  record: AccountRecord,
  aad: string = accountRecordAad(record.id, record.clock, record.deleted),
): Promise<Result<OpenedRecord>> {
  const plain = await decryptRecord(key, aad, record);
  if (!plain.ok) return plain;
  try {
    if (record.deleted && isPurgedPayload(plain.value, record.id))
      return ok({ id: record.id, clock: record.clock, deleted: true, account: undefined });
    const account = decodeAccount(plain.value);
    if (!account.ok) return account;
    if (account.value.id !== record.id) return fail(ERR_ACCOUNT_INVALID, 'id');
    return ok({ id: record.id, clock: record.clock, deleted: record.deleted, account: account.value });
  } finally {
    plain.value.fill(0);
  }
}

/**
 * Orders two versions of one record: positive if `a` is the newer (sync keeps it), by clock.
 * Equal clocks are the same write (a purged tombstone is its trash version with the content
 * dropped, and may replace it).
 */
export function compareRecordClocks(a: Pick<AccountRecord, 'clock'>, b: Pick<AccountRecord, 'clock'>): number {
  const ca = parseHlc(a.clock);
  const cb = parseHlc(b.clock);
  if (!ca || !cb) throw new RangeError('not a record clock');
  return compareHlc(ca, cb);
}
