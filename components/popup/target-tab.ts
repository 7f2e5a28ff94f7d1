import { browser } from 'wxt/browser';

/**
 * The tab the popup acts on (scan, fill): `?tab=<id>` when the popup was popped out or opened
 * by a test, otherwise the active tab of the current window, as when opened from the toolbar.
 */
export async function targetTabId(search = location.search): Promise<number | null> {
  const fromUrl = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Opens the popup in a window of its own, still bound to the same tab. */
export async function popOut(tabId: number | null): Promise<void> {
  const url = browser.runtime.getURL(`/popup.html${tabId ? `?tab=${tabId}` : ''}`);
  await browser.windows.create({ url, type: 'popup', width: 400, height: 620 });
  window.close();
}
