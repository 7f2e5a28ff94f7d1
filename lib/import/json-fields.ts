/**
 * Small, total readers for values of untrusted parsed JSON: each returns `undefined` instead of
 * throwing when the value has another shape.
 */
export type JsonRecord = { readonly [key: string]: unknown };

export const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

export const asRecord = (v: unknown): JsonRecord | undefined => (isRecord(v) ? v : undefined);

export const asArray = (v: unknown): readonly unknown[] | undefined => (Array.isArray(v) ? v : undefined);

export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A finite number, or a string holding one (several apps write numbers as strings). */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export const asBoolean = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/**
 * The names of a list of records by their ids (`[{id, name}]`: folders, groups, categories), for
 * the entries that refer to them; a record without both strings is ignored.
 */
export function namesById(list: unknown, idKey: string, nameKey: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of asArray(list) ?? []) {
    const id = asString(asRecord(item)?.[idKey]);
    const name = asString(asRecord(item)?.[nameKey]);
    if (id && name) names.set(id, name);
  }
  return names;
}

/** The strings of an array, ignoring anything else. */
export const asStrings = (v: unknown): string[] => (asArray(v) ?? []).filter((x): x is string => typeof x === 'string');
