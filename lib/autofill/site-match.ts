/**
 * Which account belongs to the page being filled, and whether filling needs the user's say.
 * Runs in the extension (popup/background), never in the page.
 *
 * Sites are compared by registrable domain ("eTLD+1", Public Suffix List via `tldts`, private
 * suffixes included so `alice.github.io` and `mallory.github.io` are different sites).
 */
import { parse } from 'tldts';

export interface SiteAccount {
  readonly issuer: string;
  /** Registrable domains or hosts the account was used on (`Account.sites`). */
  readonly sites: readonly string[];
}

export type SiteMatch = 'site' | 'issuer';

export type FillDecision =
  /** The page is one of the account's sites: fill. */
  | { kind: 'fill' }
  /**
   * The account has no sites yet and its issuer names this site (or it has no issuer): the code
   * may be filled; ask once whether to remember `site`.
   */
  | { kind: 'ask-remember'; site: string }
  /**
   * The account has no sites yet and its issuer names another service ("GitHub" on
   * github-login.example): most accounts arrive from a QR code with no sites, so the issuer is the
   * only guard they have. Fill only after the user confirms, then ask whether to remember `pageSite`.
   */
  | { kind: 'confirm-issuer'; issuer: string; pageSite: string }
  /**
   * The account belongs to other sites: a look-alike page is the classic phishing case. Fill only
   * after the user confirms, with both names shown.
   */
  | { kind: 'confirm-phishing'; accountSites: string[]; pageSite: string };

const PSL = { allowPrivateDomains: true } as const;

/** Lower case, no scheme/path/port/brackets/trailing dot: `"https://GitHub.com:443/x"` → `"github.com"`. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.includes('://')) {
    try {
      h = new URL(h).hostname;
    } catch {
      /* keep as typed */
    }
  }
  h = h.replace(/[/?#].*$/, '');
  const bracketed = /^\[([^\]]+)\]/.exec(h);
  if (bracketed?.[1]) h = bracketed[1];
  else if (h.split(':').length === 2) h = h.split(':')[0] ?? h;
  return h.replace(/\.+$/, '');
}

/**
 * The registrable domain of a host: `gist.github.com` → `github.com`, `news.bbc.co.uk` →
 * `bbc.co.uk`, `a.github.localhost` → `github.localhost` (each `*.localhost` name is its own
 * site), an IP address → itself, a bare public suffix or unknown single name → itself.
 */
export function registrableDomain(host: string): string {
  const h = normaliseHost(host);
  const parsed = parse(h, PSL);
  if (parsed.isIp) return h;
  return parsed.domain ?? h;
}

/**
 * Does `account` belong to `host`? `'site'`: the host is a stored site, a subdomain of one, or
 * shares its registrable domain. `'issuer'`: no stored site matches, but the issuer ("GitHub",
 * "GitHub, Inc.", "github.com") equals the first label of the host's registrable domain.
 */
export function accountMatchesSite(account: SiteAccount, host: string): SiteMatch | null {
  const h = normaliseHost(host);
  if (!h) return null;
  const domain = registrableDomain(h);
  for (const stored of account.sites) {
    const site = normaliseHost(stored);
    if (!site) continue;
    if (h === site) return 'site';
    // A public suffix ("co.uk", "github.io", "localhost") or an IP names no one site of its
    // subdomains: only equality counts.
    const siteDomain = parse(site, PSL).domain;
    if (!siteDomain) continue;
    if (h.endsWith(`.${site}`) || siteDomain === domain) return 'site';
  }
  const issuer = issuerKey(account.issuer);
  return issuer && !parse(h, PSL).isIp && issuer === siteKey(domain) ? 'issuer' : null;
}

/** The phishing guard: see `FillDecision`. */
export function fillDecision(account: SiteAccount, host: string): FillDecision {
  if (accountMatchesSite(account, host) === 'site') return { kind: 'fill' };
  const pageSite = registrableDomain(host);
  const accountSites = [...new Set(account.sites.map(registrableDomain).filter(Boolean))];
  if (accountSites.length > 0) return { kind: 'confirm-phishing', accountSites, pageSite };
  const issuer = account.issuer.trim();
  if (issuer && issuerKey(issuer) && accountMatchesSite(account, host) === null) return { kind: 'confirm-issuer', issuer, pageSite };
  return { kind: 'ask-remember', site: pageSite };
}

/** "GitHub, Inc." → "github"; "Amazon.com" → "amazon"; "Epic Games" → "epicgames". */
function issuerKey(issuer: string): string {
  let s = issuer.trim().toLowerCase();
  if (/^[^\s/]+\.[a-z]{2,}$/.test(s)) s = parse(s, PSL).domainWithoutSuffix ?? s;
  s = s.replace(/(^|[^\p{L}\p{N}])(inc|llc|ltd|gmbh|corp|corporation|plc)\.?(?![\p{L}\p{N}])/gu, '$1');
  return compact(s);
}

/** The first label of a registrable domain, compacted: `github-login.example` → "githublogin". */
function siteKey(domain: string): string {
  return compact(parse(domain, PSL).domainWithoutSuffix ?? domain.split('.')[0] ?? '');
}

function compact(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
