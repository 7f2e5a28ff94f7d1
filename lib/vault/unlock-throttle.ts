/** Failures in a row that cost nothing (typos happen). */
export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * How long to wait before the next unlock attempt after `consecutiveFailures` wrong passphrases
 * in a row: 0 for the first 5, then 30 s, doubling with each further failure, capped at 15 min
 * (6 -> 30 s, 7 -> 1 min, 8 -> 2 min, 9 -> 4 min, 10 -> 8 min, 11+ -> 15 min).
 * Pure: the caller keeps the count (reset on success) and the time of the last failure.
 */
export function unlockDelayMs(consecutiveFailures: number): number {
  const failures = Math.floor(consecutiveFailures);
  if (!(failures > FREE_FAILURES)) return 0; // also NaN and negative counts
  const doublings = Math.min(failures - FREE_FAILURES - 1, 30);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings);
}

/** What `storage.local` keeps of wrong passphrases: how many in a row, and when the last one was (no secret). */
export interface FailureCount {
  readonly count: number;
  readonly lastAt: number;
}

/** A stored failure count, if it is one. */
export function readFailureCount(stored: unknown): FailureCount | undefined {
  const r = stored as Partial<FailureCount> | null | undefined;
  return r && typeof r.count === 'number' && typeof r.lastAt === 'number' ? { count: r.count, lastAt: r.lastAt } : undefined;
}

/**
 * When the next attempt may run (ms since the epoch), 0 when it may run now, from the stored
 * failure count. Pure, so the popup can show the wait without asking the background.
 */
export function retryAtOf(stored: unknown): number {
  const failures = readFailureCount(stored);
  if (!failures) return 0;
  const delay = unlockDelayMs(failures.count);
  return delay > 0 ? failures.lastAt + delay : 0;
}
