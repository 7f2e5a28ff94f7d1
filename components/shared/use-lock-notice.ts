import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isLockNotice } from '@/lib/messaging/lock-notice';
import { originOf, type MessageSender } from '@/lib/messaging/sender';
import { onLockedReply } from '../../lib/messaging/client';

/**
 * Calls `onLocked` as soon as the vault locks anywhere (Lock in another window, the auto-lock
 * alarm, the computer's screen lock): the background sends every open page a notice
 * (lib/messaging/lock-notice.ts). A page then drops its accounts and shows the unlock form. As a
 * second line, a request answered with `err_locked` means the same.
 */
export function useLockNotice(onLocked: () => void): void {
  const latest = useRef(onLocked);
  latest.current = onLocked;
  useEffect(() => {
    const ownOrigin = originOf(browser.runtime.getURL('/')) ?? '';
    const listener = (message: unknown, sender: MessageSender): undefined => {
      if (isLockNotice(message, sender, browser.runtime.id, ownOrigin)) latest.current();
      // Never answers: requests from other pages are for the background, not for this page.
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    const stop = onLockedReply(() => latest.current());
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      stop();
    };
  }, []);
}
