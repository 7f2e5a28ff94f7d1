import { browser } from 'wxt/browser';
import { ClipboardKeeper } from '@/lib/clipboard/clipboard-keeper';
import { documentClipboard } from '@/lib/clipboard/document-clipboard';
import { isOffscreenClipboardMessage } from '@/lib/clipboard/offscreen-protocol';
import { isOwnPageSender, originOf, type MessageSender } from '@/lib/messaging/sender';

// Chrome's offscreen document (reason CLIPBOARD), created by lib/clipboard/register.ts when a
// code was copied: a service worker has no document, and reading the clipboard needs one. It holds
// the copied text only until it has been checked, then closes itself.
// The close waits a moment: the clipboard write is handed to the browser process over the frame's
// own channel, and a document closed in the same task can take the write with it (seen in
// Chromium 156.0.8078.114: the clear was reported done and the code stayed on the clipboard).
const CLOSE_AFTER_MS = 500;
const keeper = new ClipboardKeeper(
  documentClipboard(document),
  { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) },
  () =>
    setTimeout(() => {
      if (!keeper.isPending) window.close();
    }, CLOSE_AFTER_MS),
);
const ownOrigin = originOf(browser.runtime.getURL('/')) ?? '';

browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void) => {
  // Only the background talks to this document; page requests to the background pass by unanswered.
  if (!isOffscreenClipboardMessage(message) || !isOwnPageSender(sender, browser.runtime.id, ownOrigin)) return undefined;
  if (message.type === 'clear-later') {
    keeper.clearLater(message.text, message.delayMs);
    sendResponse('pending');
  } else {
    sendResponse(keeper.clearNow());
  }
  return undefined;
});
