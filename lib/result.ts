import type { MessageKey } from './i18n/message-key';

/**
 * Errors as values. A `Problem` names a message in `public/_locales/<lang>/messages.json`
 * (`code`) plus the substitutions it takes, so `lib/` stays free of UI and every message a user
 * reads is translatable. `lib/i18n/describe-problem.ts` turns one into text.
 */
export interface Problem {
  /** A message key in `_locales/en/messages.json` (letters, digits and `_` only); the compiler checks it. */
  readonly code: MessageKey;
  /** Substitutions for `$1`..`$9` in the message. */
  readonly params?: readonly string[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: MessageKey, ...params: (string | number)[]): Result<T> => ({
  ok: false,
  problem: params.length ? { code, params: params.map(String) } : { code },
});
