/**
 * The vault's cryptography, WebCrypto only (W3C Web Cryptography API). See docs/vault-format.md.
 *
 * - Passphrase -> wrapping key: PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) over the NFC-normalised UTF-8
 *   passphrase, 32-byte output used as an AES-256-GCM key.
 * - Data key: 32 random bytes, an AES-256-GCM key (NIST SP 800-38D).
 * - Wrapping: AES-256-GCM over the raw data key, fresh 96-bit IV, additional data naming what it
 *   is bound to; stored as ciphertext || 16-byte tag (48 bytes).
 * - Records: AES-256-GCM, fresh 96-bit IV per write, additional data that names the record (its
 *   id, and in format 2 its clock and deleted flag), so a record moved or altered fails
 *   authentication.
 * - Format 2 adds HKDF-SHA256 (RFC 5869) for the passkey and recovery slots and the header MAC
 *   key, and HMAC-SHA256 (RFC 2104) for the header MAC.
 */
import { fail, ok, type Result } from '../result';
import { toArrayBufferBytes } from './encoding';

export interface KdfParams {
  readonly name: 'PBKDF2-SHA256';
  readonly iterations: number;
  readonly salt: Uint8Array;
}

/** An encrypted blob: the 12-byte IV and AES-GCM ciphertext with its 16-byte tag appended. */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export const IV_BYTES = 12;
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
export const TAG_BYTES = 16;

/** Problem code when a record does not authenticate (tampered, truncated, moved or swapped). */
const ERR_RECORD_TAMPERED = 'err_vault_record_tampered';

// One encoder for every call: unlocking opens a record per account, each with its own AAD text.
const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);

export const randomBytes = (length: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(length));

/** The bytes a passphrase stands for: NFC-normalised (so "é" typed either way matches), UTF-8. */
export const passphraseBytes = (passphrase: string): Uint8Array<ArrayBuffer> => utf8(passphrase.normalize('NFC'));

/** PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) -> a non-extractable AES-256-GCM key. */
export async function deriveWrappingKey(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: toArrayBufferBytes(params.salt), iterations: params.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A fresh random AES-256-GCM data key; extractable so it can be wrapped and kept in session storage. */
export function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** Imports 32 raw bytes as the data key. Throws on any other length (a programming error). */
export function importRawDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new RangeError('A data key is 32 bytes');
  return crypto.subtle.importKey('raw', toArrayBufferBytes(raw), { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function exportRawDataKey(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

/** AES-256-GCM encryption with a fresh random 96-bit IV and `aad` (UTF-8) as additional data. */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(aad), tagLength: 128 },
    key,
    toArrayBufferBytes(plaintext),
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/** AES-256-GCM decryption; `undefined` when the tag does not verify (wrong key, wrong aad, altered bytes). */
export async function open(key: CryptoKey, sealed: Sealed, aad: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (sealed.iv.length !== IV_BYTES || sealed.ciphertext.length < TAG_BYTES) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: toArrayBufferBytes(sealed.iv), additionalData: utf8(aad), tagLength: 128 },
      key,
      toArrayBufferBytes(sealed.ciphertext),
    );
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

/** Encrypts one record; `aad` (UTF-8) is the additional data that names it. */
export function encryptRecord(key: CryptoKey, aad: string, plaintext: Uint8Array): Promise<Sealed> {
  return seal(key, plaintext, aad);
}

/** Decrypts one record named by `aad`; `err_vault_record_tampered` if it does not authenticate. */
export async function decryptRecord(key: CryptoKey, aad: string, sealed: Sealed): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const plain = await open(key, sealed, aad);
  return plain ? ok(plain) : fail(ERR_RECORD_TAMPERED);
}

/**
 * HKDF-SHA256 (RFC 5869) from `ikm`, `salt` and the UTF-8 of `info` to a non-extractable key:
 * an AES-256-GCM key (`'aes'`) or an HMAC-SHA256 key of 32 bytes (`'hmac'`).
 */
export async function hkdfKey(ikm: Uint8Array, salt: Uint8Array, info: string, use: 'aes' | 'hmac'): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', toArrayBufferBytes(ikm), 'HKDF', false, ['deriveKey']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: toArrayBufferBytes(salt), info: utf8(info) };
  return use === 'aes'
    ? crypto.subtle.deriveKey(params, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    : crypto.subtle.deriveKey(params, material, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}

/** HKDF-SHA256 (RFC 5869) output as 32 raw bytes. */
export async function hkdfBytes(ikm: Uint8Array, salt: Uint8Array, info: string): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey('raw', toArrayBufferBytes(ikm), 'HKDF', false, ['deriveBits']);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: toArrayBufferBytes(salt), info: utf8(info) }, material, 256),
  );
}

/** HMAC-SHA256 (RFC 2104) of the UTF-8 of `text`. */
export async function hmacSign(key: CryptoKey, text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(text)));
}

/** Checks an HMAC-SHA256 tag (WebCrypto's comparison, not a byte loop that stops early). */
export async function hmacVerify(key: CryptoKey, tag: Uint8Array, text: string): Promise<boolean> {
  return crypto.subtle.verify('HMAC', key, toArrayBufferBytes(tag), utf8(text));
}

/** Wraps raw key bytes: AES-256-GCM under `wrappingKey` with `aad` as additional data. */
export function wrapRawKey(raw: Uint8Array, wrappingKey: CryptoKey, aad: string): Promise<Sealed> {
  return seal(wrappingKey, raw, aad);
}

/** Unwraps a 32-byte key sealed by `wrapRawKey`; `undefined` if the key, `aad` or the bytes are wrong. */
export async function unwrapRawKey(wrapped: Sealed, wrappingKey: CryptoKey, aad: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const raw = await open(wrappingKey, wrapped, aad);
  if (raw && raw.length === KEY_BYTES) return raw;
  raw?.fill(0);
  return undefined;
}
