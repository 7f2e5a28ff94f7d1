import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import type { Site } from '@/lib/autofill/site';
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
}

type SiteRules = typeof import('@/lib/autofill/site-decision') & typeof import('@/lib/autofill/site');

const nameOf = (a: Account): string => a.issuer || a.label;

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
  };
}
