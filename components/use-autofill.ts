import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import type { accountMatchesSite as AccountMatchesSite } from '@/lib/autofill/site-match';
import { sortAccounts } from '@/lib/accounts/sort-accounts';
import { sendAutofill, targetTabHost } from './autofill-api';
import { problemText, t } from './t';
import { copySecret } from './copy-secret';

/** A question the popup asks about a fill: the phishing guard, or "remember this site?". */
export type FillPrompt =
  | { readonly kind: 'confirm'; readonly account: Account; readonly accountSites: readonly string[]; readonly pageSite: string }
  | { readonly kind: 'remember'; readonly account: Account; readonly site: string };

export interface Autofill {
  /** The target tab's host; null while unknown or when the tab is not a web page (no fill buttons). */
  readonly host: string | null;
  /** Accounts that belong to `host` (stored sites, or issuer vs registrable domain), user order. */
  readonly siteAccounts: readonly Account[];
  readonly prompt: FillPrompt | null;
  readonly fill: (account: Account) => Promise<void>;
  readonly confirm: () => Promise<void>;
  readonly cancel: () => void;
  readonly remember: (yes: boolean) => Promise<void>;
}

const nameOf = (a: Account): string => a.issuer || a.label;

/**
 * The popup's side of autofill. The tab's host is looked up after the codes are shown (the list
 * never waits for it); fills go to the background, which decides and types (fill-flow.ts).
 */
export function useAutofill({ tabId, accounts, refresh, setStatus }: {
  tabId: number | null;
  accounts: readonly Account[];
  refresh: () => Promise<void>;
  setStatus: (text: string) => void;
}): Autofill {
  const [host, setHost] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<FillPrompt | null>(null);
  // Site matching needs the public suffix list (tldts, ~100 KB): loaded after the codes are on
  // screen, so the popup's first paint never pays for it.
  const [matches, setMatches] = useState<typeof AccountMatchesSite | null>(null);

  useEffect(() => {
    let live = true;
    void targetTabHost(tabId).then((h) => {
      if (!live) return;
      setHost(h);
      if (h) void import('@/lib/autofill/site-match').then((m) => live && setMatches(() => m.accountMatchesSite));
    });
    return () => void (live = false);
  }, [tabId]);

  const siteAccounts = useMemo(
    () => (host && matches ? sortAccounts(accounts).filter((a) => matches(a, host) !== null) : []),
    [host, accounts, matches],
  );

  const fill = async (account: Account, confirmedSite?: string) => {
    if (tabId === null) return;
    const reply = await sendAutofill({ type: 'autofill-fill', accountId: account.id, tabId, ...(confirmedSite ? { confirmedSite } : {}) });
    if (!reply.ok) return setStatus(problemText(reply.problem));
    const result = reply.value;
    if (result.kind === 'confirm') {
      return setPrompt({ kind: 'confirm', account, accountSites: result.accountSites, pageSite: result.pageSite });
    }
    if (result.kind === 'no-field') {
      try {
        await copySecret(result.code);
        setStatus(t('autofill_no_field_copied', nameOf(account)));
      } catch {
        setStatus(t('autofill_no_field_copy_failed'));
      }
      return;
    }
    setStatus(t('autofill_filled', nameOf(account)));
    if (result.rememberSite) setPrompt({ kind: 'remember', account, site: result.rememberSite });
    if (account.type === 'hotp') await refresh();
  };

  return {
    host,
    siteAccounts,
    prompt,
    fill: (account) => fill(account),
    confirm: async () => {
      if (prompt?.kind !== 'confirm') return;
      setPrompt(null);
      await fill(prompt.account, prompt.pageSite);
    },
    cancel: () => {
      setPrompt(null);
      setStatus(t('autofill_cancelled'));
    },
    remember: async (yes) => {
      if (prompt?.kind !== 'remember') return;
      setPrompt(null);
      const reply = await sendAutofill({ type: 'autofill-remember', accountId: prompt.account.id, site: prompt.site, remember: yes });
      if (!reply.ok) return setStatus(problemText(reply.problem));
      if (yes) {
        setStatus(t('autofill_remembered', prompt.site, nameOf(prompt.account)));
        await refresh();
      }
    },
  };
}
