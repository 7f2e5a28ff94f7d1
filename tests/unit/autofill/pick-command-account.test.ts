import { describe, expect, it } from 'vitest';
import { pickCommandAccount } from '../../../lib/autofill/pick-command-account';

const gh = { id: 'gh', issuer: 'GitHub', sites: ['github.com'] };
const ghWork = { id: 'ghw', issuer: 'GitHub', sites: [] };
const acme = { id: 'acme', issuer: 'Acme', sites: [] };
const shop = { id: 'shop', issuer: 'Shop', sites: ['shop.example'] };

describe('pickCommandAccount', () => {
  it('picks the one account whose stored site matches', () => {
    expect(pickCommandAccount([gh, acme, shop], 'gist.github.com')).toEqual({ kind: 'one', account: gh });
  });

  it('picks the one account whose issuer matches the registrable domain', () => {
    expect(pickCommandAccount([gh, acme], 'login.acme.co.uk')).toEqual({ kind: 'one', account: acme });
  });

  it('several matches: the user chooses', () => {
    expect(pickCommandAccount([gh, ghWork, acme], 'github.com')).toEqual({ kind: 'several', count: 2 });
  });

  it('no match, and never a look-alike domain', () => {
    expect(pickCommandAccount([gh, acme], 'github-login.example')).toEqual({ kind: 'none' });
    expect(pickCommandAccount([], 'github.com')).toEqual({ kind: 'none' });
  });

  it('skips an account that matches by issuer but belongs to other sites (it would need the phishing confirmation)', () => {
    const shopElsewhere = { id: 's2', issuer: 'Shop', sites: ['shop-real.example'] };
    expect(pickCommandAccount([shopElsewhere], 'shop.com')).toEqual({ kind: 'none' });
  });
});
