/**
 * How an open settings page learns that the sync status changed without asking the background on
 * a timer (every request wakes it: with settings open, Chrome's service worker and Firefox's event
 * page would never be idle). Whenever something the status shows may have changed (a sync starts
 * or ends, a local write, sync turned on, off or moved, a lock or unlock), the background writes a
 * new mark to `storage.session` (lib/sync/register.ts); a page that sees the mark change in
 * `storage.onChanged` asks for the status again with the one `sync-status` request.
 *
 * The mark says when, never what: a time in ms, moved on by 1 ms when two fall in the same
 * millisecond, since a browser may report nothing for a value set to what it already was. Nothing
 * in it is secret; `storage.session` is memory only and open to Sesame's own pages and background
 * only (`TRUSTED_CONTEXTS`, entrypoints/background.ts; Firefox never exposes it to content scripts).
 */

/** The `storage.session` key of the mark. */
export const SYNC_STATUS_MARK_KEY = 'syncStatusChanged';

/** The mark after `previous`: the time now, or just after `previous` if that is not earlier. */
export const nextStatusMark = (previous: number, now: number): number => Math.max(now, previous + 1);

type StorageChanges = Readonly<Record<string, { readonly oldValue?: unknown; readonly newValue?: unknown } | undefined>>;

/**
 * Whether a `storage.onChanged` event is a new mark. Firefox reports every key a `set` named even
 * when its value stayed the same (MDN, Firefox bug 1833153): such a change is not one.
 */
export function isStatusMarkChange(changes: StorageChanges, areaName: string): boolean {
  const change = changes[SYNC_STATUS_MARK_KEY];
  return areaName === 'session' && change !== undefined && change.newValue !== change.oldValue;
}
