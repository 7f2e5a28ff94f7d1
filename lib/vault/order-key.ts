/**
 * Order keys: the user's order of accounts as strings that sort with plain code-unit comparison
 * and leave room between any two, so moving or adding an account writes that one account only
 * and two browsers never have to renumber the others (fractional indexing, after David
 * Greenspan's "Implementing Fractional Indexing", 2020, and rocicorp/fractional-indexing, CC0).
 *
 * A key is an **integer part** and an optional **fraction**, over the 62 digits `0-9A-Za-z` (in
 * ASCII order, so comparing strings compares keys):
 * - the integer part is a head letter and as many digits as the head says: `a` + 1 digit, `b` +
 *   2, … `z` + 26 digits for 0, 1, 2, …; `Z` + 1 digit, `Y` + 2, … `A` + 26 for -1, -2, … (`a0` is
 *   0, `az` is 61, `b00` is 62; `Zz` is -1). Appending after the last key increments it, so a
 *   list of n accounts needs keys of about log62(n) + 2 characters.
 * - the fraction is base-62 digits that never end in `0` (so every key has one spelling and there
 *   is always room below it), used when a key goes between two neighbours.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;
/** Keys longer than this are refused when read (no real order needs more than a few characters). */
const MAX_ORDER_KEY_LENGTH = 128;
/** The first key of an empty list. */
export const FIRST_ORDER_KEY = 'a0';
/** The smallest integer part (`A` and 26 zeros) is never a key, so there is always room before any key. */
const SMALLEST_INTEGER = 'A' + '0'.repeat(26);

const digitValue = (char: string | undefined): number => (char === undefined ? -1 : DIGITS.indexOf(char));

function integerLength(head: string): number | undefined {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 97 + 2;
  if (head >= 'A' && head <= 'Z') return 90 - head.charCodeAt(0) + 2;
  return undefined;
}

function integerPart(key: string): string | undefined {
  const length = integerLength(key[0] ?? '');
  return length !== undefined && length <= key.length ? key.slice(0, length) : undefined;
}

/** True when `key` is a well-formed order key (as written by this module). */
export function isOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length > MAX_ORDER_KEY_LENGTH) return false;
  const integer = integerPart(key);
  if (!integer || integer === SMALLEST_INTEGER) return false;
  for (const char of key.slice(1)) if (digitValue(char) < 0) return false;
  return !key.slice(integer.length).endsWith('0');
}

/** Negative, zero or positive: plain UTF-16 code-unit order (never locale order). */
export const compareOrderKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A fraction strictly between `a` and `b` (`b` undefined: 1), both without trailing zeros. */
function midpoint(a: string, b: string | undefined): string {
  if (b !== undefined) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = a === '' ? 0 : digitValue(a[0]);
  const high = b === undefined ? BASE : digitValue(b[0]);
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)]!;
  if (b !== undefined && b.length > 1) return b.slice(0, 1);
  return DIGITS[low]! + midpoint(a.slice(1), undefined);
}

function stepInteger(integer: string, direction: 1 | -1): string | undefined {
  const head = integer[0]!;
  const digits = integer.slice(1).split('');
  let i = digits.length - 1;
  for (; i >= 0; i--) {
    const next = digitValue(digits[i]) + direction;
    if (next >= 0 && next < BASE) {
      digits[i] = DIGITS[next]!;
      return head + digits.join('');
    }
    digits[i] = direction === 1 ? '0' : DIGITS[BASE - 1]!;
  }
  // Every digit carried: the integer needs another length (another head).
  if (direction === 1) {
    if (head === 'Z') return 'a0';
    if (head === 'z') return undefined;
    const nextHead = String.fromCharCode(head.charCodeAt(0) + 1);
    return nextHead > 'a' ? nextHead + [...digits, '0'].join('') : nextHead + digits.slice(1).join('');
  }
  if (head === 'a') return 'Z' + DIGITS[BASE - 1];
  if (head === 'A') return undefined;
  const nextHead = String.fromCharCode(head.charCodeAt(0) - 1);
  return nextHead < 'Z' ? nextHead + [...digits, DIGITS[BASE - 1]].join('') : nextHead + digits.slice(1).join('');
}

/**
 * A key strictly between `a` and `b` (either may be undefined: no neighbour on that side). Both
 * must be order keys and `a < b`; throws a RangeError otherwise (a programming error).
 */
