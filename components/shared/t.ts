import { browser } from 'wxt/browser';
import type { MessageKey, PluralKey } from '@/lib/i18n/message-key';
import type { Problem } from '@/lib/result';
import { describeProblem } from '@/lib/i18n/describe-problem';
import { pluralMessage } from '@/lib/i18n/plural-message';

// Untyped here: the plural forms' keys are picked at run time (lib/i18n/plural-message.ts). t and
// tCount are typed with MessageKey, which reads messages.json itself (WXT's own getMessage types
// are only as fresh as the last `wxt prepare`).
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

/** A message from `public/_locales`, with `$1`.. substitutions. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return getMessage(key, substitutions.map(String)) || key;
}

/**
 * A message that counts, in the plural form `Intl.PluralRules` picks for `count` in the messages'
 * language: `tCount('addedCount', 3)` reads `addedCount_other`, "Added 3 accounts." (keys and
 * fallbacks: lib/i18n/plural-message.ts). `count` is `$1` unless substitutions are given.
 */
export function tCount(key: PluralKey, count: number, ...substitutions: (string | number)[]): string {
  return pluralMessage(getMessage, key, count, (substitutions.length ? substitutions : [count]).map(String));
}

export const problemText = (problem: Problem): string => describeProblem(problem, getMessage);
