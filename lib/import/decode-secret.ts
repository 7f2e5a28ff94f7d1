import { decodeBase32 } from '../otp/base32';
import { base64ToBytes, hexToBytes } from '../otp/bytes';
import { fail, ok, type Result } from '../result';
import { IMPORT_LIMITS } from './import-limits';

/**
 * Decoders for the secret encodings other apps write (Base32, hex, Base64, signed byte arrays),
 * answering a Problem for a missing, malformed or absurdly long value instead of throwing. The
 * tolerant parsing (spaces, case, padding) is that of `lib/otp/base32.ts` and `lib/otp/bytes.ts`.
 */

/** Longest encoded secret text accepted (Base32 of the largest secret, with room for spaces). */
const MAX_TEXT = IMPORT_LIMITS.maxSecretBytes * 4;

function checkText(text: unknown): Result<string> {
  if (typeof text !== 'string' || text.trim() === '') return fail('err_import_secret_missing');
  if (text.length > MAX_TEXT) return fail('err_import_field_too_long', MAX_TEXT);
  return ok(text);
}

/** Base32 (RFC 4648 §6). */
export function secretFromBase32(text: unknown): Result<Uint8Array> {
  const t = checkText(text);
  return t.ok ? decodeBase32(t.value) : t;
}

/** Hexadecimal (RFC 4648 §8). */
export function secretFromHex(text: unknown): Result<Uint8Array> {
  const t = checkText(text);
  return t.ok ? hexToBytes(t.value) : t;
}

/** Base64 (RFC 4648 §4, or the URL-safe alphabet of §5), of any length (for ciphertexts too). */
export function bytesFromBase64(text: unknown): Result<Uint8Array> {
  if (typeof text !== 'string') return fail('err_import_secret_missing');
  return base64ToBytes(text);
}

/** Bytes written as signed Java bytes (-128..127), as FreeOTP does. */
export function bytesFromSignedArray(list: unknown): Result<Uint8Array> {
  if (!Array.isArray(list) || list.length === 0) return fail('err_import_secret_missing');
  if (list.length > IMPORT_LIMITS.maxSecretBytes) return fail('err_import_field_too_long', IMPORT_LIMITS.maxSecretBytes);
  const out = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const b: unknown = list[i];
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) return fail('err_import_bad_secret');
    out[i] = b & 0xff;
  }
  return ok(out);
}
