import type { ListAccount } from '@/lib/accounts/list-account';
import type { PickEndReason } from '@/lib/autofill/protocol';
import type { MessageKey } from '@/lib/i18n/message-key';
import { sendAutofill } from '../../lib/autofill/client';
import { problemText, t } from '../shared/t';
import { copySecret } from '../../lib/clipboard/client';
import type { FillPrompt, PickOffer } from './use-autofill';

/**
 * What a fill and "Click the field" do in the popup once the user asked for one: send it to the
 * background, which decides and types (lib/autofill/fill-flow.ts), then ask the question, offer
 * the pick, copy, or say what happened. Loaded when the fill buttons appear (use-autofill.ts),
 * so the popup's first paint does not carry it.
 */
export interface FillContext {
  readonly tabId: number;
  /** Bumped by every fill or pick: a newer one ends a pick still waiting, and only the latest may set the status. */
  readonly latest: { current: number };
  readonly setPrompt: (prompt: FillPrompt | null) => void;
  readonly setPickOffer: (offer: PickOffer | null) => void;
  readonly setStatus: (text: string) => void;
  /** Reloads the accounts (a saved site, an HOTP counter that moved on). */
  readonly refresh: () => Promise<void>;
}

const nameOf = (a: ListAccount): string => a.issuer || a.label;

/** What the popup says when a pick ended without a fill. */
const PICK_ENDED: Record<PickEndReason, MessageKey> = {
  cancelled: 'autofill_cancelled',
  replaced: 'autofill_cancelled',
  timeout: 'autofill_pick_timeout',
  left: 'autofill_pick_left',
  'not-filled': 'autofill_pick_not_filled',
};

export async function runFill(ctx: FillContext, account: ListAccount, confirmedSite?: string, remember = false): Promise<void> {
  const { tabId, setPrompt, setPickOffer, setStatus } = ctx;
  ctx.latest.current++;
  setPickOffer(null);
  const reply = await sendAutofill({
    type: 'autofill-fill',
    accountId: account.id,
    tabId,
    ...(confirmedSite ? { confirmedSite, remember } : {}),
  });
  if (!reply.ok) return setStatus(problemText(reply.problem));
  const result = reply.value;
  if (result.kind === 'confirm') {
    return setPrompt({ account, issuer: result.issuer, accountSites: result.accountSites, pageSite: result.pageSite });
  }
  const saved = result.savedSite ? ` ${t('autofill_remembered', result.savedSite, nameOf(account))}` : '';
  if (result.kind === 'no-field') {
    // The site is already saved if the answer said so: a pick only needs the same answer again.
    setPickOffer({ accountId: account.id, ...(confirmedSite ? { confirmedSite } : {}) });
    try {
      await copySecret(result.code);
      setStatus(t('autofill_no_field_copied', nameOf(account)) + saved);
    } catch {
      setStatus(t('autofill_no_field_copy_failed') + saved);
    }
  } else {
    setStatus(t('autofill_filled', nameOf(account)) + saved);
  }
  // A saved site, or an HOTP counter that moved on (after a fill or a copy), changes the list.
  if (result.savedSite || account.type === 'hotp') await ctx.refresh();
}

export async function runPick(ctx: FillContext, account: ListAccount, confirmedSite: string | undefined): Promise<void> {
  const { tabId, setPrompt, setPickOffer, setStatus } = ctx;
  const mine = ++ctx.latest.current;
  setPickOffer(null);
  setStatus(t('autofill_pick_waiting'));
  // The toolbar popup closes when the user clicks into the page; the background finishes the
  // fill on its own, and this reply only reaches a popup that is still open (popped out).
  const reply = await sendAutofill({ type: 'autofill-pick', accountId: account.id, tabId, ...(confirmedSite ? { confirmedSite } : {}) });
  if (mine !== ctx.latest.current) return;
  if (!reply.ok) return setStatus(problemText(reply.problem));
  const result = reply.value;
  // The tab moved to a site that needs the question: ask it, then fill as usual.
  if (result.kind === 'confirm') {
    return setPrompt({ account, issuer: result.issuer, accountSites: result.accountSites, pageSite: result.pageSite });
  }
  const saved = result.savedSite ? ` ${t('autofill_remembered', result.savedSite, nameOf(account))}` : '';
  if (result.kind === 'pick-ended') return setStatus(t(PICK_ENDED[result.reason]) + saved);
  setStatus(t('autofill_filled', nameOf(account)) + saved);
  if (account.type === 'hotp') await ctx.refresh();
}
