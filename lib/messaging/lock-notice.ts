/**
 * The background's notice to every open Sesame page that the vault has locked (Lock button,
 * auto-lock alarm, computer lock). A page that hears it drops its accounts and shows the unlock
 * form (components/shared/use-lock-notice.ts). The background is the only sender; a page accepts the
 * notice only from our own origin (sender.ts), so a script we injected into a web page cannot
 * fake one. A missed notice costs nothing secret: the next request a page makes answers `err_locked`.
 */
import { isOwnPageSender, type MessageSender } from './sender';

const LOCK_NOTICE_TYPE = 'vault-locked';
export type LockNotice = { readonly type: typeof LOCK_NOTICE_TYPE };
export const LOCK_NOTICE: LockNotice = { type: LOCK_NOTICE_TYPE };

export function isLockNotice(message: unknown, sender: MessageSender | undefined, ownId: string, ownOrigin: string): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === LOCK_NOTICE_TYPE &&
    isOwnPageSender(sender, ownId, ownOrigin)
  );
}
