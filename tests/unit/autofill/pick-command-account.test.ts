import { describe, expect, it } from 'vitest';
import { pickCommandAccount } from '../../../lib/autofill/pick-command-account';
import { siteOfUrl } from '../../../lib/autofill/site';

const gh = { id: 'gh', issuer: 'GitHub', sites: ['https://github.com'] };
const ghWork = { id: 'ghw', issuer: 'GitHub Work', sites: ['https://github.com'] };
const ghNew = { id: 'ghn', issuer: 'GitHub', sites: [] };
const acme = { id: 'acme', issuer: 'Acme', sites: [] };
const shop = { id: 'shop', issuer: 'Shop', sites: ['https://shop.example'] };
const page = (url: string) => siteOfUrl(url)!;

describe('pickCommandAccount (keyboard command, context menu)', () => {
  it("fills only the one account with the page's site saved", () => {
    expect(pickCommandAccount([gh, acme, shop], page('https://gist.github.com/'))).toEqual({ kind: 'one', account: gh });
    expect(pickCommandAccount([gh, ghNew, acme], page('https://github.com/'))).toEqual({ kind: 'one', account: gh });
  });

  it('several accounts with the site saved: the user chooses', () => {
    expect(pickCommandAccount([gh, ghWork, acme], page('https://github.com/'))).toEqual({ kind: 'several', count: 2 });
  });

  it('an issuer that names the site never fills: with one such account and no site saved, the popup asks', () => {
    expect(pickCommandAccount([gh, acme], page('https://login.acme.co.uk/'))).toEqual({ kind: 'ask', account: acme });
    expect(pickCommandAccount([ghNew], page('https://github.com/'))).toEqual({ kind: 'ask', account: ghNew });
  });

  it('nothing on look-alike sites, other schemes, or with no likely account', () => {
    for (const url of ['https://github-login.example/', 'https://github.co.uk/', 'https://git-hub.com/', 'http://github.com/']) {
      expect(pickCommandAccount([gh, acme], page(url))).toEqual({ kind: 'none' });
    }
    expect(pickCommandAccount([], page('https://github.com/'))).toEqual({ kind: 'none' });
    expect(pickCommandAccount([ghNew, { ...ghNew, id: 'ghn2' }], page('https://github.com/'))).toEqual({ kind: 'none' });
  });

  it('an account saved for other sites is never the likely one, even when its issuer matches', () => {
    const shopElsewhere = { id: 's2', issuer: 'Shop', sites: ['https://shop-real.example'] };
    expect(pickCommandAccount([shopElsewhere], page('https://shop.com/'))).toEqual({ kind: 'none' });
  });
});
