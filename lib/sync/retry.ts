/**
 * Bounded retries with exponential back-off for answers worth retrying (no answer, a timeout, a
 * 5xx, 429). Never more than `attempts` tries, so a dead server costs seconds, not a hung sync;
 * the engine reports the last error and the next scheduled sync tries again.
 */
import type { TransportResult } from './transport';

export interface RetryPolicy {
  readonly attempts: number;
  /** The first wait; each later one doubles, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, sleep: realSleep };

export async function withRetry<T>(policy: RetryPolicy, run: () => Promise<TransportResult<T>>): Promise<TransportResult<T>> {
  let result = await run();
  for (let attempt = 1; attempt < policy.attempts && !result.ok && result.error.kind === 'unavailable'; attempt++) {
    await policy.sleep(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
    result = await run();
  }
  return result;
}
