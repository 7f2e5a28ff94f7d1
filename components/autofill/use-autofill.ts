import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import type { Site } from '@/lib/autofill/site';
import type { PickEndReason } from '@/lib/autofill/protocol';
import type { MessageKey } from '@/lib/i18n/message-key';
import { sortAccounts } from '@/lib/accounts/sort-accounts';
import { sendAutofill, targetTabUrl } from '../../lib/autofill/client';
import { hostOf } from '@/lib/autofill/host-of';
import { problemText, t } from '../shared/t';
import { copySecret } from '../../lib/clipboard/client';

/**
 * The question asked before a fill into a page whose site is not one of the account's saved
 * sites. No `accountSites`: the account has none yet ("Fill and remember this site?").
 */
export interface FillPrompt {
  readonly account: Account;
  readonly issuer: string;
  readonly accountSites: readonly string[];
  readonly pageSite: string;
}

/**
 * "Click the field", offered after a fill found no field: for this account (its id only, so
 * nothing secret outlives a lock here), with the answer that fill had.
 */
interface PickOffer {
  readonly accountId: string;
  readonly confirmedSite?: string;
}

export interface Autofill {
  /** The target tab's host; null while unknown or when the tab is not a web page (no fill buttons). */
  readonly host: string | null;
  /** The tab's site as text (`https://github.com`), once the site rules are loaded. */
  readonly site: string | null;
  /** "For this site": accounts with the site saved, then likely ones with no site yet (site-decision.ts). */
  readonly siteAccounts: readonly Account[];
  readonly prompt: FillPrompt | null;
  readonly fill: (account: Account) => Promise<void>;
  /** The answer to the question: fill (and save the page's site when `remember`). */
  readonly confirm: (remember: boolean) => Promise<void>;
  readonly cancel: () => void;
  /** "Click the field" is on offer (the last fill found no field). */
  readonly pickOffer: PickOffer | null;
  /** Starts the picker in the page; resolves when it has ended (filled, cancelled, timed out...). */
  readonly pick: () => Promise<void>;
}

type SiteRules = typeof import('@/lib/autofill/site-decision') & typeof import('@/lib/autofill/site');

const nameOf = (a: Account): string => a.issuer || a.label;

/** What the popup says when a pick ended without a fill. */
const PICK_ENDED: Record<PickEndReason, MessageKey> = {
  cancelled: 'autofill_cancelled',
  replaced: 'autofill_cancelled',
  timeout: 'autofill_pick_timeout',
  left: 'autofill_pick_left',
  'not-filled': 'autofill_pick_not_filled',
};

/**
 * The popup's side of autofill. The tab's URL is looked up after the codes are shown (the list
 * never waits for it); fills go to the background, which decides and types (fill-flow.ts). A
 * question the keyboard command or the context menu left for the popup is asked on opening.
 */
export function useAutofill({ tabId, accounts, refresh, setStatus }: {
  tabId: number | null;
  accounts: readonly Account[];
  refresh: () => Promise<void>;
  setStatus: (text: string) => void;
}): Autofill {
  const [url, setUrl] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<FillPrompt | null>(null);
  const [pickOffer, setPickOffer] = useState<PickOffer | null>(null);
  // A newer fill or pick ends a pick still waiting (the agent ends it as `replaced`); only the
  // latest one may set the status.
  const latest = useRef(0);
  // The site rules need the public suffix list (tldts, ~100 KB): loaded after the codes are on
  // screen, so the popup's first paint never pays for it.
  const [rules, setRules] = useState<SiteRules | null>(null);
  const host = url ? hostOf(url) : null;

  useEffect(() => {
    let live = true;
    void targetTabUrl(tabId).then((u) => {
      if (!live) return;
      setUrl(u);
      if (u && hostOf(u)) {
        void Promise.all([import('@/lib/autofill/site-decision'), import('@/lib/autofill/site')])
          .then(([decision, site]) => live && setRules({ ...decision, ...site }));
      }
    });
    return () => void (live = false);
  }, [tabId]);

  const page: Site | null = useMemo(() => (url && rules ? rules.siteOfUrl(url) : null), [url, rules]);
  const siteAccounts = useMemo(
    () => (page && rules ? rules.accountsForSite(sortAccounts(accounts), page) : []),
    [page, accounts, rules],
  );

  const fill = async (account: Account, confirmedSite?: string, remember = false) => {
    if (tabId === null) return;
    latest.current++;
    setPickOffer(null);
    const reply = await sendAutofill({
      type: 'autofill-fill', accountId: account.id, tabId, ...(confirmedSite ? { confirmedSite, remember } : {}),
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
    if (result.savedSite || account.type === 'hotp') await refresh();
  };

  // Locked (the accounts are gone): a question or an offer about an account goes with them.
  useEffect(() => {
    if (accounts.length > 0) return;
    setPrompt(null);
    setPickOffer(null);
  }, [accounts.length > 0]);

  // A question the keyboard command or menu left: ask it here, once, for this very tab.
  const pendingTaken = useRef(false);
  useEffect(() => {
    if (pendingTaken.current || tabId === null || accounts.length === 0) return;
    pendingTaken.current = true;
    void sendAutofill({ type: 'autofill-take-pending', tabId }).then((reply) => {
      const pending = reply.ok ? reply.value : null;
      const account = pending ? accounts.find((a) => a.id === pending.accountId) : undefined;
      if (account) void fill(account);
    });
  }, [tabId, accounts.length > 0]);

  return {
    host,
    site: page && rules ? rules.siteText(page) : null,
    siteAccounts,
    prompt,
    fill: (account) => fill(account),
    confirm: async (remember) => {
      if (!prompt) return;
      setPrompt(null);
      await fill(prompt.account, prompt.pageSite, remember);
    },
    cancel: () => {
      setPrompt(null);
      setStatus(t('autofill_cancelled'));
    },
    pickOffer,
    pick: async () => {
      const account = pickOffer && accounts.find((a) => a.id === pickOffer.accountId);
      if (!pickOffer || !account || tabId === null) return;
      const { confirmedSite } = pickOffer;
      const mine = ++latest.current;
      setPickOffer(null);
      setStatus(t('autofill_pick_waiting'));
      // The toolbar popup closes when the user clicks into the page; the background finishes the
      // fill on its own, and this reply only reaches a popup that is still open (popped out).
      const reply = await sendAutofill({ type: 'autofill-pick', accountId: account.id, tabId, ...(confirmedSite ? { confirmedSite } : {}) });
      if (mine !== latest.current) return;
      if (!reply.ok) return setStatus(problemText(reply.problem));
      const result = reply.value;
      // The tab moved to a site that needs the question: ask it, then fill as usual.
      if (result.kind === 'confirm') {
        return setPrompt({ account, issuer: result.issuer, accountSites: result.accountSites, pageSite: result.pageSite });
      }
      const saved = result.savedSite ? ` ${t('autofill_remembered', result.savedSite, nameOf(account))}` : '';
      if (result.kind === 'pick-ended') return setStatus(t(PICK_ENDED[result.reason]) + saved);
      setStatus(t('autofill_filled', nameOf(account)) + saved);
      if (account.type === 'hotp') await refresh();
    },
  };
}
