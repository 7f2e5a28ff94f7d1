/**
 * Every try of a secret that opens the vault goes through here: unlock with the passphrase, a
 * passkey or the recovery key, the check of the passphrase before an export, before turning on
 * the scheduled backup or before adding a passkey or a recovery key, and the passphrase change.
 * Attempts run one at a time, in the order they arrived, and each one's failure is counted (in
 * `storage.local`) before the next one reads the count and starts its key derivation. So firing
 * many guesses at once (from several pages, or a page sending many requests) costs exactly what
 * typing them one by one costs: after `FREE_FAILURES` wrong secrets in a row, each further try
 * waits (lib/vault/unlock-throttle.ts), and the wait is shared by every kind of attempt.
 */
import { failCounting, type Result } from '../result';
import { readFailureCount as readCount, retryAtOf, type FailureCount } from '../vault/unlock-throttle';
import { ERR_PASSKEY_REFUSED, ERR_PASSKEY_UNKNOWN, ERR_RECOVERY_KEY_WRONG, ERR_WRONG_PASSPHRASE } from '../vault/vault-problems';
import type { KeyValueStore } from '../store/key-value-store';
import { ERR_SYNC_WRONG_PASSPHRASE } from '../sync/sync-problems';

const ERR_UNLOCK_WAIT = 'err_unlock_wait';

/**
 * The answers that mean "this secret does not open the vault", counted toward the wait. Not
 * counted: a recovery key whose check characters show a typo (found before any key is derived,
 * and anyone can compute check characters, so counting them would slow down only honest typing),
 * and problems that say nothing about the secret (a damaged header, a missing vault). A wrong
 * passphrase for a synced vault (joining it, merging into it) counts too: it is a guess at a
 * passphrase that opens this user's accounts.
 */
const WRONG_SECRET_PROBLEMS: ReadonlySet<string> = new Set([
  ERR_WRONG_PASSPHRASE,
  ERR_PASSKEY_REFUSED,
  ERR_PASSKEY_UNKNOWN,
  ERR_RECOVERY_KEY_WRONG,
  ERR_SYNC_WRONG_PASSPHRASE,
]);

export interface PassphraseAttemptsDeps {
  readonly local: KeyValueStore;
  /** The `storage.local` key of the failure count. */
  readonly key: string;
  readonly now: () => number;
  /** Called (and awaited) after a wrong passphrase was counted, e.g. to note it for the activity log. */
  readonly onFailure?: (time: number) => Promise<void>;
}

export class PassphraseAttempts {
  /** The end of the queue: the next attempt starts after this settles. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PassphraseAttemptsDeps) {}

  /** When the next attempt may run (ms since the epoch), 0 when it may run now. */
  async retryAt(): Promise<number> {
    return retryAtOf(await this.deps.local.get(this.deps.key));
  }

  /**
   * Runs `attempt` after every earlier attempt has finished and been counted. `attempt` answers
   * one of `WRONG_SECRET_PROBLEMS` for a wrong secret (counted), success (the count is reset), or
   * any other problem (not counted: it says nothing about the secret). While a wait is on,
   * `attempt` does not run at all and the answer is `err_unlock_wait` with the seconds left.
   */
  run<T>(attempt: () => Promise<Result<T>>): Promise<Result<T>> {
    const turn = this.tail.then(() => this.runNow(attempt));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async runNow<T>(attempt: () => Promise<Result<T>>): Promise<Result<T>> {
    const stored = await this.deps.local.get(this.deps.key);
    const retryAt = retryAtOf(stored);
    const now = this.deps.now();
    if (retryAt > now) return failCounting(ERR_UNLOCK_WAIT, Math.ceil((retryAt - now) / 1000));
    const result = await attempt();
    if (result.ok) {
      // Only this queue writes the count, so none stored before the attempt is none now: a
      // successful unlock then waits for no write to storage.local before it answers.
      if (stored !== undefined) await this.deps.local.remove(this.deps.key);
    } else if (WRONG_SECRET_PROBLEMS.has(result.problem.code)) {
      const previous = readCount(await this.deps.local.get(this.deps.key));
      const at = this.deps.now();
      await this.deps.local.set(this.deps.key, { count: (previous?.count ?? 0) + 1, lastAt: at } satisfies FailureCount);
      await this.deps.onFailure?.(at);
    }
    return result;
  }
}
