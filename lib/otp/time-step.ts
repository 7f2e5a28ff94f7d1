/**
 * RFC 6238 §4.2: the time step `T = floor((now - T0) / X)` with `T0 = 0` and `X = period`.
 */
export interface TimeStep {
  /** `T`, the number of whole periods since the Unix epoch (the HOTP counter for this moment). */
  readonly step: number;
  /** Milliseconds until the next step begins (in `(0, period * 1000]`). */
  readonly remainingMs: number;
  /** Fraction of the current step already elapsed, in `[0, 1)`. */
  readonly progress: number;
}

/**
 * The time step that `timeMs` falls in, for a period of `period` seconds (a positive integer).
 */
export function timeStep(period: number, timeMs: number): TimeStep {
  const periodMs = period * 1000;
  const step = Math.floor(timeMs / periodMs);
  const elapsedMs = timeMs - step * periodMs;
  return { step, remainingMs: periodMs - elapsedMs, progress: elapsedMs / periodMs };
}
