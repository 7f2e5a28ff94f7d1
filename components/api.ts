import { browser } from 'wxt/browser';
import type { SesameReplyMap, SesameRequest } from '@/lib/messages/request';
import type { Result } from '@/lib/result';

const INTERNAL = { ok: false, problem: { code: 'err_internal' } } as const;

/**
 * Sends any request to the background and returns its reply; no answer (no listener took it) or a
 * failed send becomes the `err_internal` problem, so callers always get a `Result`.
 */
export async function sendToBackground<R>(request: SesameRequest): Promise<Result<R>> {
  try {
    return ((await browser.runtime.sendMessage(request)) as Result<R> | undefined) ?? INTERNAL;
  } catch {
    return INTERNAL;
  }
}

/** Sends a request (of any feature) to the background's one router (lib/messages/router.ts). */
export const send = <T extends SesameRequest>(request: T): Promise<Result<SesameReplyMap[T['type']]>> =>
  sendToBackground<SesameReplyMap[T['type']]>(request);
