/**
 * Turning a code check into a clock correction. `checkCode` (lib/otp/check-code.ts) reports a
 * code that matches `steps` time steps away; RFC 6238 §6 ("Resynchronization") suggests the
 * verifier remember such a drift. Sesame applies it to its own clock: the new offset is the current
 * one plus `steps × period` seconds, kept inside the settings' allowed range.
 */
import { TIME_OFFSET_RANGE } from '../settings/settings';

/** Offsets beyond this (in seconds, either way) show a warning in the popup. */
export const CLOCK_WARNING_SECONDS = 30;

/** The offset (seconds) that makes the checked code the current one. */
export function offsetAfterCheck(currentOffsetSeconds: number, matchSeconds: number): number {
  const next = Math.round(currentOffsetSeconds + matchSeconds);
  return Math.min(TIME_OFFSET_RANGE.max, Math.max(TIME_OFFSET_RANGE.min, next));
}

/** Whether the popup should warn that the clock offset is large. */
export const needsClockWarning = (offsetSeconds: number): boolean => Math.abs(offsetSeconds) > CLOCK_WARNING_SECONDS;
