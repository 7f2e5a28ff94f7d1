import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isAccountsNotice } from '@/lib/messaging/accounts-notice';
import { originOf, type MessageSender } from '@/lib/messaging/sender';

/**
 * Calls `onChanged` when the background says the accounts changed without this page asking (a
 * sync brought another browser's changes; lib/messaging/accounts-notice.ts): the page then asks
 * for the state again, so it never shows a version the vault no longer holds.
 */
export function useAccountsNotice(onChanged: () => void): void {
  const latest = useRef(onChanged);
  latest.current = onChanged;
  useEffect(() => {
    const ownOrigin = originOf(browser.runtime.getURL('/')) ?? '';
    const listener = (message: unknown, sender: MessageSender): undefined => {
      if (isAccountsNotice(message, sender, browser.runtime.id, ownOrigin)) latest.current();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
}
