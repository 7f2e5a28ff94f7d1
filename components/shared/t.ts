import type { PluralKey } from '@/lib/i18n/message-key';
import type { Problem } from '@/lib/result';
import { describeProblem } from '@/lib/i18n/describe-problem';
import { pluralMessage } from '@/lib/i18n/plural-message';
import { getMessage } from './message';

export { t } from './message';

/**
 * A message that counts, in the plural form `Intl.PluralRules` picks for `count` in the messages'
 * language: `tCount('addedCount', 3)` reads `addedCount_other`, "Added 3 accounts." (keys and
 * fallbacks: lib/i18n/plural-message.ts). `count` is `$1` unless substitutions are given.
 */
export function tCount(key: PluralKey, count: number, ...substitutions: (string | number)[]): string {
  return pluralMessage(getMessage, key, count, (substitutions.length ? substitutions : [count]).map(String));
}

export const problemText = (problem: Problem): string => describeProblem(problem, getMessage);
