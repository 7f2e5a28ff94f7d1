/**
 * Browser glue for clearing copied codes from the clipboard (registered from
 * `entrypoints/background.ts`): a page reports a copy, and after the user's delay (30 s by
 * default) the clipboard is cleared if it still holds that code; a lock clears it at once. The
 * rule lives in `lib/clipboard/clipboard-keeper.ts`; it needs a document to read the clipboard:
 * Chrome's offscreen document (`offscreen` permission, reason CLIPBOARD), or, in Firefox, which
 * has no offscreen API, the background page's own document.
 */
import { browser } from 'wxt/browser';
import { ok } from '../result';
import type { SesameRouter } from '../messaging/request';
import { CLIPBOARD_REQUEST_FIELDS } from './protocol';
import { OFFSCREEN_TARGET, type OffscreenClipboardMessage } from './offscreen-protocol';
import { ClipboardKeeper } from './clipboard-keeper';
import { documentClipboard } from './document-clipboard';
import { parseClipboardSettings } from './clipboard-settings';
import { browserStore } from '../store/browser-store';
import type { VaultService } from '../vault-service/vault-service';
import { keepAlive, type KeepAlive } from '../keep-alive';

/** storage.local key of the clipboard settings (not secret). */
const CLIPBOARD_SETTINGS_KEY = 'clipboard';
const OFFSCREEN_URL = 'offscreen.html';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
  closeDocument?(): Promise<void>;
}

/** How long a copy keeps trying to hand its text to a document: teardown can take seconds on a busy machine. */
const HAND_OVER_MS = 10_000;

/** Where the clipboard is read and cleared. */
interface Clearer {
  clearLater(text: string, delayMs: number): Promise<void>;
  clearNow(): Promise<void>;
}

function offscreenClearer(offscreen: OffscreenApi): Clearer {
  let creating: Promise<void> | null = null;
  const exists = async () => (await offscreen.hasDocument?.()) ?? false;
  const ensure = async () => {
    if (await exists()) return;
    creating ??= offscreen
      .createDocument({
        url: OFFSCREEN_URL,
        reasons: ['CLIPBOARD'],
        justification: 'Clears a copied one-time code from the clipboard after a delay, if it is still there.',
      })
      .catch(() => undefined)
      .finally(() => (creating = null));
    await creating;
  };
  const tell = (message: OffscreenClipboardMessage) => browser.runtime.sendMessage(message).catch(() => undefined);
  return {
    async clearLater(text, delayMs) {
      // The document closes itself once idle, so a copy can meet one that is closing: the message
      // then gets no answer (or creating a second document fails while the first is torn down).
      // Only the document's 'pending' answer means the clear is scheduled; until then, try again.
      // A document that is there but has not answered three times running is closed, and a new
      // one made: waiting for a teardown gave up too early under load (CI: a copy right after the
      // previous document's check was never cleared).
      const until = Date.now() + HAND_OVER_MS;
      for (let attempt = 1; Date.now() < until; attempt++) {
        await ensure();
        if ((await tell({ target: OFFSCREEN_TARGET, type: 'clear-later', text, delayMs })) === 'pending') return;
        if (attempt % 3 === 0) await offscreen.closeDocument?.().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async clearNow() {
      // No document: nothing was copied, or it was checked already.
      if (await exists()) await tell({ target: OFFSCREEN_TARGET, type: 'clear-now' });
    },
  };
}

/**
 * Firefox: the background page reads and clears the clipboard itself. It is an event page, which
 * Firefox suspends after 30 s idle, timers and all, while the delay runs up to 10 minutes: it is
 * kept running while a copy waits to be checked, and only then.
 */
function documentClearer(doc: Document, alive: KeepAlive): Clearer {
  let release: (() => void) | null = null;
  const keeper = new ClipboardKeeper(
    documentClipboard(doc),
    { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) },
    () => {
      release?.();
      release = null;
    },
  );
  return {
    clearLater: async (text, delayMs) => {
      release ??= alive.hold();
      keeper.clearLater(text, delayMs);
    },
    clearNow: async () => void keeper.clearNow(),
  };
}

export function registerClipboard(router: SesameRouter, vault: VaultService): void {
  const local = browserStore(browser.storage.local);
  const settings = async () => parseClipboardSettings(await local.get(CLIPBOARD_SETTINGS_KEY));
  const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
  const clearer: Clearer | null = offscreen
    ? offscreenClearer(offscreen)
    : typeof document === 'object'
      ? documentClearer(
          document,
          keepAlive(() => void browser.runtime.getPlatformInfo().catch(() => undefined)),
        )
      : null;

  // One at a time, in the order asked: a lock's clear must not overtake the copy just before it,
  // still handing its text to the document (the clear would find nothing to take, and the code
  // would stay on the clipboard until the delay ran out).
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = (task: () => Promise<void>): Promise<void> => {
    const turn = last.then(task, task);
    last = turn.catch(() => undefined);
    return turn;
  };

  router.registerAll(CLIPBOARD_REQUEST_FIELDS, {
    'clipboard-copied': async ({ text }) => {
      await inTurn(async () => {
        const { clearAfterSeconds } = await settings();
        if (clearer && clearAfterSeconds > 0 && text !== '') await clearer.clearLater(text, clearAfterSeconds * 1000);
      });
      return ok(null);
    },
    'clipboard-settings': async () => ok(await settings()),
    'clipboard-set-settings': async ({ clearAfterSeconds }) => {
      const next = parseClipboardSettings({ clearAfterSeconds });
      await local.set(CLIPBOARD_SETTINGS_KEY, next);
      return ok(next);
    },
  });
  // A lock takes a copied code off the clipboard at once (if it is still there).
  if (clearer) vault.onLock(() => inTurn(() => clearer.clearNow()));
}
