/**
 * Which account belongs to which site, and whether a fill needs the user's say. Pure; runs in the
 * extension (popup, background), never in the page. The model (docs/design.md, "Which site an
 * account belongs to"):
 *
 * - An account belongs to the sites saved with it (`Account.sites`, read by `readSavedSite`), and
 *   to nothing else. A site is saved when the account is scanned from a page (the QR code came
 *   from that site's own set-up page), when the user answers "Fill and remember", or by hand in the
 *   edit screen.
 * - A fill into a page whose site is not one of them always asks first, naming the account's
 *   issuer and saved sites and the page's site. The issuer never decides: "GitHub" says nothing
 *   about `github.co.uk`, `github.io` or `git-hub.com`, which is exactly what a look-alike page
 *   counts on. It only sorts the popup's "For this site" list (`accountsForSite`).
 */
import { parse } from 'tldts';
import { readSavedSite, siteText, type Site } from './site';

const PSL = { allowPrivateDomains: true } as const;

export interface SiteAccount {
  readonly issuer: string;
  /** Saved sites, as stored (`Account.sites`). */
  readonly sites: readonly string[];
}

export type FillDecision =
  /** The page's site is one of the account's saved sites: fill. */
  | { readonly kind: 'fill' }
  /**
   * Ask first, naming `savedSites` (the account's, as text) and `pageSite`. With no saved sites
   * the question is "Fill and remember this site?": one answer fills and saves `pageSite`.
   */
  | { readonly kind: 'ask'; readonly pageSite: string; readonly savedSites: readonly string[] };

/** The account's saved sites that read as sites, as text, each once. */
export function savedSites(account: SiteAccount): string[] {
  const texts = account.sites.map(readSavedSite).flatMap((s) => (s ? [siteText(s)] : []));
  return [...new Set(texts)];
}

/** Is `page` one of the account's saved sites? */
export function hasSite(account: SiteAccount, page: Site): boolean {
  return savedSites(account).includes(siteText(page));
}

/** The phishing guard: see `FillDecision`. */
export function fillDecision(account: SiteAccount, page: Site): FillDecision {
  const saved = savedSites(account);
  const pageSite = siteText(page);
  return saved.includes(pageSite) ? { kind: 'fill' } : { kind: 'ask', pageSite, savedSites: saved };
}

/**
 * Does the issuer ("GitHub", "GitHub, Inc.", "github.com") read like the site's name (the first
 * label of its registrable domain: `github` for `github.com` and for `github.co.uk`)? Used only to
 * sort; it can never make a fill skip the question.
 */
export function issuerNamesSite(issuer: string, page: Site): boolean {
  // An IP address, `localhost` or a bare public suffix (`github.io`) has no name to compare.
  const name = parse(page.domain.replace(/^\[(.*)\]$/, '$1'), PSL).domainWithoutSuffix;
  const key = issuerKey(issuer);
  return !!name && key !== '' && key === compact(name);
}

/**
 * The popup's "For this site" list, in the order given: first the accounts that have the page's
 * site saved, then accounts with no saved site yet whose issuer reads like the site's name (the
 * likely ones to "Fill and remember"). Accounts saved for other sites are left out even when
 * their issuer matches: on `github.co.uk` the GitHub account of `https://github.com` is not
 * suggested.
 */
export function accountsForSite<A extends SiteAccount>(accounts: readonly A[], page: Site): A[] {
  const saved = accounts.filter((a) => hasSite(a, page));
  const likely = accounts.filter((a) => savedSites(a).length === 0 && issuerNamesSite(a.issuer, page));
  return [...saved, ...likely];
}

/** "GitHub, Inc." → "github"; "Amazon.com" → "amazon"; "Epic Games" → "epicgames". */
function issuerKey(issuer: string): string {
  let s = issuer.trim().toLowerCase();
  if (/^[^\s/]+\.[a-z]{2,}$/.test(s)) s = parse(s, PSL).domainWithoutSuffix ?? s;
  s = s.replace(/(^|[^\p{L}\p{N}])(inc|llc|ltd|gmbh|corp|corporation|plc)\.?(?![\p{L}\p{N}])/gu, '$1');
  return compact(s);
}

function compact(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
