/**
 * What a "site" is for autofill: the unit an account's code belongs to. Pure; runs in the
 * extension (popup, background), never in the page.
 *
 * A site is a scheme plus a domain, written as text like an origin (`siteText`):
 * - the scheme counts: `http://github.com` is not `https://github.com` (a code typed into a page
 *   served in the clear can be read on the way);
 * - the domain is the registrable domain ("eTLD+1" from the Public Suffix List via `tldts`,
 *   private suffixes on, so `alice.github.io` and `mallory.github.io` are two sites, and
 *   `gist.github.com` is `github.com`), in its ASCII form: the WHATWG URL parser applies IDNA
 *   (UTS #46 ToASCII), so `bücher.de` is `xn--bcher-kva.de` and a Cyrillic look-alike of
 *   `github.com` is `xn--gthub-n2e.com`, a different string;
 * - for `localhost`, `*.localhost` and IP addresses the port counts too: there the port is all
 *   that tells one local server from another (`http://localhost:3000` is not `:8080`);
 *   elsewhere ports are ignored, as sites (RFC 6265 cookies, the browser's "same site") do;
 * - a host that is itself a public suffix (`github.io`, `co.uk`), a single label (`intranet`) or
 *   an IP address is its own site: it never stands for the sites under it.
 *
 * Accounts store sites as this text (`https://github.com`, `http://app.localhost:5173`).
 * Sesame 0.1 stored bare host names (`github.com`, `github.localhost`); `readSavedSite` reads a
 * name without a scheme as `https://` on the default port, so those keep working on https pages
 * and ask elsewhere. Nothing stored is rewritten.
 */
import { parse } from 'tldts';

export interface Site {
  readonly scheme: 'http' | 'https';
  /** Registrable domain (or the whole host, see above): ASCII, lower case, IPv6 in brackets. */
  readonly domain: string;
  /** The port where it names the site (local hosts and IPs) and is not the scheme's default, else ''. */
  readonly port: string;
}

const PSL = { allowPrivateDomains: true } as const;

/** The site of a page's URL (or origin); null for anything but http(s), or no host. */
export function siteOfUrl(url: string): Site | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // `hostname` is already lower case and ASCII (IDNA), IPv4 in dotted decimal, IPv6 bracketed.
  const host = u.hostname.replace(/\.+$/, '');
  if (!host) return null;
  const parsed = parse(host.replace(/^\[(.*)\]$/, '$1'), PSL);
  const local = parsed.isIp === true || host === 'localhost' || host.endsWith('.localhost');
  const domain = parsed.isIp ? host : (parsed.domain ?? host);
  return { scheme: u.protocol === 'http:' ? 'http' : 'https', domain, port: local ? u.port : '' };
}

/**
 * A site as an account stores it: `https://github.com`, or a Sesame 0.1 bare name (`github.com`,
 * `gist.github.com`, `localhost:8080`), read as https. A URL with a path is fine (Bitwarden login
 * URIs); other schemes and text that is no address give null (ignored for matching).
 */
export function readSavedSite(saved: string): Site | null {
  const text = saved.trim();
  if (!text) return null;
  return siteOfUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
}

/** The site as text, the form accounts store and the questions show: `https://github.com`. */
export function siteText(site: Site): string {
  return `${site.scheme}://${site.domain}${site.port ? `:${site.port}` : ''}`;
}

/** Two sites are the same when their texts are. */
export function sameSite(a: Site, b: Site): boolean {
  return siteText(a) === siteText(b);
}
