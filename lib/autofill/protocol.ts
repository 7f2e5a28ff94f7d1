/**
 * Requests the popup sends to the background's autofill module (`lib/autofill/register.ts`),
 * kept apart from the vault's `protocol.ts` so each module owns its own messages. Only extension
 * pages may send them (the router checks the sender, lib/messaging/router.ts).
 */
import { isBoolean, isInteger, isString, optional, type RequestFields } from '../messaging/field-checks';

export type AutofillRequest =
  /**
   * Fill the current code of `accountId` into tab `tabId`. `confirmedSite` is the page's site the
   * user answered the question for; it counts only while the tab is still on that site. With it,
   * `remember` also saves that site with the account (always so for an account with no saved site
   * yet: its question is "Fill and remember this site?").
   */
  | {
      readonly type: 'autofill-fill';
      readonly accountId: string;
      readonly tabId: number;
      readonly confirmedSite?: string;
      readonly remember?: boolean;
    }
  /**
   * The question the keyboard command or context menu left for the popup bound to `tabId` to ask,
   * once. A question for another tab stays for that tab's popup.
   */
  | { readonly type: 'autofill-take-pending'; readonly tabId: number }
  /**
   * "Click the field" (after a fill found no field): run the one-shot picker in the tab and fill
   * the field the user clicks there. The same fields and the same site question as
   * `autofill-fill`; the reply comes when the picker has ended (docs/autofill.md).
   */
  | {
      readonly type: 'autofill-pick';
      readonly accountId: string;
      readonly tabId: number;
      readonly confirmedSite?: string;
      readonly remember?: boolean;
    }
  /**
   * The popup's "For this site": the site of tab `tabId` and the accounts for it. Asked of the
   * background, which carries the Public Suffix List for its fills anyway, so no page has to.
   */
  | { readonly type: 'autofill-site'; readonly tabId: number };

export type FillReply =
  /** Filled. `savedSite`: the page's site, saved with the account on the user's answer. */
  | { readonly kind: 'filled'; readonly savedSite?: string }
  /**
   * Nothing was filled or injected: the page's site is not one of the account's. Ask, naming the
   * account (`issuer`, `accountSites`) and `pageSite`, then resend with `confirmedSite: pageSite`.
   * No `accountSites`: the account has no saved site yet, and the question is "Fill and remember".
   */
  | { readonly kind: 'confirm'; readonly issuer: string; readonly accountSites: readonly string[]; readonly pageSite: string }
  /**
   * No field on the page: the popup copies `code` (it has the focus the clipboard needs) and says
   * so. An HOTP counter has moved on, as after a fill (the code is out of Sesame's hands).
   */
  | { readonly kind: 'no-field'; readonly code: string; readonly savedSite?: string };

/**
 * How a pick ended without a fill: Escape or Cancel (`cancelled`), the time ran out, the page
 * navigated or changed site (`left`), a newer fill replaced it, or the picked field could not be
 * filled any more (`not-filled`).
 */
export type PickEndReason = 'cancelled' | 'timeout' | 'left' | 'replaced' | 'not-filled';

export type PickReply =
  | { readonly kind: 'filled'; readonly savedSite?: string }
  | Extract<FillReply, { kind: 'confirm' }>
  | { readonly kind: 'pick-ended'; readonly reason: PickEndReason; readonly savedSite?: string };

/**
 * "For this site": the tab's site as text (`https://github.com`) and the ids of its accounts, in
 * the list's order (`accountsForSite`); null when the tab is not a web page the popup may see.
 */
export interface SiteAccountsReply {
  readonly site: string;
  readonly accountIds: readonly string[];
}

/** A question a command left for the popup: fill `accountId` into `tabId`, after asking. */
export interface PendingFill {
  readonly accountId: string;
  readonly tabId: number;
}

export interface AutofillReplyMap {
  'autofill-fill': FillReply;
  'autofill-take-pending': PendingFill | null;
  'autofill-pick': PickReply;
  'autofill-site': SiteAccountsReply | null;
}

/** What the router checks in each autofill request before the fill flow sees it. */
export const AUTOFILL_REQUEST_FIELDS: RequestFields<AutofillRequest> = {
  'autofill-fill': { accountId: isString, tabId: isInteger, confirmedSite: optional(isString), remember: optional(isBoolean) },
  'autofill-take-pending': { tabId: isInteger },
  'autofill-pick': { accountId: isString, tabId: isInteger, confirmedSite: optional(isString), remember: optional(isBoolean) },
  'autofill-site': { tabId: isInteger },
};
