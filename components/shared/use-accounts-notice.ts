import { useEffect, useRef } from 'preact/hooks';
import { ACCOUNTS_NOTICE } from '@/lib/messaging/accounts-notice';
import { onNotice } from '../../lib/messaging/client';

/**
 * Calls `onChanged` when the background says the accounts changed without this page asking (a
 * sync brought another browser's changes; lib/messaging/accounts-notice.ts): the page then asks
 * for the state again, so it never shows a version the vault no longer holds.
 */
export function useAccountsNotice(onChanged: () => void): void {
  const latest = useRef(onChanged);
  latest.current = onChanged;
  useEffect(() => onNotice(ACCOUNTS_NOTICE, () => latest.current()), []);
}
