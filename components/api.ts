import { browser } from 'wxt/browser';
import type { ReplyMap, Request } from '@/lib/messages/protocol';
import type { Result } from '@/lib/result';

const INTERNAL = { ok: false, problem: { code: 'err_internal' } } as const;

/**
 * Sends any request to the background and returns its reply; no answer (no listener took it) or a
 * failed send becomes the `err_internal` problem, so callers always get a `Result`.
 */
export async function sendToBackground<R>(request: unknown): Promise<Result<R>> {
  try {
    return ((await browser.runtime.sendMessage(request)) as Result<R> | undefined) ?? INTERNAL;
  } catch {
    return INTERNAL;
  }
}

/** Sends a vault request to the background, which owns the vault. */
export const send = <T extends Request>(request: T): Promise<Result<ReplyMap[T['type']]>> =>
  sendToBackground<ReplyMap[T['type']]>(request);
