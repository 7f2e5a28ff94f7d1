import { describe, expect, it } from 'vitest';
import { chooseFillFrame, hostOf } from '../../../lib/autofill/choose-fill-frame';

const gh = { issuer: 'GitHub', sites: ['github.com'] };
const probe = (frameId: number, origin: string, found = true) => ({ frameId, origin, found });

describe('chooseFillFrame', () => {
  it('prefers the top frame', () => {
    expect(chooseFillFrame([probe(2, 'https://github.com'), probe(0, 'https://github.com')], 'github.com', gh)?.frameId).toBe(0);
  });

  it('then a frame of the same site', () => {
    expect(chooseFillFrame([probe(0, 'https://github.com', false), probe(2, 'https://auth.github.com')], 'github.com', gh)?.frameId).toBe(2);
  });

  it('a frame of another site only when that site is one of the account\'s', () => {
    const page = 'shop.example';
    expect(chooseFillFrame([probe(0, 'https://shop.example', false), probe(1, 'https://evil.example')], page, gh)).toBeNull();
    expect(chooseFillFrame([probe(0, 'https://shop.example', false), probe(1, 'https://github.com')], page, gh)?.frameId).toBe(1);
  });

  it('never a frame with an opaque or non-web origin', () => {
    expect(chooseFillFrame([probe(0, 'null'), probe(1, 'file://')], 'github.com', gh)).toBeNull();
  });

  it('a top frame that moved to another site (navigation after the decision) is not filled', () => {
    expect(chooseFillFrame([probe(0, 'https://github-login.example')], 'github.com', gh)).toBeNull();
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
