/**
 * The synced items (docs/vault-format.md, "Sync"): the same named JSON values in every
 * transport (keys of `storage.sync`, `<name>.json` files in a WebDAV folder).
 *
 * - `h`: the vault header, `{ "v": 1, "header": <header §2, byte strings as Base64> }`, as it is
 *   (only the data key's holder can write one whose MAC holds).
 * - `b00` … `b1f` (and `b07.1`, `b07.2`, … when a bucket needs more than one item): the accounts
 *   whose id's SHA-256 starts with that 5-bit number, as ONE sealed blob per item:
 *   `{ "v": 1, "vault": <vault id>, "iv": <Base64, 12 bytes>, "data": <Base64> }` where
 *   `data = AES-256-GCM(data key, iv, aad = CJ({context: "sesame-sync/bucket/v1", vaultId, item}),
 *   zlib-deflate(UTF-8(JSON rows)))` and each row is `[id, clock, deleted 0|1, account | null, past]`
 *   (the account JSON of §3 for a live or trashed account, `null` for a purged tombstone; `past`:
 *   the version's history without its own device, version-history.ts).
 *
 * Sealing a bucket whole, compressed, instead of one ciphertext per record, fits about four
 * times as many accounts in storage.sync's 100 KB (JSON keys and issuers repeat across records).
 * Every row's id, clock and deleted flag are inside the authenticated plaintext, so the store can
 * neither swap, alter nor undelete a record; it can serve an older whole item, whose versions then
 * lose to newer clocks in the merge. Every item stands on its own: a reader that sees a mix of old
 * and new items (a write that reached some items, or items a browser's sync delivered one by one)
 * reads an older state of some records, never a broken one; a record missing from every item is
 * "not synced yet", never a deletion (only a tombstone deletes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { fail, ok, type Result } from '../result';
import { accountToJson, parseStoredAccount } from '../vault/account-codec';
import type { OpenedRecord } from '../vault/account-record';
import { canonicalJson } from '../vault/canonical-json';
import { IV_BYTES, open, seal, TAG_BYTES } from '../vault/crypto';
import { decodeBase64, encodeBase64 } from '../vault/encoding';
import { parseHlc } from '../vault/hybrid-logical-clock';
import { parseStoredHeader, type VaultHeader } from '../vault/vault-header';
import { deflate, inflate } from './deflate';
import { normalizeHistory, parsePast, pastOf, type History } from './version-history';
import { ERR_SYNC_NEWER_FORMAT, ERR_SYNC_REMOTE_CORRUPT } from './sync-problems';

const ITEM_FORMAT_VERSION = 1;
export const HEADER_ITEM = 'h';
/** 32 buckets: an edit rewrites one item of about 3 KB when storage.sync is full. */
export const BUCKET_COUNT = 32;
const BUCKET_AAD_CONTEXT = 'sesame-sync/bucket/v1';
/** No item inflates beyond this (a full vault's bucket is far smaller). */
const MAX_BUCKET_PLAIN_BYTES = 8 * 1024 * 1024;
const BUCKET_NAME = /^b([0-9a-f]{2})(?:\.([1-9][0-9]{0,2}))?$/;

export type ItemName = { readonly kind: 'header' } | { readonly kind: 'bucket'; readonly bucket: number; readonly part: number };

/** Which bucket holds account `id`: the low 5 bits of the first byte of SHA-256(UTF-8(id)). */
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

// ---- buckets ----

type BucketRow = [id: string, clock: string, deleted: 0 | 1, account: Record<string, unknown> | null, past: string[]];

/** A version as synced: the version and its history (version-history.ts, its own clock included). */
export interface SyncedVersion {
  readonly version: OpenedRecord;
  readonly history: History;
}

