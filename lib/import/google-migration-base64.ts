import { bytesToBase64 } from '../otp/bytes';
import { fail, ok, type Result } from '../result';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
VALUES.set('-', 62); // base64url (RFC 4648 §5)
VALUES.set('_', 63);

/**
 * Decodes Base64 (RFC 4648 §4) or base64url (§5), with or without `=` padding. A space is read as
 * `+`: it is what `+` becomes when the payload went through form decoding (`+` means space in
 * `application/x-www-form-urlencoded`), and a space is never Base64. Line breaks are ignored.
 */
export function decodeBase64Lenient(text: string): Result<Uint8Array> {
  const clean = text
    .replace(/[\r\n\t]/g, '')
    .replace(/ /g, '+')
    .replace(/=+$/, '');
  if (clean.length % 4 === 1) return fail('err_migration_bad_base64');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (const c of clean) {
    const v = VALUES.get(c);
    if (v === undefined) return fail('err_migration_bad_base64');
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return ok(out.subarray(0, n));
}

/** Standard Base64 with padding (RFC 4648 §4), as Google Authenticator writes it. */
export const encodeBase64 = bytesToBase64;
