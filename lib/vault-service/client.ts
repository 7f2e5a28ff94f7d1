import { browser } from 'wxt/browser';
import { parseUnlockHints, UNLOCK_HINTS_KEY, type UnlockHints } from './unlock-methods';

/**
 * Which unlock methods exist, read from `storage.local` without asking the background, so the
 * unlock screen can draw them in its first paint (unlock-methods.ts). `undefined` when unknown.
 */
export async function readUnlockHints(): Promise<UnlockHints | undefined> {
  try {
    const stored = await browser.storage.local.get(UNLOCK_HINTS_KEY);
    return parseUnlockHints(stored[UNLOCK_HINTS_KEY]);
  } catch {
    return undefined;
  }
}

/** `popup.html?unlock=passkey`: the popup opened in a tab to run the passkey ceremony there. */
const PASSKEY_TAB_PARAM = 'unlock';

/**
 * Whether a passkey ceremony started here must move to a tab: Firefox closes the toolbar popup as
 * soon as it loses focus, and the browser's passkey dialog (or the operating system's) takes the
 * focus, which would end the ceremony with the popup. Chrome keeps its popup open during the
 * ceremony. A popped-out popup (a window of its own) or a tab keeps its focus anyway.
 */
export function passkeyNeedsTab(): boolean {
  if (!import.meta.env.FIREFOX) return false;
  try {
    return browser.extension.getViews({ type: 'popup' }).includes(window);
  } catch {
    return true;
  }
}

/**
 * Opens the popup's page in a new tab that starts the passkey ceremony at once, and closes the
 * toolbar popup; once unlocked, the tab shows the codes, and the toolbar popup opens unlocked.
 */
export async function openPasskeyTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?${PASSKEY_TAB_PARAM}=passkey`) });
  window.close();
}

/** True on the page `openPasskeyTab` opened. */
export const isPasskeyTab = (search = location.search): boolean => new URLSearchParams(search).get(PASSKEY_TAB_PARAM) === 'passkey';
