import type { ImportInput } from './import-types';

const NOT_JSON = Symbol('not JSON');
const cache = new WeakMap<ImportInput, unknown>();

/**
 * The input's text parsed as JSON (RFC 8259), or `undefined` if it is not JSON. Parsed once per
 * input object and shared by every importer's `detect`. `importFile` has already refused text that
 * nests too deeply, so the parse is safe. A leading byte order mark is ignored.
 */
export function readJson(input: ImportInput): unknown {
  if (cache.has(input)) {
    const hit = cache.get(input);
    return hit === NOT_JSON ? undefined : hit;
  }
  let value: unknown = NOT_JSON;
  const text = input.text.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      value = JSON.parse(text);
    } catch {
      value = NOT_JSON;
    }
  }
  cache.set(input, value);
  return value === NOT_JSON ? undefined : value;
}
