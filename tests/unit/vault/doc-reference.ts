/**
 * An independent reader/writer written from docs/vault-format.md alone, using @noble/hashes for
 * PBKDF2, HKDF and HMAC and node:crypto for AES-256-GCM (not WebCrypto, not lib/vault). If the
 * implementation and the document drift apart, the tests that use this fail.
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64');

export function kdf(passphrase: string, salt: Uint8Array, iterations: number): Uint8Array {
  return pbkdf2(sha256, utf8(passphrase.normalize('NFC')), salt, { c: iterations, dkLen: 32 });
}

/** "HKDF(ikm, salt, info)": HKDF-SHA256, info as UTF-8, 32 bytes ("Conventions"). */
function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Uint8Array {
  return nobleHkdf(sha256, ikm, salt, utf8(info), 32);
}

/** AES-256-GCM; `sealed` is ciphertext || 16-byte tag. */
export function gcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad: string | Uint8Array): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

function gcmSeal(key: Uint8Array, plain: Uint8Array, aad: string | Uint8Array): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return { iv, sealed: Buffer.concat([body, c.getAuthTag()]) };
}

/** "Canonical JSON": sorted keys, no whitespace, byte strings as Base64, integers only. */
export function cj(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(b64(value));
  if (Array.isArray(value)) return `[${value.map(cj).join(',')}]`;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('not an integer');
    return String(value);
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${cj(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Bytes = Uint8Array;
interface Slot {
  id: string;
  kind: 'passphrase' | 'passkey' | 'recovery';
  params: Record<string, unknown>;
  wrappedKey: { iv: Bytes; ciphertext: Bytes };
  backupKey?: { iv: Bytes; ciphertext: Bytes };
}
interface Header {
  format: string;
  version: number;
  vaultId: string;
  revision: number;
  slots: Slot[];
  mac: Bytes;
}

/** §2.2: the slot's wrapping key from its secret (passphrase text, PRF output, recovery key bytes). */
function slotWrappingKey(slot: Slot, secret: string | Bytes): Uint8Array {
  const p = slot.params as { salt: Bytes; hkdfSalt: Bytes; iterations: number };
  if (slot.kind === 'passphrase') return kdf(secret as string, p.salt, p.iterations);
  if (slot.kind === 'passkey') return hkdf(secret as Bytes, p.hkdfSalt, 'sesame-vault/passkey-slot/v2');
  return hkdf(secret as Bytes, p.salt, 'sesame-vault/recovery-slot/v2');
}

/** §2.3: the header MAC is right for this data key. */
export function headerMacMatches(header: Header, dataKey: Bytes): boolean {
  const macKey = hkdf(dataKey, new Uint8Array(0), 'sesame-vault/header-mac/v2');
  const { format, version, vaultId, revision, slots } = header;
  const mac = hmac(sha256, macKey, utf8(cj({ context: 'sesame-vault/header/v2', format, version, vaultId, revision, slots })));
  return mac.length === header.mac.length && timingSafeEqual(mac, header.mac);
}

/**
 * §2.2: the data key from slot `index` (throws if the secret or anything bound is wrong).
 * `wrappingKey` skips the derivation when the caller already has it.
 */
export function dataKeyFromSlot(header: Header, index: number, secret: string | Bytes, wrappingKey?: Uint8Array): Buffer {
  const slot = header.slots[index]!;
  const aad = cj({ context: 'sesame-vault/slot/v2', vaultId: header.vaultId, id: slot.id, kind: slot.kind, params: slot.params });
  return gcmOpen(wrappingKey ?? slotWrappingKey(slot, secret), slot.wrappedKey.iv, slot.wrappedKey.ciphertext, aad);
}

export interface OpenedVault {
  dataKey: Buffer;
  /** Live accounts (§3 JSON, secret still Base64). */
  accounts: Record<string, unknown>[];
  /** Tombstones that still hold the account. */
  trash: Record<string, unknown>[];
  purged: string[];
}

/** §4: every record, after §2: the data key and the MAC. */
export function openVault(
  header: Header,
  records: { id: string; clock: string; deleted: boolean; iv: Bytes; ciphertext: Bytes }[],
  slotIndex: number,
  secret: string | Bytes,
): OpenedVault {
  if (header.format !== 'sesame-vault' || header.version !== 2) throw new Error('not format 2');
  const dataKey = dataKeyFromSlot(header, slotIndex, secret);
  if (!headerMacMatches(header, dataKey)) throw new Error('header MAC');
  const out: OpenedVault = { dataKey, accounts: [], trash: [], purged: [] };
  for (const r of records) {
    const aad = cj({ context: 'sesame-vault/account/v2', id: r.id, clock: r.clock, deleted: r.deleted });
    const json = JSON.parse(gcmOpen(dataKey, r.iv, r.ciphertext, aad).toString('utf8')) as Record<string, unknown>;
    if (json['id'] !== r.id) throw new Error('id');
    if (r.deleted && Object.keys(json).length === 1) out.purged.push(r.id);
    else (r.deleted ? out.trash : out.accounts).push(json);
  }
  return out;
}

/** §4.4 "u32(x)": 4 bytes, big-endian. */
const u32 = (x: number): Uint8Array => new Uint8Array([(x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
/** §4.4 "L(b)": b preceded by its length in bytes. */
const lengthPrefixed = (b: Uint8Array): Uint8Array[] => [u32(b.length), b];

/** §4.4's well-formed format-2 record: the five §4 fields, nothing else, each of the documented shape. */
function isWellFormedRecord(v: unknown): v is { id: string; clock: string; deleted: boolean; iv: Bytes; ciphertext: Bytes } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  const keys = Object.keys(r).sort();
  if (keys.join(',') !== 'ciphertext,clock,deleted,id,iv') return false;
  return (
    typeof r['id'] === 'string' &&
    r['id'].length >= 1 &&
    r['id'].length <= 128 &&
    typeof r['clock'] === 'string' &&
    /^[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}$/.test(r['clock']) && // §4.1
    typeof r['deleted'] === 'boolean' &&
    r['iv'] instanceof Uint8Array &&
    r['iv'].length === 12 &&
    r['ciphertext'] instanceof Uint8Array &&
    r['ciphertext'].length >= 16
  );
}

/**
 * §4.4: the fingerprint of the `accounts` store's values, as stored (hex of SHA-256 over the count
 * and each record's length-prefixed fields, in id order); null when one is not a well-formed
 * format-2 record.
 */
export function listCacheFingerprint(values: readonly unknown[]): string | null {
  if (!values.every(isWellFormedRecord)) return null;
  const records = [...values].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parts: Uint8Array[] = [u32(records.length)];
  for (const r of records)
    parts.push(
      ...lengthPrefixed(utf8(r.id)),
      ...lengthPrefixed(utf8(r.clock)),
      ...lengthPrefixed(new Uint8Array([r.deleted ? 1 : 0])),
      ...lengthPrefixed(r.iv),
      ...lengthPrefixed(r.ciphertext),
    );
  return Buffer.from(sha256(Buffer.concat(parts))).toString('hex');
}

/** §4.4: the list cache's plaintext, opened with the data key for records with this fingerprint (throws if it is not valid). */
export function openListCacheEntry(dataKey: Bytes, fingerprint: string, entry: unknown): { list: string; unreadable: string[] } {
  const e = entry as Record<string, unknown>;
  if (Object.keys(e).sort().join(',') !== 'ciphertext,iv,kind' || e['kind'] !== 'list-cache') throw new Error('not a list cache');
  const iv = e['iv'] as Bytes;
  const ciphertext = e['ciphertext'] as Bytes;
  if (!(iv instanceof Uint8Array) || iv.length !== 12 || !(ciphertext instanceof Uint8Array) || ciphertext.length < 16)
    throw new Error('shape');
  const plain = gcmOpen(dataKey, iv, ciphertext, cj({ context: 'sesame-vault/list-cache/v1', records: fingerprint }));
  const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) as Record<string, unknown>;
  const { list, unreadable } = json;
  if (typeof list !== 'string' || !Array.isArray(unreadable) || !unreadable.every((id) => typeof id === 'string'))
    throw new Error('plaintext');
  return { list, unreadable: unreadable };
}

/** §4.4: the accounts the list cache's `list` names, each with its secret's bytes cut from `secrets`. */
export function listCacheAccounts(list: string): { total: number; accounts: (Record<string, unknown> & { secret: Buffer })[] } {
  const s = JSON.parse(list) as { v: number; total?: number; secrets: string; accounts: Record<string, unknown>[] };
  if (s.v !== 2) throw new Error('unknown v');
  const secrets = unb64(s.secrets);
  let at = 0;
  const accounts = s.accounts.map((a) => {
    const length = a['secret'] as number;
    const secret = secrets.subarray(at, at + length);
    at += length;
    return { ...a, secret };
  });
  if (at !== secrets.length) throw new Error('secrets');
  return { total: s.total ?? accounts.length, accounts };
}

/** §2.2: the recovery backup key sealed in a recovery slot. */
export function recoveryBackupKeyFromVault(header: Header, dataKey: Bytes): Buffer {
  const slot = header.slots.find((s) => s.kind === 'recovery')!;
  const aad = cj({ context: 'sesame-vault/recovery-backup-key/v2', vaultId: header.vaultId, slotId: slot.id });
  return gcmOpen(dataKey, slot.backupKey!.iv, slot.backupKey!.ciphertext, aad);
}

/** §6: the plaintext of a backup file, version 1 or 2, with a passphrase or a 16-byte recovery key. */
export function openBackup(
  text: string,
  secret: { passphrase?: string; recoveryKey?: Bytes },
): { exportedAt: number; accounts: Record<string, unknown>[] } {
  const f = JSON.parse(text);
  if (f.format !== 'sesame-backup') throw new Error('format');
  let plain: Buffer;
  if (f.version === 1) {
    plain = gcmOpen(kdf(secret.passphrase!, unb64(f.kdf.salt), f.kdf.iterations), unb64(f.iv), unb64(f.ciphertext), 'sesame-backup/v1');
  } else {
    if (f.version !== 2) throw new Error('version');
    let fileKey: Buffer | undefined;
    for (const s of f.slots) {
      let key: Uint8Array;
      if (s.kind === 'passphrase' && secret.passphrase !== undefined)
        key = kdf(secret.passphrase, unb64(s.params.salt), s.params.iterations);
      else if (s.kind === 'recovery' && secret.recoveryKey)
        key = hkdf(secret.recoveryKey, unb64(s.params.salt), 'sesame-backup/recovery-slot/v2');
      else continue;
      fileKey = gcmOpen(
        key,
        unb64(s.wrappedKey.iv),
        unb64(s.wrappedKey.ciphertext),
        cj({ context: 'sesame-backup/slot/v2', kind: s.kind, params: s.params }),
      );
      break;
    }
    if (!fileKey) throw new Error('no slot');
    plain = gcmOpen(fileKey, unb64(f.iv), unb64(f.ciphertext), 'sesame-backup/v2');
  }
  return JSON.parse(plain.toString('utf8'));
}

/** Writes a version-1 backup file per the document (used to craft files with chosen plaintext). */
export function writeBackupByHand(plaintext: unknown, passphrase: string, iterations = 1000): string {
  const salt = randomBytes(16);
  const { iv, sealed } = gcmSeal(kdf(passphrase, salt, iterations), Buffer.from(JSON.stringify(plaintext), 'utf8'), 'sesame-backup/v1');
  return JSON.stringify({
    format: 'sesame-backup',
    version: 1,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    ciphertext: sealed.toString('base64'),
  });
}

// §9: recovery key text.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The 16 bytes of a recovery key text, read as §9 says; throws on anything it refuses. */
export function readRecoveryKeyText(text: string): Uint8Array {
  let cleaned = text
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212.]/g, '')
    .toUpperCase();
  cleaned = cleaned.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== 28) throw new Error('length');
  const v = [...cleaned].map((c) => {
    const i = ALPHABET.indexOf(c);
    if (i < 0) throw new Error('character');
    return i;
  });
  let c = 0;
  for (let i = 1; i <= 26; i++) c += i * v[i - 1]!;
  c %= 1021;
  if (v[0]! > 7 || v[26]! !== Math.floor(c / 32) || v[27]! !== c % 32) throw new Error('check');
  let n = 0n;
  for (const x of v.slice(0, 26)) n = n * 32n + BigInt(x);
  return Uint8Array.from({ length: 16 }, (_, i) => Number((n >> BigInt(8 * (15 - i))) & 255n));
}

/** The text §9 shows for 16 bytes. */
export function writeRecoveryKeyText(key: Uint8Array): string {
  let n = 0n;
  for (const b of key) n = n * 256n + BigInt(b);
  const v = Array.from({ length: 26 }, (_, i) => Number((n >> BigInt(5 * (25 - i))) % 32n));
  const c = v.reduce((sum, x, i) => sum + (i + 1) * x, 0) % 1021;
  const chars = [...v, Math.floor(c / 32), c % 32].map((x) => ALPHABET[x]).join('');
  return chars.match(/.{4}/g)!.join('-');
}
