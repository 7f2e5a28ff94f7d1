/**
 * Which account a keyboard command or the context menu may fill without asking. Runs in the
 * extension, never in the page. There is no popup to ask in, so the answer is strict: exactly one
 * account must belong to the page (by a stored site or by its issuer) and none of them may need
 * the phishing confirmation. Anything else opens the popup, where the user picks.
 */
import { accountMatchesSite, fillDecision, type SiteAccount } from './site-match';

export type CommandPick<A> =
  | { readonly kind: 'one'; readonly account: A }
  /** No account belongs to this page. */
  | { readonly kind: 'none' }
  /** Several accounts belong to this page: the user has to choose. */
  | { readonly kind: 'several'; readonly count: number };

/** See the module comment. `host` is the page's host name (or URL). */
export function pickCommandAccount<A extends SiteAccount>(accounts: readonly A[], host: string): CommandPick<A> {
  const matches = accounts.filter(
    (a) => accountMatchesSite(a, host) !== null && fillDecision(a, host).kind !== 'confirm-phishing',
  );
  const [only] = matches;
  if (matches.length === 1 && only) return { kind: 'one', account: only };
  return matches.length === 0 ? { kind: 'none' } : { kind: 'several', count: matches.length };
}
