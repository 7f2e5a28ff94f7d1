import type { MessageKey, PluralKey } from './i18n/message-key';

/**
 * Errors as values. A `Problem` names a message in `public/_locales/<lang>/messages.json`
 * (`code`) plus the substitutions it takes, so `lib/` stays free of UI and every message a user
 * reads is translatable. `lib/i18n/describe-problem.ts` turns one into text.
 */
export type Problem =
  | {
      /** A message key in `_locales/en/messages.json` (letters, digits and `_` only); the compiler checks it. */
      readonly code: MessageKey;
      /** Substitutions for `$1`..`$9` in the message. */
      readonly params?: readonly string[];
      readonly count?: undefined;
    }
  | {
      /** A message with plural forms (`<code>_one`, `<code>_other`..., lib/i18n/plural-message.ts). */
      readonly code: PluralKey;
      readonly params?: readonly string[];
      /** What the message counts: the count picks the form. */
      readonly count: number;
    };

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: MessageKey, ...params: (string | number)[]): Result<T> => ({
  ok: false,
  problem: params.length ? { code, params: params.map(String) } : { code },
});

/** A problem whose message counts `count` (its plural forms); `count` is `$1` unless `params` are given. */
export const failCounting = <T = never>(code: PluralKey, count: number, ...params: (string | number)[]): Result<T> => ({
  ok: false,
  problem: { code, count, params: (params.length ? params : [count]).map(String) },
});
