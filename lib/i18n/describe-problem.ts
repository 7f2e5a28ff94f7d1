import type { Problem } from '../result';
import { pluralMessage } from './plural-message';

/** Looks up a message by key with substitutions, e.g. `browser.i18n.getMessage`. */
export type GetMessage = (key: string, substitutions?: string[]) => string;

/**
 * The text a user reads for a problem, in the plural form for its `count` if it has one. Falls back
 * to the key itself, so a message missing from `_locales` shows up in tests instead of rendering as
 * an empty string.
 */
export function describeProblem(problem: Problem, getMessage: GetMessage): string {
  if (problem.count !== undefined) return pluralMessage(getMessage, problem.code, problem.count, problem.params ?? []);
  return getMessage(problem.code, problem.params ? [...problem.params] : undefined) || problem.code;
}
