import { browser } from 'wxt/browser';
import { sendToBackground } from '../messaging/client';
import type { AutofillReplyMap, AutofillRequest } from '@/lib/autofill/protocol';
import type { Result } from '@/lib/result';

/** Sends an autofill request to the background (`lib/autofill/register.ts`). */
export const sendAutofill = <T extends AutofillRequest>(request: T): Promise<Result<AutofillReplyMap[T['type']]>> =>
  sendToBackground<AutofillReplyMap[T['type']]>(request);

/**
 * The URL of the popup's target tab when the popup may see it (activeTab was granted by the
 * toolbar click), else null: then there is nothing to fill.
 */
export async function targetTabUrl(tabId: number | null): Promise<string | null> {
  if (tabId === null) return null;
  try {
    return (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return null;
  }
}
