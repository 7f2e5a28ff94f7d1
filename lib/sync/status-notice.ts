/**
 * How an open settings page learns that the sync status changed without asking the background on
 * a timer (every request wakes it: with settings open, Chrome's service worker and Firefox's event
 * page would never be idle). Whenever something the status shows may have changed (a sync starts
 * or ends, a local write, sync turned on, off or moved, a lock or unlock), the background sends
 * every open Sesame page this notice (lib/sync/register.ts); the settings page then asks for the
 * status again with the one `sync-status` request (components/sync/use-sync-status.ts).
 *
 * Like the lock and accounts notices (lib/messaging/), it carries nothing, the background is its
 * only sender, and a page accepts it only from our own origin (sender.ts). `runtime.sendMessage`
 * reaches extension pages only, never a content script, and leaves nothing in any store.
 */
import { isOwnPageSender, type MessageSender } from '../messaging/sender';

const SYNC_STATUS_NOTICE_TYPE = 'sync-status-changed';
type SyncStatusNotice = { readonly type: typeof SYNC_STATUS_NOTICE_TYPE };
export const SYNC_STATUS_NOTICE: SyncStatusNotice = { type: SYNC_STATUS_NOTICE_TYPE };

export function isSyncStatusNotice(message: unknown, sender: MessageSender | undefined, ownId: string, ownOrigin: string): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === SYNC_STATUS_NOTICE_TYPE &&
    isOwnPageSender(sender, ownId, ownOrigin)
  );
}
