/**
 * The recovery key as text a person writes down and types back (docs/vault-format.md, "Recovery
 * key text"). 128 random bits become 26 characters of Crockford's Base32 alphabet
 * (https://www.crockford.com/base32.html: digits and upper-case letters without I, L, O and U),
 * followed by 2 check characters, shown as 7 groups of 4: `0H7Q-M2ZD-…`.
 *
 * Check: c = Σ i·vᵢ mod 1021 over the 26 key characters' values vᵢ (i = 1..26), written as the
 * two characters c div 32, c mod 32. 1021 is prime and larger than every i·d (i ≤ 26, |d| ≤ 31),
 * so any single changed character changes c, and swapping two neighbouring characters changes it
 * by their difference: both are always found. Other typos are missed with odds of about 1 in 1021.
 *
 * Parsing forgives what people do when copying by hand: spaces, dashes and other separators,
 * lower case, full-width forms (NFKC), and the letters Crockford maps to digits (O → 0, I and
 * L → 1). `U` is not in the alphabet and is refused with a message naming it.
 */
import { fail, ok, type Result } from '../result';

const RECOVERY_KEY_BYTES = 16;
export const RECOVERY_KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_CHARS = 26; // ceil(128 / 5): the first character holds the top 3 bits only
const CHECK_CHARS = 2;
const RECOVERY_KEY_CHARS = KEY_CHARS + CHECK_CHARS;
const CHECK_MODULUS = 1021;
const GROUP = 4;

const ERR_RECOVERY_KEY_LENGTH = 'err_recovery_key_length';
const ERR_RECOVERY_KEY_CHARACTER = 'err_recovery_key_character';
export const ERR_RECOVERY_KEY_CHECK = 'err_recovery_key_check';

/** Crockford's decoding of the letters people confuse with digits. */
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };
/** Characters that may separate groups (space, tab, hyphen-minus, the Unicode dashes, dot). */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.]/gu;

/** 16 fresh random bytes (`crypto.getRandomValues`). */
export function generateRecoveryKey(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(RECOVERY_KEY_BYTES));
}

function checkValue(values: readonly number[]): number {
  return values.reduce((sum, v, i) => (sum + (i + 1) * v) % CHECK_MODULUS, 0);
}

/** The 26 five-bit values of a 16-byte key, most significant first (2 zero bits lead). */
function toValues(key: Uint8Array): number[] {
  let n = 0n;
  for (const byte of key) n = (n << 8n) | BigInt(byte);
  const values: number[] = [];
  for (let i = KEY_CHARS - 1; i >= 0; i--) values.push(Number((n >> BigInt(5 * i)) & 31n));
  return values;
}

function fromValues(values: readonly number[]): Uint8Array<ArrayBuffer> {
  let n = 0n;
  for (const v of values) n = (n << 5n) | BigInt(v);
  const key = new Uint8Array(RECOVERY_KEY_BYTES);
  for (let i = RECOVERY_KEY_BYTES - 1; i >= 0; i--) {
    key[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return key;
}

/** The key as 7 groups of 4 characters joined by `-`, check characters last. */
export function formatRecoveryKey(key: Uint8Array): string {
  if (key.length !== RECOVERY_KEY_BYTES) throw new RangeError('a recovery key is 16 bytes');
  const values = toValues(key);
  const check = checkValue(values);
  const text = [...values, check >> 5, check & 31].map((v) => RECOVERY_KEY_ALPHABET[v]).join('');
  return text.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/**
 * The 16 bytes a typed recovery key stands for. Problems: the wrong number of characters
 * (`$1` = how many were typed), a character outside the alphabet (`$1` = it), or a typo that the
 * check characters reveal.
 */
export function parseRecoveryKey(text: string): Result<Uint8Array<ArrayBuffer>> {
  const chars = Array.from(String(text).normalize('NFKC').replace(SEPARATORS, '').toUpperCase());
  const values: number[] = [];
  for (const char of chars) {
    const value = RECOVERY_KEY_ALPHABET.indexOf(CONFUSABLE[char] ?? char);
    if (value < 0) return fail(ERR_RECOVERY_KEY_CHARACTER, char);
    values.push(value);
  }
  if (values.length !== RECOVERY_KEY_CHARS) return fail(ERR_RECOVERY_KEY_LENGTH, values.length, RECOVERY_KEY_CHARS);
  const keyValues = values.slice(0, KEY_CHARS);
  const check = values[KEY_CHARS]! * 32 + values[KEY_CHARS + 1]!;
  // The first character carries 3 bits: a larger value is a typo too.
  if (keyValues[0]! > 7 || check !== checkValue(keyValues)) return fail(ERR_RECOVERY_KEY_CHECK);
  return ok(fromValues(keyValues));
}
