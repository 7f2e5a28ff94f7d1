import { describe, expect, it } from 'vitest';
import { readSavedSite, sameSite, siteOfUrl, siteText } from '../../../lib/autofill/site';

const text = (url: string) => {
  const site = siteOfUrl(url);
  return site ? siteText(site) : null;
};

describe("siteOfUrl: a page's site, as text", () => {
  it.each([
    ['https://github.com/login', 'https://github.com'],
    ['https://gist.github.com/x', 'https://github.com'], // registrable domain
    ['https://GIST.GitHub.com./', 'https://github.com'], // case, trailing dot
    ['https://github.com:8443/', 'https://github.com'], // ports name no site on ordinary hosts
    ['http://github.com/', 'http://github.com'], // the scheme counts
    ['https://news.bbc.co.uk/', 'https://bbc.co.uk'],
    ['https://alice.github.io/app', 'https://alice.github.io'], // private suffix: each user page is its own site
    ['https://github.io/', 'https://github.io'], // a bare suffix is only itself
    ['https://bücher.de/', 'https://xn--bcher-kva.de'], // IDN in ASCII (punycode)
    ['https://www.xn--bcher-kva.de/', 'https://xn--bcher-kva.de'],
    ['https://gіthub.com/', 'https://xn--gthub-n2e.com'], // Cyrillic і: a different name
    ['http://localhost:5173/', 'http://localhost:5173'], // local hosts: the port counts
    ['http://localhost/', 'http://localhost'],
    ['http://a.github.localhost:4000/', 'http://github.localhost:4000'], // each name.localhost is a site
    ['http://192.168.1.20:5001/x', 'http://192.168.1.20:5001'],
    ['https://192.168.1.20:443/', 'https://192.168.1.20'], // the default port is no port
    ['http://127.1/', 'http://127.0.0.1'], // IPv4 shorthand, as the browser reads it
    ['http://[::1]:3000/', 'http://[::1]:3000'],
    ['http://[0:0::1]/', 'http://[::1]'],
    ['https://user:pw@github.com@evil.example/', 'https://evil.example'], // user info is not the host
    ['https://intranet/', 'https://intranet'],
  ])('%s → %s', (url, site) => expect(text(url)).toBe(site));

  it('is null for pages that are not http(s) web pages', () => {
    for (const url of ['chrome://newtab/', 'file:///tmp/a.html', 'about:blank', 'data:text/html,x', 'null', 'not a url', '']) {
      expect(siteOfUrl(url)).toBeNull();
    }
  });
});

describe('readSavedSite: what an account stores', () => {
  it.each([
    ['https://github.com', 'https://github.com'],
    ['http://github.localhost:4000', 'http://github.localhost:4000'],
    ['https://github.com/login?x=1', 'https://github.com'], // a URL (Bitwarden login URIs)
    // Sesame 0.1 stored bare host names: read as https on the default port.
    ['github.com', 'https://github.com'],
    ['gist.github.com', 'https://github.com'],
    [' GitHub.com ', 'https://github.com'],
    ['github.localhost', 'https://github.localhost'],
    ['localhost:8080', 'https://localhost:8080'],
    ['192.168.1.20', 'https://192.168.1.20'],
    ['bücher.de', 'https://xn--bcher-kva.de'],
  ])('%j reads as %s', (saved, site) => {
    const read = readSavedSite(saved);
    expect(read && siteText(read)).toBe(site);
  });

  it('ignores text that is no web address', () => {
    for (const saved of ['', '   ', 'ftp://example.com', 'android://com.example.app', 'exa mple.com'])
      expect(readSavedSite(saved)).toBeNull();
  });

  it('sameSite compares the texts', () => {
    expect(sameSite(siteOfUrl('https://a.example.com')!, readSavedSite('example.com')!)).toBe(true);
    expect(sameSite(siteOfUrl('http://example.com')!, readSavedSite('example.com')!)).toBe(false);
  });
});
