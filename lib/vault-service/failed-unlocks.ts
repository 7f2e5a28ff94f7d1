/**
 * Failed unlock attempts happen while the vault is locked, when nothing can be encrypted. Their
 * times wait in `storage.local` (not secret: only timestamps) and become `unlock-failed` log
 * entries after the next successful unlock.
 */
import type { LogEntry } from '../vault/log-entry';

/** At most this many pending times are kept (the newest); the unlock throttle makes more unlikely. */
export const MAX_PENDING_FAILURES = 100;

/** Reads the stored list defensively (anything but an array of times counts as empty). */
const pendingFailures = (stored: unknown): number[] =>
  Array.isArray(stored) ? stored.filter((t): t is number => typeof t === 'number' && Number.isSafeInteger(t) && t >= 0) : [];

/** The list with one more failure at `time`, capped to the newest `MAX_PENDING_FAILURES`. */
export const addPendingFailure = (stored: unknown, time: number): number[] =>
  [...pendingFailures(stored), time].slice(-MAX_PENDING_FAILURES);

/** The log entries for the pending failures, oldest first. */
export const failureEntries = (stored: unknown): LogEntry[] => pendingFailures(stored).map((time) => ({ type: 'unlock-failed', time }));
