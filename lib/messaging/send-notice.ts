import { browser } from 'wxt/browser';
import type { Notice } from './notice';

/**
 * Sends `notice` (notice.ts) from the background to every open Sesame page. Resolves once sent, or
 * at once when no page is open: then there is nobody to tell, which is fine.
 */
export function sendNotice(notice: Notice): Promise<void> {
  return browser.runtime.sendMessage(notice).then(
    () => undefined,
    () => undefined,
  );
}
