/**
 * How soon the settings page reads the sync status again (components/sync/SyncSection.tsx).
 * Every read is a message to the background, and a message keeps an idle background alive:
 * Firefox suspends its event page, and Chromium its service worker, after about 30 s without one.
 * Reading every 2 s for as long as the page was open kept the background awake for good, with sync
 * off too (the Firefox suite's "the auto-lock alarm wakes the suspended event page" caught it).
 * With sync off the page shows only that, which changes when someone turns it on (this page does
 * so itself), so a read once a minute is plenty. With sync on the status moves by itself (another
 * page's edits waiting, background syncs, their problems) and nothing tells the page yet, so it
 * still reads every 2 s while open.
 */
import type { SyncStatusReply } from './protocol';

/** While sync is on: the status is live. */
export const STATUS_ON_MS = 2_000;
/** While it is off: longer than both browsers' idle time, so the background can sleep between reads. */
const STATUS_OFF_MS = 60_000;

export const statusRefreshMs = (status: SyncStatusReply): number => (status.enabled ? STATUS_ON_MS : STATUS_OFF_MS);
