/**
 * Keeps the background running while it waits on something outside itself: the user's click for
 * "Click the field", the delay before a copied code is cleared from the clipboard. Chrome stops an
 * extension service worker, and Firefox suspends an event page, once the background has been idle
 * for 30 s; either way its timers and pending promises are gone, and the wait with them. Both count
 * a call the background makes to an extension API as activity (Chrome: "Extension service worker
 * lifecycle"; Firefox: every call into the parent process resets the idle timer,
 * `extensions.background.idle.timeout`, ext-backgroundPage.js), so a cheap call every few seconds
 * while something waits keeps it, and nothing is kept once the wait is over.
 *
 * The call and the timers come in, so the rule is unit-tested in Node.
 */

/** Well inside the 30 s idle timeout, so a slow machine's late timer is still in time. */
export const KEEP_ALIVE_INTERVAL_MS = 5_000;

export interface KeepAliveTimers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface KeepAlive {
  /** Keeps the background running until the returned function is called (more than once is fine). */
  hold(): () => void;
  /** Keeps the background running while `work` is pending. */
  during<T>(work: Promise<T>): Promise<T>;
}

const globalTimers: KeepAliveTimers = {
  setInterval: (run, ms) => globalThis.setInterval(run, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

/** `ping`: a cheap extension API call (`runtime.getPlatformInfo`), made every interval while anything holds. */
export function keepAlive(ping: () => void, timers: KeepAliveTimers = globalTimers, intervalMs = KEEP_ALIVE_INTERVAL_MS): KeepAlive {
  let holders = 0;
  let timer: unknown = null;
  const hold = () => {
    holders += 1;
    timer ??= timers.setInterval(ping, intervalMs);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders === 0 && timer !== null) {
        timers.clearInterval(timer);
        timer = null;
      }
    };
  };
  return {
    hold,
    async during(work) {
      const release = hold();
      try {
        return await work;
      } finally {
        release();
      }
    },
  };
}