export function orderKeyBetween(a: string | undefined, b: string | undefined): string {
  if (a !== undefined && !isOrderKey(a)) throw new RangeError(`not an order key: ${a}`);
  if (b !== undefined && !isOrderKey(b)) throw new RangeError(`not an order key: ${b}`);
  if (a !== undefined && b !== undefined && a >= b) throw new RangeError(`${a} is not before ${b}`);
  if (a === undefined && b === undefined) return FIRST_ORDER_KEY;
  if (a === undefined) {
    const ib = integerPart(b!)!;
    const fb = b!.slice(ib.length);
    if (ib === SMALLEST_INTEGER) return ib + midpoint('', fb);
    if (ib < b!) return ib;
    const lower = stepInteger(ib, -1);
    if (lower === undefined) throw new RangeError('no key before this one');
    return lower;
  }
  const ia = integerPart(a)!;
  const fa = a.slice(ia.length);
  if (b === undefined) {
    const higher = stepInteger(ia, 1);
    return higher === undefined ? ia + midpoint(fa, undefined) : higher;
  }
  const ib = integerPart(b)!;
  const fb = b.slice(ib.length);
  if (ia === ib) return ia + midpoint(fa, fb);
  const higher = stepInteger(ia, 1);
  if (higher === undefined) throw new RangeError('no key after this one');
  return higher < b ? higher : ia + midpoint(fa, undefined);
}

/** `count` increasing keys strictly between `a` and `b` (see `orderKeyBetween`). */
export function orderKeysBetween(a: string | undefined, b: string | undefined, count: number): string[] {
  const keys: string[] = [];
  if (count <= 0) return keys;
  if (b === undefined) {
    let last = a;
    for (let i = 0; i < count; i++) keys.push((last = orderKeyBetween(last, undefined)));
    return keys;
  }
  if (a === undefined) {
    let first = b;
    for (let i = 0; i < count; i++) keys.unshift((first = orderKeyBetween(undefined, first)));
    return keys;
  }
  // Split the gap in halves so the keys stay short (a chain of "after the last" would grow them).
  const middle = Math.floor(count / 2);
  const mid = orderKeyBetween(a, b);
  return [...orderKeysBetween(a, mid, middle), mid, ...orderKeysBetween(mid, b, count - middle - 1)];
}

function integerKey(value: number): string {
  // 62 + 62^2 + … keys per head: find the head (length) whose block holds `value`.
  if (value >= 0) {
    let offset = 0;
    for (let length = 1; length <= 26; length++) {
      const size = BASE ** length;
      if (value < offset + size) return String.fromCharCode(97 + length - 1) + toDigits(value - offset, length);
      offset += size;
    }
  } else {
    let offset = 0;
    const k = -value; // 1, 2, …
    for (let length = 1; length <= 25; length++) {
      const size = BASE ** length;
      if (k <= offset + size) return String.fromCharCode(90 - length + 1) + toDigits(size - (k - offset), length);
      offset += size;
    }
  }
  throw new RangeError('integer out of range');
}

function toDigits(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = DIGITS[rest % BASE]! + out;
    rest = Math.floor(rest / BASE);
  }
  return out;
}

/** Legacy order numbers beyond this (never written by Sesame, which numbered 0, 1, 2, …) are clamped. */
const LEGACY_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The key for an account stored before order keys, whose `order` was a number (lower first):
 * a pure function of the number, increasing with it (equal numbers give equal keys, and the id
 * then breaks the tie as before), so every browser migrates every record the same way and the
 * current order is kept. Integers map to the integer part; a fraction (never written by Sesame)
 * to up to 8 fraction digits; numbers beyond ±2^53 are clamped.
 */
export function orderKeyFromLegacy(order: number): string {
  const clamped = Number.isNaN(order) ? 0 : Math.min(LEGACY_LIMIT, Math.max(-LEGACY_LIMIT, order));
  const integer = Math.floor(clamped);
  let fraction = clamped - integer;
  let digits = '';
  for (let i = 0; i < 8 && fraction > 0; i++) {
    fraction *= BASE;
    const digit = Math.min(BASE - 1, Math.floor(fraction)); // n - floor(n) may round up to 1
    digits += DIGITS[digit];
    fraction -= digit;
  }
  return integerKey(integer) + digits.replace(/0+$/, '');
}
