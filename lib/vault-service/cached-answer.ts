import { isStringArray } from '../vault/stored-shape';

/**
 * What the list cache holds (lib/vault/list-cache.ts): an unlock's answer to the popup, the list
 * as its snapshot text (popup-snapshot.ts) and the ids of the records that did not open.
 */
export interface CachedAnswer {
  readonly list: string;
  readonly unreadable: readonly string[];
}

export function encodeCachedAnswer(list: string, unreadable: readonly string[]): string {
  return JSON.stringify({ list, unreadable });
}

/** The cached answer from its text; null if it is not one (then the unlock opens the records). */
export function decodeCachedAnswer(text: string): CachedAnswer | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const { list, unreadable } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof list !== 'string' || !isStringArray(unreadable)) return null;
  return { list, unreadable };
}
