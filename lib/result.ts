/**
 * Errors as values. A `Problem` names a message in `public/_locales/<lang>/messages.json`
 * (`code`) plus the substitutions it takes, so `lib/` stays free of UI and every message a user
 * reads is translatable. `lib/i18n/describe-problem.ts` turns one into text.
 */
export interface Problem {
  /** A message key in `_locales/en/messages.json` (letters, digits and `_` only). */
  readonly code: string;
  /** Substitutions for `$1`..`$9` in the message. */
  readonly params?: readonly string[];
  /**
   * What the message counts, for a message with plural forms (`<code>_one`, `<code>_other`...,
   * lib/i18n/plural-message.ts): the count picks the form. Absent for a message without them.
   */
  readonly count?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: string, ...params: (string | number)[]): Result<T> => ({
  ok: false,
  problem: params.length ? { code, params: params.map(String) } : { code },
});

/** A problem whose message counts `count` (its plural forms); `count` is `$1` unless `params` are given. */
export const failCounting = <T = never>(code: string, count: number, ...params: (string | number)[]): Result<T> => ({
  ok: false,
  problem: { code, count, params: (params.length ? params : [count]).map(String) },
});
