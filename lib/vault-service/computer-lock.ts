/**
 * "Lock when the computer locks", per browser.
 *
 * Chrome's `idle` API reports `locked` when the screen locks. Firefox's never does: it reports
 * only `idle` (no keyboard or mouse input anywhere on the computer for the detection interval) and
 * `active` (MDN browser-compat data, webextensions.api.idle.IdleState "locked": Firefox — no; its
 * implementation watches nsIUserIdleService, which has no notion of a screen lock). In Firefox a
 * long system-wide idle stands in for the screen lock: whoever walked away from a locked screen
 * gives no input either, so Sesame locks at most this long after they left.
 */
export const FIREFOX_IDLE_LOCK_MINUTES = 5;

export interface ComputerLockRule {
  /** The `idle.onStateChanged` states that lock Sesame. */
  readonly lockingStates: readonly ('locked' | 'idle')[];
  /** Seconds without input before the browser reports `idle` (`idle.setDetectionInterval`); null: not used. */
  readonly idleSeconds: number | null;
}

/** The rule for a build target (`import.meta.env.BROWSER`). */
export function computerLockRule(browser: string): ComputerLockRule {
  return browser === 'firefox'
    ? { lockingStates: ['locked', 'idle'], idleSeconds: FIREFOX_IDLE_LOCK_MINUTES * 60 }
    : { lockingStates: ['locked'], idleSeconds: null };
}

export const locksSesame = (rule: ComputerLockRule, state: string): boolean => (rule.lockingStates as readonly string[]).includes(state);
