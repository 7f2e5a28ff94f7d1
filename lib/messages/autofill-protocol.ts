/**
 * Requests the popup sends to the background's autofill module (`lib/background/autofill.ts`),
 * kept apart from the vault's `protocol.ts` so each module owns its own messages. Only extension
 * pages may send them (the router checks the sender, lib/messages/router.ts).
 */
import { isBoolean, isInteger, isString, optional, type RequestFields } from './field-checks';

export type AutofillRequest =
  /**
   * Fill the current code of `accountId` into tab `tabId`. `confirmedSite` is the page's site
   * the user confirmed in the phishing dialog; it counts only while the tab is still on that site.
   */
  | { readonly type: 'autofill-fill'; readonly accountId: string; readonly tabId: number; readonly confirmedSite?: string }
  /** The answer to "remember this site?" after a first fill. */
  | { readonly type: 'autofill-remember'; readonly accountId: string; readonly site: string; readonly remember: boolean };

export type FillReply =
  /** Filled. `rememberSite`: a first fill on a new site; ask the user once whether to keep it. */
  | { readonly kind: 'filled'; readonly rememberSite?: string }
  /** Nothing was filled: the account belongs to other sites. Ask, naming both, then resend with `confirmedSite`. */
  | { readonly kind: 'confirm'; readonly accountSites: readonly string[]; readonly pageSite: string }
  /** No field on the page: the popup copies `code` (it has the focus the clipboard needs) and says so. */
  | { readonly kind: 'no-field'; readonly code: string };

export interface AutofillReplyMap {
  'autofill-fill': FillReply;
  'autofill-remember': null;
}

/** What the router checks in each autofill request before the fill flow sees it. */
export const AUTOFILL_REQUEST_FIELDS: RequestFields<AutofillRequest> = {
  'autofill-fill': { accountId: isString, tabId: isInteger, confirmedSite: optional(isString) },
  'autofill-remember': { accountId: isString, site: isString, remember: isBoolean },
};
