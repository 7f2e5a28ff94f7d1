import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ListAccount } from '@/lib/accounts/list-account';
import type { SiteAccountsReply } from '@/lib/autofill/protocol';
import { sendAutofill, targetTabUrl } from '../../lib/autofill/client';
import { hostOf } from '@/lib/autofill/host-of';
import { t } from '../shared/t';
import type { FillContext } from './fill-actions';

/**
 * The question asked before a fill into a page whose site is not one of the account's saved
 * sites. No `accountSites`: the account has none yet ("Fill and remember this site?").
 */
export interface FillPrompt {
  readonly account: ListAccount;
  readonly issuer: string;
  readonly accountSites: readonly string[];
  readonly pageSite: string;
}

/**
 * "Click the field", offered after a fill found no field: for this account (its id only, so
 * nothing secret outlives a lock here), with the answer that fill had.
 */
export interface PickOffer {
  readonly accountId: string;
  readonly confirmedSite?: string;
}

export interface Autofill {
  /** The target tab's host; null while unknown or when the tab is not a web page (no fill buttons). */
  readonly host: string | null;
  /** The tab's site as text (`https://github.com`), once the background has said. */
  readonly site: string | null;
  /** "For this site": accounts with the site saved, then likely ones with no site yet (site-decision.ts). */
  readonly siteAccounts: readonly ListAccount[];
  readonly prompt: FillPrompt | null;
  readonly fill: (account: ListAccount) => Promise<void>;
  /** The answer to the question: fill (and save the page's site when `remember`). */
  readonly confirm: (remember: boolean) => Promise<void>;
  readonly cancel: () => void;
  /** "Click the field" is on offer (the last fill found no field). */
  readonly pickOffer: PickOffer | null;
  /** Starts the picker in the page; resolves when it has ended (filled, cancelled, timed out...). */
  readonly pick: () => Promise<void>;
}

/** The fill and pick flows (fill-actions.ts), loaded once the fill buttons appear. */
const actions = () => import('./later');

/**
 * The popup's side of autofill. The tab's URL is looked up after the codes are shown (the list
 * never waits for it); fills go to the background, which decides and types (fill-flow.ts). A
 * question the keyboard command or the context menu left for the popup is asked on opening.
 */
export function useAutofill({
  tabId,
  accounts,
  refresh,
  setStatus,
}: {
  tabId: number | null;
  accounts: readonly ListAccount[];
  refresh: () => Promise<void>;
  setStatus: (text: string) => void;
}): Autofill {
  const [url, setUrl] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<FillPrompt | null>(null);
  const [pickOffer, setPickOffer] = useState<PickOffer | null>(null);
  // A newer fill or pick ends a pick still waiting (the agent ends it as `replaced`); only the
  // latest one may set the status.
  const latest = useRef(0);
  // "For this site" comes from the background (`autofill-site`): the site rules need the Public
  // Suffix List (tldts, ~130 KB), which the background carries for its fills, so no page ships a
  // second copy. Asked after the codes are on screen, and again when the accounts change (a
  // fill may have saved a site).
  const [forSite, setForSite] = useState<SiteAccountsReply | null>(null);
  const host = url ? hostOf(url) : null;

  useEffect(() => {
    let live = true;
    void targetTabUrl(tabId).then((u) => live && setUrl(u));
    return () => void (live = false);
  }, [tabId]);

  useEffect(() => {
    if (tabId === null || !host || accounts.length === 0) return setForSite(null);
    let live = true;
    void sendAutofill({ type: 'autofill-site', tabId }).then((reply) => live && reply.ok && setForSite(reply.value));
    return () => void (live = false);
  }, [tabId, host, accounts]);

  const siteAccounts = useMemo(() => {
    if (!forSite) return [];
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return forSite.accountIds.flatMap((id) => byId.get(id) ?? []);
  }, [forSite, accounts]);

  // Fill buttons appear with the host: load what they do.
  useEffect(() => void (host && actions()), [host]);
  const context = (): FillContext | null => (tabId === null ? null : { tabId, latest, setPrompt, setPickOffer, setStatus, refresh });
  const fill = async (account: ListAccount, confirmedSite?: string, remember = false) => {
    const ctx = context();
    if (ctx) await (await actions()).runFill(ctx, account, confirmedSite, remember);
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
    site: forSite?.site ?? null,
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
      const ctx = context();
      if (pickOffer && account && ctx) await (await actions()).runPick(ctx, account, pickOffer.confirmedSite);
    },
  };
}
