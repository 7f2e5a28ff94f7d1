import { browser } from 'wxt/browser';
import { onNotice, sendToBackground } from '../messaging/client';
import type { Result } from '../result';
import { originPermission } from './origin-permission';
import type { SyncReplyMap, SyncRequest } from './protocol';
import { HEADER_ITEM } from './sync-items';
import { SYNC_STATUS_NOTICE } from './status-notice';

/** Sends a sync request to the background (`lib/sync/register.ts`). */
export const sendSync = <T extends SyncRequest>(request: T): Promise<Result<SyncReplyMap[T['type']]>> =>
  sendToBackground<SyncReplyMap[T['type']]>(request);

/**
 * Calls `listener` whenever the background says the sync status may have changed (its notice,
 * status-notice.ts, accepted only from our own origin); the page then asks for it with
 * `sync-status`. Listening wakes nothing: the notice comes only from a background already awake.
 * Returns the unsubscribe.
 */
export const onSyncStatusChange = (listener: () => void): (() => void) => onNotice(SYNC_STATUS_NOTICE, listener);

/**
 * Whether the browser's own sync storage holds a Sesame vault (its header item), so the first-run
 * screen can offer to join it. Read by the page itself: nothing in it is secret, and the set-up
 * screen need not wait for the background.
 */
export async function browserSyncHasVault(): Promise<boolean> {
  try {
    const found = await browser.storage.sync.get(HEADER_ITEM);
    return found[HEADER_ITEM] !== undefined;
  } catch {
    return false; // no sync storage here (or it is off): nothing to join
  }
}

/**
 * Asks for the WebDAV folder's origin as a host permission. Must be called in the click's own
 * turn (the browser asks only during a user gesture), before anything else is awaited.
 * Resolves false when refused, or when the address is not one that could be asked for.
 */
export function askForWebDavOrigin(url: string): Promise<boolean> {
  let origin: string;
  try {
    origin = originPermission(url.trim());
  } catch {
    return Promise.resolve(true); // not an address: the background's check names the problem
  }
  return browser.permissions.request({ origins: [origin] }).catch(() => false);
}

/** True in the toolbar popup (not a tab or a popped-out window): it closes when a browser dialog takes the focus. */
export function inToolbarPopup(): boolean {
  try {
    return browser.extension.getViews({ type: 'popup' }).includes(window);
  } catch {
    return false;
  }
}
