/**
 * The background's notice to every open Sesame page that the accounts changed without the page
 * asking (a sync took versions from another browser). A page that hears it asks for the state
 * again (components/shared/use-accounts-notice.ts). Like the lock notice, the background is the
 * only sender and a page accepts it only from our own origin (sender.ts); it carries nothing.
 */
import { isOwnPageSender, type MessageSender } from './sender';

const ACCOUNTS_NOTICE_TYPE = 'vault-accounts-changed';
export type AccountsNotice = { readonly type: typeof ACCOUNTS_NOTICE_TYPE };
export const ACCOUNTS_NOTICE: AccountsNotice = { type: ACCOUNTS_NOTICE_TYPE };

export function isAccountsNotice(message: unknown, sender: MessageSender | undefined, ownId: string, ownOrigin: string): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === ACCOUNTS_NOTICE_TYPE &&
    isOwnPageSender(sender, ownId, ownOrigin)
  );
}
