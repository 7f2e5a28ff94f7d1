import { browser } from 'wxt/browser';
import type { MessageKey } from '@/lib/i18n/message-key';
import type { Problem } from '@/lib/result';
import { describeProblem } from '@/lib/i18n/describe-problem';

// WXT types getMessage with the keys of its last `wxt prepare`; MessageKey reads messages.json
// itself, so a key just added type-checks before the next prepare.
const getMessage = browser.i18n.getMessage as (key: MessageKey, substitutions?: string[]) => string;

/** A message from `public/_locales`, with `$1`.. substitutions. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return getMessage(key, substitutions.map(String)) || key;
}

export const problemText = (problem: Problem): string =>
  describeProblem(problem, getMessage);
