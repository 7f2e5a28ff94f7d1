import { browser } from 'wxt/browser';
import type { ReplyMap, Request } from '@/lib/messages/protocol';
import type { Result } from '@/lib/result';

/** Sends a request to the background, which owns the vault. */
export async function send<T extends Request>(request: T): Promise<Result<ReplyMap[T['type']]>> {
  try {
    const reply = await browser.runtime.sendMessage(request);
    return (reply ?? { ok: false, problem: { code: 'err_internal' } }) as Result<ReplyMap[T['type']]>;
  } catch {
    return { ok: false, problem: { code: 'err_internal' } };
  }
}
