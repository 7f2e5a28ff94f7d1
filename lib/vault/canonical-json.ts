/**
 * Canonical JSON: the one byte string that additional data and the header MAC are computed over
 * (docs/vault-format.md, "Canonical JSON"). Two writers that agree on a value agree on its bytes,
 * so a reader rebuilds them from the stored fields and any change to a field changes them.
 *
 * - objects: keys sorted by UTF-16 code unit (all keys here are ASCII, so byte order too), no
 *   whitespace, `undefined` members left out;
 * - strings: as ECMAScript `JSON.stringify` writes them (the values Sesame binds this way are
 *   ids, Base64 and names without control characters, so only `"` and `\` are ever escaped);
 * - numbers: safe integers only, in decimal;
 * - byte strings (`Uint8Array`): the padded Base64 (RFC 4648 §4) string.
 */
import { encodeBase64 } from './encoding';

export type CanonicalValue =
  string | number | boolean | Uint8Array | undefined | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export function canonicalJson(value: CanonicalValue): string {
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // A programming error, never user input: every number bound this way is a count or a time.
    if (!Number.isSafeInteger(value)) throw new RangeError('canonical JSON holds safe integers only');
    return String(value);
  }
  if (value instanceof Uint8Array) return JSON.stringify(encodeBase64(value));
  if (value === undefined) throw new TypeError('undefined has no canonical JSON');
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const object = value as { readonly [key: string]: CanonicalValue };
  const members = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  return `{${members.join(',')}}`;
}
