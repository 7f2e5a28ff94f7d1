/**
 * Strict byte <-> text encodings used by the vault and the backup file (RFC 4648).
 *
 * Decoders return `undefined` for anything that is not a canonical encoding, so a damaged record
 * or backup is reported instead of being silently "repaired" into different bytes.
 */

import { bytesToBase64 } from '../otp/bytes';
import { encodeBase32 } from '../otp/base32';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §4 Base64 with padding (the one encoder, shared with lib/otp). */
export const encodeBase64 = bytesToBase64;

/** RFC 4648 §4 Base64 with padding; `undefined` unless `text` is canonical Base64. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Reject non-canonical input (non-zero padding bits) so one byte string has one encoding.
  return encodeBase64(bytes) === text ? bytes : undefined;
}

/** RFC 4648 §6 Base32, upper case, without `=` padding (shared with lib/otp). */
export { encodeBase32 };

/**
 * RFC 4648 §6 Base32, upper case, padding optional; `undefined` for lower case, spaces, a
 * length no byte string encodes to, or non-zero trailing bits.
 */
export function decodeBase32(text: string): Uint8Array<ArrayBuffer> | undefined {
  const match = /^([A-Z2-7]*)(=*)$/.exec(text);
  if (!match) return undefined;
  const body = match[1] ?? '';
  const padding = (match[2] ?? '').length;
  if (![0, 2, 4, 5, 7].includes(body.length % 8)) return undefined;
  if (padding !== 0 && (body.length + padding) % 8 !== 0) return undefined;
  if (padding >= 8) return undefined;
  const bytes = new Uint8Array(Math.floor((body.length * 5) / 8));
  let value = 0;
  let bits = 0;
  let index = 0;
  for (const char of body) {
    value = ((value << 5) | BASE32_ALPHABET.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  if (bits > 0 && (value & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

/** A copy backed by a plain `ArrayBuffer`, the type WebCrypto's `BufferSource` asks for. */
export function toArrayBufferBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** Byte-wise equality (not constant time; use only on public data such as ciphertexts). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
