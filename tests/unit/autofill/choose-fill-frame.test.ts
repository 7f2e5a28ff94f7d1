import { describe, expect, it } from 'vitest';
import { chooseFillFrame, hostOf } from '../../../lib/autofill/choose-fill-frame';
import { siteOfUrl } from '../../../lib/autofill/site';

const gh = { issuer: 'GitHub', sites: ['https://github.com'] };
const probe = (frameId: number, origin: string, found = true) => ({ frameId, origin, found });
const page = (url: string) => siteOfUrl(url)!;

describe('chooseFillFrame', () => {
  it('prefers the top frame', () => {
    expect(
      chooseFillFrame([probe(2, 'https://github.com'), probe(0, 'https://github.com')], page('https://github.com/'), gh)?.frameId,
    ).toBe(0);
  });

  it('then a frame of the same site', () => {
    expect(
      chooseFillFrame([probe(0, 'https://github.com', false), probe(2, 'https://auth.github.com')], page('https://github.com/'), gh)
        ?.frameId,
    ).toBe(2);
  });

  it("a frame of another site only when that site is one of the account's saved sites", () => {
    const shop = page('https://shop.example/');
    expect(chooseFillFrame([probe(0, 'https://shop.example', false), probe(1, 'https://evil.example')], shop, gh)).toBeNull();
    expect(chooseFillFrame([probe(0, 'https://shop.example', false), probe(1, 'https://github.com')], shop, gh)?.frameId).toBe(1);
    // The same name over http is another site.
    expect(chooseFillFrame([probe(0, 'https://shop.example', false), probe(1, 'http://github.com')], shop, gh)).toBeNull();
  });

  it('a frame on another port of a local page is another site', () => {
    const local = page('http://app.localhost:4000/');
    expect(chooseFillFrame([probe(0, 'http://app.localhost:4000', false), probe(1, 'http://app.localhost:4001')], local, gh)).toBeNull();
  });

  it('never a frame with an opaque or non-web origin', () => {
    expect(chooseFillFrame([probe(0, 'null'), probe(1, 'file://')], page('https://github.com/'), gh)).toBeNull();
  });

  it("a top frame that moved to another site (navigation after the decision) is not filled, even one of the account's", () => {
    expect(chooseFillFrame([probe(0, 'https://github-login.example')], page('https://github.com/'), gh)).toBeNull();
    expect(chooseFillFrame([probe(0, 'https://github.com')], page('https://shop.example/'), gh)).toBeNull();
  });
});

describe('hostOf', () => {
  it('reads http(s) hosts only', () => {
    expect(hostOf('https://GitHub.com:8443/x')).toBe('github.com');
    expect(hostOf('http://github.localhost:4000/')).toBe('github.localhost');
    expect(hostOf('chrome://newtab/')).toBeNull();
    expect(hostOf('not a url')).toBeNull();
  });
});
