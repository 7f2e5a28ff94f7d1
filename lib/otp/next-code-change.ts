/**
 * When a list of codes next looks different. A row changes only when its code changes (a time
 * step ends, RFC 6238 §4.2) or when its next code starts to show, `SHOW_NEXT_MS` before that; the
 * countdown in between is a CSS animation. So the popup redraws its rows at these moments only.
 */
import { timeStep } from './time-step';
import { STEAM } from './account';

/** The next code is shown during the last seconds of a period, so the user can wait for it. */
export const SHOW_NEXT_MS = 5000;

/** The period (seconds) of a time-based account; null for HOTP, whose code waits for a click. */
export function periodOf(account: { readonly type: 'totp'; readonly period: number } | { readonly type: 'hotp' | 'steam' }): number | null {
  return account.type === 'totp' ? account.period : account.type === 'steam' ? STEAM.period : null;
}

/**
 * The first moment after `timeMs` at which, for any of `periods` (seconds, positive integers), a
 * code changes or a next code appears; null without periods (only HOTP accounts, or none).
 */
export function nextCodeChangeAt(periods: Iterable<number>, timeMs: number, showNextMs = SHOW_NEXT_MS): number | null {
  let next: number | null = null;
  for (const period of periods) {
    const { remainingMs } = timeStep(period, timeMs);
    const end = timeMs + remainingMs;
    const at = remainingMs > showNextMs ? end - showNextMs : end;
    if (next === null || at < next) next = at;
  }
  return next;
}

/** Whether the rows drawn at `drawnAt` may look different at `timeMs`. */
export function codesChangedBetween(periods: Iterable<number>, drawnAt: number, timeMs: number): boolean {
  const next = nextCodeChangeAt(periods, drawnAt);
  return next !== null && next <= timeMs;
}
