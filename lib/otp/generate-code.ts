/**
 * One-time codes: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard. Synchronous and cheap, so the
 * popup can render a thousand of them per tick. Dynamic truncation comes from the `otpauth` package
 * (its "bare" build); the HMAC it calls is @noble/hashes' SHA-1/SHA-256/SHA-512 only, so the
 * popup does not ship otpauth's bundled SHA-3 and other hashes it never uses.
 */
import { HOTP, Secret } from 'otpauth/bare';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { STEAM, type Algorithm } from './account';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** The HMAC otpauth's bare build calls (algorithm names as otpauth passes them, e.g. "SHA1"). */
function hmacFor(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = HASHES[algorithm.toUpperCase().replace('-', '') as Algorithm];
  if (!hash) throw new RangeError(`Unsupported HMAC algorithm ${algorithm}`);
  return hmac(hash, key, message);
}
import { counterAt } from './counter-at';
import { steamCharacters } from './steam-characters';

/**
 * What a code depends on. Every `Account` and `AccountDraft` is one; tests and previews can pass
 * just these fields.
 */
export type CodeSource = { readonly secret: Uint8Array } & (
  | { readonly type: 'totp'; readonly algorithm: Algorithm; readonly digits: number; readonly period: number }
  | { readonly type: 'hotp'; readonly algorithm: Algorithm; readonly digits: number; readonly counter: number }
  | { readonly type: 'steam' }
);

/** `otpauth` copies the buffer it is given; slice so a view into a larger buffer is not misread. */
function toSecret(secret: Uint8Array): Secret {
  return new Secret({ buffer: secret.slice().buffer });
}

/**
 * HOTP (RFC 4226 §5.3): HMAC over the 8-byte big-endian `counter`, dynamic truncation to a 31-bit
 * value, then the last `digits` decimal digits, zero-padded.
 */
export function hotpCode(secret: Uint8Array, algorithm: Algorithm, digits: number, counter: number): string {
  return HOTP.generate({ secret: toSecret(secret), algorithm, digits, counter, hmac: hmacFor });
}

/** TOTP (RFC 6238 §4.2) is HOTP with the time step `T` as the counter. */
export function totpCodeAtStep(secret: Uint8Array, algorithm: Algorithm, digits: number, step: number): string {
  return hotpCode(secret, algorithm, digits, step);
}

/**
 * Steam Guard code for time step `step` (30 s steps): HMAC-SHA1 over the step and RFC 4226 dynamic
 * truncation, exactly as TOTP, but the 31-bit value `v` is written as 5 characters,
 * `STEAM_ALPHABET[v % 26]`, then `v = floor(v / 26)`, least significant first.
 *
 * The 31-bit value comes from `otpauth` itself: HOTP with `digits = 10` returns
 * `v % 10^10`, and since `v < 2^31 < 10^10` that is `v` unchanged (zero-padded to 10 digits).
 * Tests check this against an independent node:crypto implementation.
 */
export function steamCodeAtStep(secret: Uint8Array, step: number): string {
  return steamCharacters(Number(hotpCode(secret, STEAM.algorithm, 10, step)), STEAM.digits);
}

/**
 * The code for a given moving factor: the counter for HOTP, the time step for TOTP and Steam.
 * Used to look at neighbouring codes (see `check-code.ts`).
 */
export function codeAtCounter(account: CodeSource, counter: number): string {
  switch (account.type) {
    case 'totp':
      return totpCodeAtStep(account.secret, account.algorithm, account.digits, counter);
    case 'hotp':
      return hotpCode(account.secret, account.algorithm, account.digits, counter);
    case 'steam':
      return steamCodeAtStep(account.secret, counter);
  }
}

/** The code to show for `account` at `timeMs` (milliseconds since the epoch). */
export function codeAt(account: CodeSource, timeMs: number): string {
  return codeAtCounter(account, counterAt(account, timeMs));
}
