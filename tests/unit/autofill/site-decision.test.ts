import { describe, expect, it } from 'vitest';
import { accountsForSite, fillDecision, issuerNamesSite, savedSites } from '../../../lib/autofill/site-decision';
import { siteOfUrl, type Site } from '../../../lib/autofill/site';

const page = (url: string): Site => {
  const site = siteOfUrl(url);
  if (!site) throw new Error(`not a web page: ${url}`);
  return site;
};

type Expect = 'fill' | 'ask';
/** [issuer, saved sites, page URL, decision]: the model of docs/design.md, row by row. */
const TABLE: readonly (readonly [string, readonly string[], string, Expect])[] = [
  // No saved site yet (every account from a link, a typed secret, an image file or an import):
  // every page asks, however much its name looks like the issuer.
  ['GitHub', [], 'https://github.com/login', 'ask'],
  ['GitHub', [], 'https://git-hub.com/login', 'ask'],
  ['GitHub', [], 'https://github.xyz/', 'ask'],
  ['GitHub', [], 'https://github.com.co/', 'ask'],
  ['GitHub', [], 'https://github.co.uk/', 'ask'],
  ['GitHub', [], 'https://github.io/', 'ask'],
  ['', [], 'https://example.com/', 'ask'],

  // Saved https://github.com: its pages fill; every look-alike asks.
  ['GitHub', ['https://github.com'], 'https://github.com/sessions/two-factor', 'fill'],
  ['GitHub', ['https://github.com'], 'https://gist.github.com/', 'fill'],
  ['GitHub', ['https://github.com'], 'https://GITHUB.COM./login', 'fill'],
  ['GitHub', ['https://github.com'], 'https://github.com:8443/', 'fill'],
  ['GitHub', ['https://github.com'], 'http://github.com/login', 'ask'], // scheme
  ['GitHub', ['https://github.com'], 'https://git-hub.com/', 'ask'], // hyphen
  ['GitHub', ['https://github.com'], 'https://github-login.com/', 'ask'], // hyphenated suffix
  ['GitHub', ['https://github.com'], 'https://g1thub.com/', 'ask'], // digit for letter
  ['GitHub', ['https://github.com'], 'https://githubb.com/', 'ask'],
  ['GitHub', ['https://github.com'], 'https://github.xyz/', 'ask'], // other public suffixes
  ['GitHub', ['https://github.com'], 'https://github.com.co/', 'ask'],
  ['GitHub', ['https://github.com'], 'https://github.co.uk/', 'ask'],
  ['GitHub', ['https://github.com'], 'https://github.io/', 'ask'], // a private suffix
  ['GitHub', ['https://github.com'], 'https://github.github.io/', 'ask'],
  ['GitHub', ['https://github.com'], 'https://github.com.evil.example/', 'ask'],
  ['GitHub', ['https://github.com'], 'https://evil.example/github.com', 'ask'],
  ['GitHub', ['https://github.com'], 'https://github.com@evil.example/', 'ask'],
  ['GitHub', ['https://github.com'], 'https://xn--gthub-n2e.com/', 'ask'], // Cyrillic і, punycode
  ['GitHub', ['https://github.com'], 'https://gіthub.com/', 'ask'], // the same, typed in Unicode

  // Sesame 0.1 saved bare names: read as https.
  ['GitHub', ['github.com'], 'https://github.com/', 'fill'],
  ['GitHub', ['github.com'], 'http://github.com/', 'ask'],
  ['GitHub', ['gist.github.com'], 'https://github.com/', 'fill'],
  ['GitHub', ['github.localhost'], 'http://github.localhost:4000/', 'ask'],

  // Private suffixes: each user's site is its own.
  ['Alice', ['https://alice.github.io'], 'https://alice.github.io/app', 'fill'],
  ['Alice', ['https://alice.github.io'], 'https://mallory.github.io/', 'ask'],
  ['Alice', ['https://alice.github.io'], 'https://github.io/', 'ask'],
  ['Alice', ['github.io'], 'https://mallory.github.io/', 'ask'], // a saved bare suffix is only itself
  ['Blog', ['https://blog.appspot.com'], 'https://evil.appspot.com/', 'ask'],

  // Other public suffixes.
  ['MyBank', ['https://mybank.co.uk'], 'https://online.mybank.co.uk/', 'fill'],
  ['MyBank', ['https://mybank.co.uk'], 'https://mybank-secure.co.uk/', 'ask'],
  ['MyBank', ['https://mybank.co.uk'], 'https://mybank.com/', 'ask'],
  ['MyBank', ['https://mybank.co.uk'], 'https://co.uk/', 'ask'],
  ['Shop', ['https://example.com.au'], 'https://login.example.com.au/', 'fill'],
  ['Shop', ['https://example.com.au'], 'https://example.com/', 'ask'],

  // Internationalised names, compared in ASCII; homographs are other names.
  ['Bücher', ['https://bücher.de'], 'https://xn--bcher-kva.de/', 'fill'],
  ['Bücher', ['bücher.de'], 'https://www.bücher.de/', 'fill'],
  ['Bücher', ['https://xn--bcher-kva.de'], 'https://bucher.de/', 'ask'],
  ['PayPal', ['https://paypal.com'], 'https://pаypal.com/', 'ask'], // Cyrillic а
  ['Apple', ['https://apple.com'], 'https://xn--80ak6aa92e.com/', 'ask'], // "аррӏе", all Cyrillic
  ['Google', ['https://google.com'], 'https://xn--ggle-55da.com/', 'ask'], // Cyrillic о twice

  // IP addresses: scheme, address and port.
  ['NAS', ['http://192.168.1.20:5001'], 'http://192.168.1.20:5001/login', 'fill'],
  ['NAS', ['http://192.168.1.20:5001'], 'http://192.168.1.20:5000/', 'ask'],
  ['NAS', ['http://192.168.1.20:5001'], 'https://192.168.1.20:5001/', 'ask'],
  ['NAS', ['http://192.168.1.20:5001'], 'http://192.168.1.21:5001/', 'ask'],
  ['NAS', ['192.168.1.20'], 'http://192.168.1.20/', 'ask'], // Sesame 0.1 bare IP: https
  ['Router', ['https://192.168.1.1'], 'https://192.168.1.1:443/', 'fill'],
  ['Dev', ['http://[::1]:3000'], 'http://[::1]:3000/', 'fill'],
  ['Dev', ['http://[::1]:3000'], 'http://[::1]:3001/', 'ask'],
  ['Dev', ['http://[::1]:3000'], 'http://127.0.0.1:3000/', 'ask'],

  // localhost and *.localhost: scheme, name and port.
  ['Dev', ['http://localhost:5173'], 'http://localhost:5173/x', 'fill'],
  ['Dev', ['http://localhost:5173'], 'http://localhost:8080/', 'ask'],
  ['Dev', ['http://localhost:5173'], 'http://app.localhost:5173/', 'ask'],
  ['GitHub', ['http://github.localhost:4000'], 'http://api.github.localhost:4000/', 'fill'],
  ['GitHub', ['http://github.localhost:4000'], 'http://github.localhost:4001/', 'ask'],
  ['GitHub', ['http://github.localhost:4000'], 'https://github.localhost:4000/', 'ask'],
  ['GitHub', ['http://github.localhost:4000'], 'http://gitlab.localhost:4000/', 'ask'],
  ['GitHub', ['http://github.localhost:4000'], 'http://github-login.localhost:4000/', 'ask'],

  // Several saved sites: any one of them.
  ['Google', ['https://google.com', 'https://youtube.com'], 'https://www.youtube.com/', 'fill'],
  ['Google', ['https://google.com', 'https://youtube.com'], 'https://youtube.co/', 'ask'],
];

