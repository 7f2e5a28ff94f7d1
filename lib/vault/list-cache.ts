/**
 * The list cache (docs/vault-format.md, "List cache"): an encrypted copy of what an unlock answers
 * the popup with, so that answer waits for ONE decryption instead of one per record (at 1,000
 * accounts, opening and parsing every record takes about 15 ms; opening this, about 1).
 *
 * A cache, never a source. It is sealed under the data key with the fingerprint of the records it
 * was made from as additional data, so it opens only while the stored records are exactly those:
 * every write of a record gives it a fresh IV and ciphertext, so after any write (here, by sync,
 * by an older Sesame) it fails to open and the unlock opens the records as before. The records are
 * opened after the answer all the same, and the list built from them replaces the cached one.
 */
import { canonicalJson } from './canonical-json';
import { IV_BYTES, open, seal, TAG_BYTES } from './crypto';
import type { AccountRecord } from './account-record';
import { hasExactKeys, isBytes, isRecord } from './stored-shape';
import type { VaultDb } from './vault-db';

export const LIST_CACHE_KEY = 'listCache';
const LIST_CACHE_AAD_CONTEXT = 'sesame-vault/list-cache/v1';

/** `meta` / `"listCache"`: the sealed list. */
export interface ListCacheEntry {
  readonly kind: 'list-cache';
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

const encoder = new TextEncoder();

/** `n` as 4 bytes, big-endian: each field below is preceded by its length, so no two lists of fields give the same bytes. */
const u32 = (n: number): Uint8Array => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/**
 * SHA-256 (hex) over every stored record's id, clock, deleted flag, IV and ciphertext, in id
 * order, each length-prefixed. `records`: as `parseAccountRecord` read them; null when one is not
 * a format-2 record (undefined): no cache for those records then.
 */
export async function recordsFingerprint(stored: readonly (AccountRecord | undefined)[]): Promise<string | null> {
  const parts: Uint8Array[] = [u32(stored.length)];
  if (stored.some((r) => r === undefined)) return null;
  const records = [...(stored as readonly AccountRecord[])];
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of records) {
    for (const field of [encoder.encode(r.id), encoder.encode(r.clock), new Uint8Array([r.deleted ? 1 : 0]), r.iv, r.ciphertext])
      parts.push(u32(field.length), field);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const aadFor = (fingerprint: string): string => canonicalJson({ context: LIST_CACHE_AAD_CONTEXT, records: fingerprint });

/** `content` sealed for the records whose fingerprint is `fingerprint`. */
export async function sealListCache(key: CryptoKey, fingerprint: string, content: string): Promise<ListCacheEntry> {
  const plain = encoder.encode(content);
  const sealed = await seal(key, plain, aadFor(fingerprint));
  plain.fill(0);
  return { kind: 'list-cache', iv: sealed.iv, ciphertext: sealed.ciphertext };
}

/**
 * The cached content, if `stored` is a list cache that opens with `key` for records with this
 * `fingerprint`; null otherwise (none, damaged, made for other records or under another key).
 */
export async function openListCache(key: CryptoKey, fingerprint: string, stored: unknown): Promise<string | null> {
  if (!isRecord(stored) || stored['kind'] !== 'list-cache' || !hasExactKeys(stored, ['kind', 'iv', 'ciphertext'])) return null;
  const { iv, ciphertext } = stored;
  if (!isBytes(iv) || iv.length !== IV_BYTES || !isBytes(ciphertext) || ciphertext.length < TAG_BYTES) return null;
  const plain = await open(key, { iv, ciphertext }, aadFor(fingerprint));
  if (!plain) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}

/** Stores `entry` as the list cache (replacing any). */
export async function writeListCache(db: VaultDb, entry: ListCacheEntry): Promise<void> {
  await db.put('meta', entry, LIST_CACHE_KEY);
}

/** Removes the list cache, if any: when the list is too long to keep, the last one is not left behind. */
export async function removeListCache(db: VaultDb): Promise<void> {
  await db.delete('meta', LIST_CACHE_KEY);
}
