import { useEffect, useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import type { SyncStatusReply } from '@/lib/sync/protocol';
import { msUntilRetryPasses, oneReadAtATime } from '@/lib/sync/status-refresh';
import { onSyncStatusChange, sendSync } from '../../lib/sync/client';

/**
 * The sync status, read once when the page opens and again whenever the background tells of a
 * change (lib/sync/status-notice.ts): a sync starting or ending, a write here or from another
 * page, sync turned on, off or moved. Nothing is asked on a timer, so an open settings page lets the
 * background sleep. The setter is for replies the page's own requests bring.
 */
export function useSyncStatus(): [SyncStatusReply | null, Dispatch<StateUpdater<SyncStatusReply | null>>] {
  const [status, setStatus] = useState<SyncStatusReply | null>(null);
  const [redraws, setRedraws] = useState(0);

  useEffect(() => {
    let open = true;
    const read = oneReadAtATime(async () => {
      const reply = await sendSync({ type: 'sync-status' });
      if (open && reply.ok) setStatus(reply.value);
    });
    // Listening before the first read: a change while it is on its way reads once more after it.
    const stop = onSyncStatusChange(read);
    read();
    return () => {
      open = false;
      stop();
    };
  }, []);

  // "The next try is at …" goes once that time has passed: a redraw here, no request.
  useEffect(() => {
    const delay = msUntilRetryPasses(status?.retryAt, Date.now());
    if (delay === undefined) return;
    const timer = setTimeout(() => setRedraws((n) => n + 1), delay);
    return () => clearTimeout(timer);
  }, [status?.retryAt, redraws]);

  return [status, setStatus];
}
