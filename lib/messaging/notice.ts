/**
 * A notice: a message the background sends every open Sesame page (`runtime.sendMessage`, which
 * reaches extension pages only, never a content script) to say that something changed without the
 * page asking: the vault locked (lock-notice.ts), the accounts changed (accounts-notice.ts), the
 * sync status changed (lib/sync/status-notice.ts). It carries nothing but what it is, so a page
 * that hears one asks the background again; and a page accepts it only from our own origin
 * (sender.ts), so a script we injected into a web page cannot fake one.
 */
import { isOwnPageSender, type MessageSender } from './sender';

export interface Notice<T extends string = string> {
  readonly type: T;
}

/** Whether `message` is `notice`, sent from our own origin. */
export function isNotice(notice: Notice, message: unknown, sender: MessageSender | undefined, ownId: string, ownOrigin: string): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === notice.type &&
    isOwnPageSender(sender, ownId, ownOrigin)
  );
}
