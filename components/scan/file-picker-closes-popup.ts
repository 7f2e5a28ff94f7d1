import { browser } from 'wxt/browser';

/** The options page's "Scan QR code images" section (ScanImagesSection), reachable by this hash. */
export const SCAN_IMAGES_HASH = '#scan-images';

/**
 * Whether a file dialog opened from this page would be lost: Firefox closes a toolbar popup as soon
 * as a file dialog takes the focus, and the chosen file never arrives (Mozilla bug 1292701, open
 * since 2016). Not so for the popup popped out into a window or opened as a tab, nor in Chrome.
 */
export function filePickerClosesPopup(): boolean {
  if (!import.meta.env.FIREFOX) return false;
  return browser.extension.getViews({ type: 'popup' }).includes(window);
}

/** Opens the options page at "Scan QR code images", where a file can be chosen in any browser. */
export async function openScanImagesPage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/options.html${SCAN_IMAGES_HASH}`) });
  window.close();
}
