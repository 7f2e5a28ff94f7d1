/**
 * Which account a keyboard command or the context menu may fill. Runs in the extension, never in
 * the page. There is no popup to ask in, so only an account that has the page's site saved is
 * filled, and only when it is the only one. Anything else needs the popup: one likely account (no
 * saved site yet, issuer reads like the site) opens there with the question already asked;
 * otherwise the user picks.
 */
import { accountsForSite, hasSite, savedSites, type SiteAccount } from './site-decision';
import type { Site } from './site';

export type CommandPick<A> =
  /** The one account with this site saved: fill it. */
  | { readonly kind: 'one'; readonly account: A }
  /** No account has this site saved; one likely account to ask about ("Fill and remember?"). */
  | { readonly kind: 'ask'; readonly account: A }
  /** No account has this site saved, and no single likely one. */
  | { readonly kind: 'none' }
  /** Several accounts have this site saved: the user has to choose. */
  | { readonly kind: 'several'; readonly count: number };

/** See the module comment. */
export function pickCommandAccount<A extends SiteAccount>(accounts: readonly A[], page: Site): CommandPick<A> {
  const saved = accounts.filter((a) => hasSite(a, page));
  const [only] = saved;
  if (saved.length > 1) return { kind: 'several', count: saved.length };
  if (only) return { kind: 'one', account: only };
  const likely = accountsForSite(accounts, page).filter((a) => savedSites(a).length === 0);
  const [candidate] = likely;
  return likely.length === 1 && candidate ? { kind: 'ask', account: candidate } : { kind: 'none' };
}
