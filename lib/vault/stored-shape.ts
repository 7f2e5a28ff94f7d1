/**
 * Type guards for values read back from IndexedDB or a file: anything there may be damaged,
 * altered or written by a newer Sesame, so it is checked field by field before use.
 */
import { IV_BYTES, KEY_BYTES, TAG_BYTES, type Sealed } from './crypto';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
export const isTimestamp = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
export const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128;
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** True when `value` has exactly these keys (in any order), no more and no fewer. */
export function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(value, k));
}

/** A wrapped 32-byte key: `{ iv: 12 bytes, ciphertext: 32 + 16 bytes }`, or undefined. */
export function parseWrappedKey(value: unknown): Sealed | undefined {
  if (!isRecord(value) || !hasExactKeys(value, ['iv', 'ciphertext'])) return undefined;
  const { iv, ciphertext } = value;
  if (!isBytes(iv) || iv.length !== IV_BYTES || !isBytes(ciphertext) || ciphertext.length !== KEY_BYTES + TAG_BYTES) return undefined;
  return { iv, ciphertext };
}
