import { browser } from 'wxt/browser';
import { sendToBackground } from './api';
import type { AutofillReplyMap, AutofillRequest } from '@/lib/messages/autofill-protocol';
import type { Result } from '@/lib/result';
import { hostOf } from '@/lib/autofill/host-of';

/** Sends an autofill request to the background (`lib/background/autofill.ts`). */
export const sendAutofill = <T extends AutofillRequest>(request: T): Promise<Result<AutofillReplyMap[T['type']]>> =>
  sendToBackground<AutofillReplyMap[T['type']]>(request);

/**
 * The host of the popup's target tab when it is a web page the popup may see (activeTab was
 * granted by the toolbar click), else null: then there is nothing to fill.
 */
export async function targetTabHost(tabId: number | null): Promise<string | null> {
  if (tabId === null) return null;
  try {
    return hostOf((await browser.tabs.get(tabId)).url ?? '');
  } catch {
    return null;
  }
}
