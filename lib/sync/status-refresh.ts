/**
 * The settings page's side of the status notice (status-notice.ts): how it reads the status again
 * when told, and when it must redraw on its own. Pure of browser APIs (components/sync/use-sync-status.ts
 * wires them), so both are unit-tested in Node.
 */

/**
 * Runs `read` one at a time. Asked while a read is on its way, it runs once more when that one
 * ends, however many times it was asked meanwhile: replies are applied in the order they were
 * asked for (a slow early reply never overwrites a later one), and a burst of changes costs two
 * reads, not one each. A read that throws is forgotten; the next change asks again.
 */
export function oneReadAtATime(read: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    do {
      again = false;
      try {
        await read();
      } catch {
        // The next change reads again.
      }
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * How long until the "next try at" line must go (`retryAt` has passed), or undefined when there is
 * no such line to take down. Nothing in the background changes at that moment unless it syncs then,
 * so the page redraws by itself, with a local timer that asks the background nothing. Beyond
 * `setTimeout`'s range it answers the longest delay it keeps; the page then asks again.
 */
export function msUntilRetryPasses(retryAt: number | undefined, now: number): number | undefined {
  if (retryAt === undefined || retryAt <= now) return undefined;
  return Math.min(retryAt - now + 1, LONGEST_TIMEOUT_MS);
}
