/**
 * The synced items (docs/vault-format.md, "Sync: items"): the same named JSON values in every
 * transport (keys of `storage.sync`, `<name>.json` files in a WebDAV folder).
 *
 * - `h`: the vault header, `{ "v": 1, "header": <header §2, byte strings as Base64> }`.
 * - `b00` … `b3f` (and `b07.1`, `b07.2`, … when one bucket needs more than one item): account
 *   records, each bucket holding the ids whose SHA-256 starts with that 6-bit number,
 *   `{ "v": 1, "vault": <vault id>, "r": [[id, clock, deleted 0|1, iv, ciphertext], …] }` with
 *   iv and ciphertext in Base64: exactly the vault's records (§4), sorted by id.
 *
 * Every item stands on its own: each record authenticates alone (its id, clock and deleted flag
 * are its additional data), so a reader that sees a mix of old and new items (a write that
 * reached some items, or items a browser's sync delivered one by one) reads an older state of
 * some records, never a broken one; a record missing from every item is "not synced yet", never
 * a deletion (only a tombstone deletes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { fail, ok, type Result } from '../result';
import { parseAccountRecord, type AccountRecord } from '../vault/account-record';
import { decodeBase64, encodeBase64 } from '../vault/encoding';
import { parseStoredHeader, type VaultHeader } from '../vault/vault-header';
import { ERR_SYNC_NEWER_FORMAT, ERR_SYNC_REMOTE_CORRUPT } from './sync-problems';

export const ITEM_FORMAT_VERSION = 1;
export const HEADER_ITEM = 'h';
/** 64 buckets: small enough for a few accounts, 1.6 KB a bucket at the full storage.sync quota. */
export const BUCKET_COUNT = 64;
const BUCKET_NAME = /^b([0-9a-f]{2})(?:\.([1-9][0-9]{0,2}))?$/;

export type ItemName = { readonly kind: 'header' } | { readonly kind: 'bucket'; readonly bucket: number; readonly part: number };

/** Which of the 64 buckets holds account `id`: the low 6 bits of the first byte of SHA-256(UTF-8(id)). */
export function bucketOf(id: string): number {
  return sha256(new TextEncoder().encode(id))[0]! & (BUCKET_COUNT - 1);
}

export const bucketItemName = (bucket: number, part = 0): string => `b${bucket.toString(16).padStart(2, '0')}${part > 0 ? `.${part}` : ''}`;

/** What an item name means, or undefined for a name that is not Sesame's. */
export function parseItemName(name: string): ItemName | undefined {
  if (name === HEADER_ITEM) return { kind: 'header' };
  const match = BUCKET_NAME.exec(name);
  if (!match) return undefined;
  const bucket = parseInt(match[1]!, 16);
  return bucket < BUCKET_COUNT ? { kind: 'bucket', bucket, part: match[2] ? parseInt(match[2], 10) : 0 } : undefined;
}

// ---- records ----

export type RecordRow = [id: string, clock: string, deleted: 0 | 1, iv: string, ciphertext: string];

export const recordRow = (r: AccountRecord): RecordRow => [r.id, r.clock, r.deleted ? 1 : 0, encodeBase64(r.iv), encodeBase64(r.ciphertext)];

export interface BucketValue {
  readonly v: typeof ITEM_FORMAT_VERSION;
  readonly vault: string;
  readonly r: readonly RecordRow[];
}

export function bucketValue(vaultId: string, records: readonly AccountRecord[]): BucketValue {
  const rows = records.map(recordRow).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { v: ITEM_FORMAT_VERSION, vault: vaultId, r: rows };
}

export interface ParsedBucket {
  readonly vaultId: string;
  /** Records of the documented shape (not yet authenticated). */
  readonly records: AccountRecord[];
  /** Rows that are not records at all (damaged); they are reported, never merged. */
  readonly malformed: number;
}

function parseRow(row: unknown): AccountRecord | undefined {
  if (!Array.isArray(row) || row.length !== 5) return undefined;
  const [id, clock, deleted, iv, ciphertext] = row as unknown[];
  if (deleted !== 0 && deleted !== 1 || typeof iv !== 'string' || typeof ciphertext !== 'string') return undefined;
  return parseAccountRecord({ id, clock, deleted: deleted === 1, iv: decodeBase64(iv), ciphertext: decodeBase64(ciphertext) });
}

/** A bucket item as read back; a newer item version is refused (err_sync_newer_format). */
export function parseBucket(value: unknown): Result<ParsedBucket> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(ERR_SYNC_REMOTE_CORRUPT);
  const { v, vault, r } = value as Record<string, unknown>;
  if (typeof v === 'number' && v > ITEM_FORMAT_VERSION) return fail(ERR_SYNC_NEWER_FORMAT);
  if (v !== ITEM_FORMAT_VERSION || typeof vault !== 'string' || !Array.isArray(r)) return fail(ERR_SYNC_REMOTE_CORRUPT);
  const records: AccountRecord[] = [];
  let malformed = 0;
  for (const row of r) {
    const record = parseRow(row);
    if (record) records.push(record);
    else malformed++;
  }
  return ok({ vaultId: vault, records, malformed });
}

// ---- the header ----

/** A header as JSON: every byte string as its Base64 (as in the canonical JSON of §2). */
export function headerJson(header: VaultHeader): unknown {
  const walk = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return encodeBase64(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(header);
}

const BYTE_FIELDS = new Set(['mac', 'iv', 'ciphertext', 'salt', 'credentialId', 'prfSalt', 'hkdfSalt']);

/** The inverse of `headerJson`, then the vault's own strict header checks. */
export function parseHeaderJson(json: unknown): Result<VaultHeader> {
  let bad = false;
  const walk = (v: unknown, key: string): unknown => {
    if (BYTE_FIELDS.has(key) && typeof v === 'string') {
      const bytes = decodeBase64(v);
      if (!bytes) bad = true;
      return bytes;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  const value = walk(json, '');
  if (bad) return fail(ERR_SYNC_REMOTE_CORRUPT);
  const parsed = parseStoredHeader(value);
  if (!parsed.ok) return parsed.problem.code === 'err_vault_unsupported_version' ? fail(ERR_SYNC_NEWER_FORMAT) : fail(ERR_SYNC_REMOTE_CORRUPT);
  if (parsed.value.version !== 2) return fail(ERR_SYNC_REMOTE_CORRUPT); // only format 2 is ever synced
  return ok(parsed.value.header);
}

export const headerItemValue = (header: VaultHeader): unknown => ({ v: ITEM_FORMAT_VERSION, header: headerJson(header) });

export function parseHeaderItem(value: unknown): Result<VaultHeader> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(ERR_SYNC_REMOTE_CORRUPT);
  const { v, header } = value as Record<string, unknown>;
  if (typeof v === 'number' && v > ITEM_FORMAT_VERSION) return fail(ERR_SYNC_NEWER_FORMAT);
  if (v !== ITEM_FORMAT_VERSION || Object.keys(value).length !== 2) return fail(ERR_SYNC_REMOTE_CORRUPT);
  return parseHeaderJson(header);
}

/** Bytes an item counts for in storage.sync: its key plus the UTF-8 of its value's JSON. */
export function itemBytes(name: string, value: unknown): number {
  return new TextEncoder().encode(name).length + new TextEncoder().encode(JSON.stringify(value)).length;
}
