/**
 * How an open settings page learns that the sync status changed without asking the background on
 * a timer (every request wakes it: with settings open, Chrome's service worker and Firefox's event
 * page would never be idle). Whenever something the status shows may have changed (a sync starts
 * or ends, a local write, sync turned on, off or moved, a lock or unlock), the background sends
 * every open Sesame page this notice (lib/messaging/notice.ts; sent by lib/sync/register.ts); the
 * settings page then asks for the status again with the one `sync-status` request
 * (components/sync/use-sync-status.ts). It leaves nothing in any store.
 */
import type { Notice } from '../messaging/notice';

export const SYNC_STATUS_NOTICE: Notice<'sync-status-changed'> = { type: 'sync-status-changed' };
