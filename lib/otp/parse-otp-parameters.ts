/**
 * The TOTP/HOTP parameters as text (a URI query value, a form field, a backup file's string) to
 * their typed values, with the same rules and messages everywhere. Empty text means "not given";
 * callers substitute the default (`OTP_DEFAULTS`).
 */
import { fail, ok, type Result } from '../result';
import { ALGORITHMS, DIGITS, type Algorithm, type Digits } from './account';
import { quoteInput } from './quote-input';

/** Defaults of Google's Key URI Format (github.com/google/google-authenticator/wiki/Key-Uri-Format). */
export const OTP_DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const satisfies {
  algorithm: Algorithm;
  digits: Digits;
  period: number;
  counter: number;
};

/** The longest time step accepted, one day; longer ones are typos, not real tokens. */
const MAX_PERIOD_SECONDS = 86_400;

/**
 * `SHA1`, `SHA256` or `SHA512`, case-insensitive, also written `SHA-256` or `sha_256`.
 * Others (SHA224, SHA384, SHA3-*, MD5) give `err_otp_unsupported_algorithm` naming them: RFC 6238
 * §1.2 names only these three, and almost no authenticator app computes the others.
 */
export function parseAlgorithm(text: string): Result<Algorithm> {
  const trimmed = text.trim();
  const normal = trimmed.toUpperCase().replace(/^SHA[-_ ]?(\d+)$/, 'SHA$1');
  const found = ALGORITHMS.find((a) => a === normal);
  return found ? ok(found) : fail('err_otp_unsupported_algorithm', quoteInput(trimmed));
}

/**
 * 6, 7 or 8 (RFC 4226 §5.3 asks for at least 6; 8 is the most RFC 6238 shows). `5` gets its own
 * message because it means Steam Guard.
 */
export function parseDigits(text: string): Result<Digits> {
  const trimmed = text.trim();
  const found = /^\d{1,2}$/.test(trimmed) ? DIGITS.find((d) => d === Number(trimmed)) : undefined;
  if (found) return ok(found);
  if (/^0*5$/.test(trimmed)) return fail('err_otp_five_digits_not_steam');
  return fail('err_otp_unsupported_digits', quoteInput(trimmed));
}

/** Whole seconds, 1 to `MAX_PERIOD_SECONDS` (RFC 6238 §4.1 "X"). */
export function parsePeriod(text: string): Result<number> {
  const trimmed = text.trim();
  const value = /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : NaN;
  return value >= 1 && value <= MAX_PERIOD_SECONDS ? ok(value) : fail('err_otp_invalid_period', quoteInput(trimmed), MAX_PERIOD_SECONDS);
}

/** A non-negative safe integer (RFC 4226 §5.2 "C"; the 8-byte counter goes further, JS does not). */
export function parseCounter(text: string): Result<number> {
  const trimmed = text.trim();
  const value = /^\d{1,16}$/.test(trimmed) ? Number(trimmed) : NaN;
  return Number.isSafeInteger(value) ? ok(value) : fail('err_otp_invalid_counter', quoteInput(trimmed));
}
