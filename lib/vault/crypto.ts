/**
 * The vault's cryptography, WebCrypto only (W3C Web Cryptography API). See docs/vault-format.md.
 *
 * - Passphrase -> wrapping key: PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) over the NFC-normalised UTF-8
 *   passphrase, 32-byte output used as an AES-256-GCM key.
 * - Data key: 32 random bytes, an AES-256-GCM key (NIST SP 800-38D).
 * - Wrapping: AES-256-GCM over the raw data key, fresh 96-bit IV, additional data
 *   `WRAP_AAD`; stored as ciphertext || 16-byte tag (48 bytes).
 * - Records: AES-256-GCM, fresh 96-bit IV per write, the record's id (as UTF-8) as additional
 *   data, so a record moved to another id fails authentication.
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
/** Additional data bound to the wrapped data key (docs/vault-format.md, "Wrapping"). */
export const WRAP_AAD = 'sesame-vault/data-key/v1';

/** Problem code when a record does not authenticate (tampered, truncated, moved or swapped). */
export const ERR_RECORD_TAMPERED = 'err_vault_record_tampered';

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

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
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']) as Promise<CryptoKey>;
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
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad), tagLength: 128 }, key, toArrayBufferBytes(plaintext));
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

/** Wraps the data key: AES-256-GCM over its 32 raw bytes under the wrapping key, aad `WRAP_AAD`. */
export async function wrapDataKey(dataKey: CryptoKey, wrappingKey: CryptoKey): Promise<Sealed> {
  return seal(wrappingKey, await exportRawDataKey(dataKey), WRAP_AAD);
}

/** Unwraps the data key; `undefined` if the wrapping key is wrong (wrong passphrase) or the header was altered. */
export async function unwrapDataKey(wrapped: Sealed, wrappingKey: CryptoKey): Promise<CryptoKey | undefined> {
  const raw = await open(wrappingKey, wrapped, WRAP_AAD);
  if (!raw || raw.length !== KEY_BYTES) return undefined;
  const key = await importRawDataKey(raw);
  raw.fill(0);
  return key;
}

/** Encrypts one record; `recordId` (UTF-8) is the additional data. */
export function encryptRecord(key: CryptoKey, recordId: string, plaintext: Uint8Array): Promise<Sealed> {
  return seal(key, plaintext, recordId);
}

/** Decrypts one record stored under `recordId`; `err_vault_record_tampered` if it does not authenticate. */
export async function decryptRecord(key: CryptoKey, recordId: string, sealed: Sealed): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const plain = await open(key, sealed, recordId);
  return plain ? ok(plain) : fail(ERR_RECORD_TAMPERED);
}
