import { browser } from 'wxt/browser';
import type { SesameReplyMap, SesameRequest } from '@/lib/messaging/request';
import type { Result } from '@/lib/result';
import { isNotice, type Notice } from './notice';
import { originOf, type MessageSender } from './sender';

const INTERNAL = { ok: false, problem: { code: 'err_internal' } } as const;

const lockedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the background answers a request with `err_locked`: the vault locked
 * and this page missed the notice (components/shared/use-lock-notice.ts). Returns the unsubscribe.
 */
export function onLockedReply(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => void lockedListeners.delete(listener);
}

/**
 * Calls `listener` whenever this page hears `notice` from our own background (notice.ts). Returns
 * the unsubscribe. Listening wakes nothing: a notice comes only from a background already awake.
 */
export function onNotice(notice: Notice, listener: () => void): () => void {
  const ownOrigin = originOf(browser.runtime.getURL('/')) ?? '';
  const heard = (message: unknown, sender: MessageSender): undefined => {
    if (isNotice(notice, message, sender, browser.runtime.id, ownOrigin)) listener();
    // Never answers: requests from other pages are for the background, not for this page.
    return undefined;
  };
  browser.runtime.onMessage.addListener(heard);
  return () => browser.runtime.onMessage.removeListener(heard);
}

/**
 * Sends any request to the background and returns its reply; no answer (no listener took it) or a
 * failed send becomes the `err_internal` problem, so callers always get a `Result`.
 */
export async function sendToBackground<R>(request: SesameRequest): Promise<Result<R>> {
  let reply: Result<R>;
  try {
    reply = (await browser.runtime.sendMessage<SesameRequest, Result<R> | undefined>(request)) ?? INTERNAL;
  } catch {
    reply = INTERNAL;
  }
  if (!reply.ok && reply.problem.code === 'err_locked') for (const listener of lockedListeners) listener();
  return reply;
}

/** Sends a request (of any feature) to the background's one router (lib/messaging/router.ts). */
export const send = <T extends SesameRequest>(request: T): Promise<Result<SesameReplyMap[T['type']]>> =>
  sendToBackground<SesameReplyMap[T['type']]>(request);
