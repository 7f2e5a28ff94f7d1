/**
 * Hex and Base64 for secrets that arrive in those encodings (backup files of other apps, Steam's
 * `shared_secret`). Decoders take untrusted text and return a `Result`; encoders cannot fail.
 * Base32 lives in `base32.ts`.
 */
import { fail, ok, type Result } from '../result';
import { describeCharacter } from './describe-character';

/** Lower-case hex, two characters a byte (RFC 4648 §8 "base16", lower case). */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * Hex to bytes. Case-insensitive; spaces, dashes and colons between pairs are ignored
 * (`"3a:bc"`, `"3A BC"`). A non-hex character or an odd number of digits is a problem.
 */
export function hexToBytes(text: string): Result<Uint8Array> {
  const clean = text.replace(/[\s:-]/g, '');
  for (const char of clean) {
    if (!/^[0-9a-fA-F]$/.test(char)) return fail('err_hex_invalid_character', describeCharacter(char));
  }
  if (clean.length % 2 !== 0) return fail('err_hex_odd_length');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return ok(bytes);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard Base64 with `=` padding (RFC 4648 §4). */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64[n & 63]!;
  }
  return out;
}

/**
 * Base64 to bytes: standard (RFC 4648 §4) or URL-safe (§5) alphabet, padding optional, whitespace
 * ignored. Bits left over after the last whole byte are dropped.
 */
export function base64ToBytes(text: string): Result<Uint8Array> {
  const clean = text.replace(/\s/g, '').replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const normal = char === '-' ? '+' : char === '_' ? '/' : char;
    const digit = BASE64.indexOf(normal);
    if (digit < 0 || normal.length !== 1) return fail('err_base64_invalid_character', describeCharacter(char));
    value = ((value << 6) | digit) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  if (clean.length % 4 === 1) return fail('err_base64_bad_length');
  return ok(out);
}