const byId = (a: OpenedRecord, b: OpenedRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The plaintext of a bucket item: the rows' JSON, sorted by id (one text per set of versions). */
export function bucketPlaintext(versions: readonly SyncedVersion[]): string {
  const rows: BucketRow[] = [...versions]
    .sort((a, b) => byId(a.version, b.version))
    .map(({ version: r, history }) => [
      r.id,
      r.clock,
      r.deleted ? 1 : 0,
      r.account ? accountToJson(r.account) : null,
      pastOf(r.clock, history),
    ]);
  return JSON.stringify(rows);
}

const bucketAad = (vaultId: string, item: string): string => canonicalJson({ context: BUCKET_AAD_CONTEXT, vaultId, item });

/** The compressed plaintext, and the exact size the sealed item will take (key + JSON). */
export async function compressBucket(
  vaultId: string,
  item: string,
  plaintext: string,
): Promise<{ compressed: Uint8Array<ArrayBuffer>; bytes: number }> {
  const compressed = await deflate(new TextEncoder().encode(plaintext));
  const sealedLength = compressed.length + TAG_BYTES;
  const base64 = (n: number) => 4 * Math.ceil(n / 3);
  // {"v":1,"vault":"…","iv":"…","data":"…"}: the shape bucketValue writes, counted without building it.
  const envelope = `{"v":1,"vault":${JSON.stringify(vaultId)},"iv":"","data":""}`;
  const bytes = new TextEncoder().encode(item).length + new TextEncoder().encode(envelope).length + base64(IV_BYTES) + base64(sealedLength);
  return { compressed, bytes };
}

export interface BucketValue {
  readonly v: typeof ITEM_FORMAT_VERSION;
  readonly vault: string;
  readonly iv: string;
  readonly data: string;
}

export async function sealBucket(dataKey: CryptoKey, vaultId: string, item: string, compressed: Uint8Array): Promise<BucketValue> {
  const sealed = await seal(dataKey, compressed, bucketAad(vaultId, item));
  return { v: ITEM_FORMAT_VERSION, vault: vaultId, iv: encodeBase64(sealed.iv), data: encodeBase64(sealed.ciphertext) };
}

/** A bucket item's envelope, not yet opened. */
export function parseBucketEnvelope(value: unknown): Result<{ vaultId: string; iv: Uint8Array; data: Uint8Array }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(ERR_SYNC_REMOTE_CORRUPT);
  const { v, vault, iv, data } = value as Record<string, unknown>;
  if (typeof v === 'number' && v > ITEM_FORMAT_VERSION) return fail(ERR_SYNC_NEWER_FORMAT);
  if (v !== ITEM_FORMAT_VERSION || typeof vault !== 'string' || typeof iv !== 'string' || typeof data !== 'string')
    return fail(ERR_SYNC_REMOTE_CORRUPT);
  const ivBytes = decodeBase64(iv);
  const dataBytes = decodeBase64(data);
  if (!ivBytes || ivBytes.length !== IV_BYTES || !dataBytes || dataBytes.length < TAG_BYTES) return fail(ERR_SYNC_REMOTE_CORRUPT);
  return ok({ vaultId: vault, iv: ivBytes, data: dataBytes });
}

function parseRow(row: unknown): SyncedVersion | undefined {
  if (!Array.isArray(row) || row.length !== 5) return undefined;
  const [id, clock, deleted, payload, pastValue] = row as unknown[];
  if (typeof id !== 'string' || id === '' || id.length > 128 || !parseHlc(clock) || (deleted !== 0 && deleted !== 1)) return undefined;
  const past = parsePast(pastValue, clock as string);
  if (!past) return undefined;
  const history = normalizeHistory([...past, clock as string]);
  if (payload === null)
    return deleted === 1 ? { version: { id, clock: clock as string, deleted: true, account: undefined }, history } : undefined;
  const account = parseStoredAccount(payload, 'base64');
  if (!account.ok || account.value.id !== id) return undefined;
  const version: OpenedRecord =
    deleted === 1
      ? { id, clock: clock as string, deleted: true, account: account.value }
      : { id, clock: clock as string, deleted: false, account: account.value };
  return { version, history };
}

export interface OpenedBucket {
  /** The rows' JSON as stored (to tell whether a push would change the item). */
  readonly plaintext: string;
  readonly versions: SyncedVersion[];
  /** Rows that are not valid versions (reported, never merged). */
  readonly damaged: number;
}

/** Opens a bucket item; undefined if it does not authenticate (tampered, another key or vault, moved). */
export async function openBucket(
  dataKey: CryptoKey,
  vaultId: string,
  item: string,
  envelope: { iv: Uint8Array; data: Uint8Array },
): Promise<OpenedBucket | undefined> {
  const compressed = await open(dataKey, { iv: envelope.iv, ciphertext: envelope.data }, bucketAad(vaultId, item));
  if (!compressed) return undefined;
  const plain = await inflate(compressed, MAX_BUCKET_PLAIN_BYTES);
  if (!plain) return undefined;
  let rows: unknown;
  const plaintext = new TextDecoder().decode(plain);
  try {
    rows = JSON.parse(plaintext);
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  const versions: SyncedVersion[] = [];
  let damaged = 0;
  for (const row of rows) {
    const version = parseRow(row);
    if (version) versions.push(version);
    else damaged++;
  }
  return { plaintext, versions, damaged };
}

// ---- the header ----

/** A header as JSON: every byte string as its Base64 (as in the canonical JSON of §2). */
function headerJson(header: VaultHeader): unknown {
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
function parseHeaderJson(json: unknown): Result<VaultHeader> {
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
  if (!parsed.ok)
    return parsed.problem.code === 'err_vault_unsupported_version' ? fail(ERR_SYNC_NEWER_FORMAT) : fail(ERR_SYNC_REMOTE_CORRUPT);
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