describe('fillDecision: the decision table', () => {
  it('has at least 40 (account, page) pairs', () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

  it.each(TABLE)('%s saved %j, page %s → %s', (issuer, sites, url, expected) => {
    expect(fillDecision({ issuer, sites }, page(url)).kind).toBe(expected);
  });

  it("asking names the page's site and the account's saved sites, in ASCII", () => {
    expect(
      fillDecision(
        { issuer: 'GitHub', sites: ['https://github.com', 'gist.github.com', 'http://github.localhost:4000'] },
        page('https://gіthub.com/'),
      ),
    ).toEqual({ kind: 'ask', pageSite: 'https://xn--gthub-n2e.com', savedSites: ['https://github.com', 'http://github.localhost:4000'] });
    // No saved site: the question is "Fill and remember this site?".
    expect(fillDecision({ issuer: 'GitHub', sites: [] }, page('https://gist.github.com/'))).toEqual({
      kind: 'ask',
      pageSite: 'https://github.com',
      savedSites: [],
    });
  });

  it('once the asked site is saved, that site fills and its look-alikes still ask', () => {
    const first = fillDecision({ issuer: 'GitHub', sites: [] }, page('https://github.com/login'));
    expect(first.kind).toBe('ask');
    const saved = { issuer: 'GitHub', sites: [first.kind === 'ask' ? first.pageSite : ''] };
    expect(fillDecision(saved, page('https://gist.github.com/')).kind).toBe('fill');
    expect(fillDecision(saved, page('https://github.co.uk/')).kind).toBe('ask');
  });

  it('saved text that is no address is ignored', () => {
    expect(savedSites({ issuer: 'x', sites: ['not a site', 'ftp://x.example', 'github.com', 'https://github.com/x'] })).toEqual([
      'https://github.com',
    ]);
  });
});

describe('issuerNamesSite and "For this site" (sorting only)', () => {
  it.each([
    ['GitHub', 'https://github.com/', true],
    ['GitHub, Inc.', 'https://gist.github.com/', true],
    ['github.com', 'https://github.com/', true],
    ['Amazon.com', 'https://www.amazon.co.uk/', true],
    ['Google LLC', 'https://accounts.google.com/', true],
    ['Epic Games', 'https://www.epicgames.com/', true],
    ['GitHub', 'http://github.localhost:4000/', true],
    ['GitHub', 'https://github-login.com/', false],
    ['GitHub', 'https://github.io/', false], // a bare suffix has no name
    ['127', 'http://127.0.0.1/', false],
    ['', 'https://example.com/', false],
  ] as const)('%s names %s: %s', (issuer, url, expected) => expect(issuerNamesSite(issuer, page(url))).toBe(expected));

  it('lists accounts with the site saved first, then likely ones with no site; never one saved elsewhere', () => {
    const saved = { id: 'saved', issuer: 'Work', sites: ['https://github.com'] };
    const likely = { id: 'likely', issuer: 'GitHub', sites: [] };
    const elsewhere = { id: 'elsewhere', issuer: 'GitHub', sites: ['https://github.co.uk'] };
    const other = { id: 'other', issuer: 'Acme', sites: [] };
    expect(accountsForSite([likely, elsewhere, other, saved], page('https://github.com/')).map((a) => a.id)).toEqual(['saved', 'likely']);
    expect(accountsForSite([likely, elsewhere, saved], page('https://github.co.uk/')).map((a) => a.id)).toEqual(['elsewhere', 'likely']);
  });
});
