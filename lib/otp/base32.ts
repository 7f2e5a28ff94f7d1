/**
 * Base32 (RFC 4648 §6), the encoding every authenticator uses to show a shared secret.
 */
import { fail, ok, type Result } from '../result';
import { describeCharacter } from './describe-character';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Bytes to upper-case Base32 without `=` padding (the form otpauth:// URIs use). */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Base32 text to bytes, forgiving of how people copy secrets: spaces, tabs, line breaks and
 * dashes are ignored, lower case is accepted, trailing `=` padding is optional.
 *
 * Like Google Authenticator and the `otpauth` library, bits left over after the last whole byte are
 * dropped, whatever the length: a secret of 20 characters (100 bits) gives 12 bytes. Sites that
 * draw random Base32 characters rather than encoding bytes produce such lengths, and those secrets
 * work in other apps, so refusing them would only strand the user.
 *
 * Problems: `err_base32_empty`, `err_base32_invalid_character` (names the first bad character) and
 * `err_base32_too_short` (fewer than 8 bits, e.g. a single character).
 */
export function decodeBase32(text: string): Result<Uint8Array> {
  // Upper-case ASCII only: `'ß'.toUpperCase()` is "SS" and `'ı'.toUpperCase()` is "I", which would
  // turn a mistyped character into a silently different secret.
  const clean = text
    .replace(/[\s-]/g, '')
    .replace(/=+$/, '')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
  if (clean.length === 0) return fail('err_base32_empty');
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0 || char.length !== 1) return fail('err_base32_invalid_character', describeCharacter(char));
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  if (out.length === 0) return fail('err_base32_too_short');
  return ok(out);
}
