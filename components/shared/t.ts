import { browser } from 'wxt/browser';
import type { Problem } from '@/lib/result';
import { describeProblem } from '@/lib/i18n/describe-problem';

// WXT types getMessage with the keys it knows; problems carry keys as plain strings.
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

/** A message from `public/_locales`, with `$1`.. substitutions. */
export function t(key: string, ...substitutions: (string | number)[]): string {
  return getMessage(key, substitutions.map(String)) || key;
}

export const problemText = (problem: Problem): string =>
  describeProblem(problem, getMessage);
