import type { Problem } from '../result';
import type { MessageKey } from './message-key';

/** Looks up a message by key with substitutions, e.g. `browser.i18n.getMessage`. */
export type GetMessage = (key: MessageKey, substitutions?: string[]) => string;

/**
 * The text a user reads for a problem. Falls back to the key itself, so a message missing from
 * `_locales` shows up in tests instead of rendering as an empty string.
 */
export function describeProblem(problem: Problem, getMessage: GetMessage): string {
  return getMessage(problem.code, problem.params ? [...problem.params] : undefined) || problem.code;
}
