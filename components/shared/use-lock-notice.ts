import { useEffect, useRef } from 'preact/hooks';
import { LOCK_NOTICE } from '@/lib/messaging/lock-notice';
import { onLockedReply, onNotice } from '../../lib/messaging/client';

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
    const stopNotice = onNotice(LOCK_NOTICE, () => latest.current());
    const stopReply = onLockedReply(() => latest.current());
    return () => {
      stopNotice();
      stopReply();
    };
  }, []);
}
