import { describe, expect, it } from 'vitest';
import { accountMatchesSite, fillDecision, normaliseHost, registrableDomain } from '../../../lib/autofill/site-match';

const github = { issuer: 'GitHub', sites: ['github.com'] };
const noSites = (issuer: string) => ({ issuer, sites: [] as string[] });

describe('registrableDomain', () => {
  it.each([
    ['github.com', 'github.com'],
    ['gist.github.com', 'github.com'],
    ['GIST.GitHub.com.', 'github.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['bbc.co.uk', 'bbc.co.uk'],
    ['login.example.com.au', 'example.com.au'],
    ['alice.github.io', 'alice.github.io'], // private suffix: each user page is its own site
    ['github.localhost', 'github.localhost'],
    ['api.github.localhost', 'github.localhost'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['192.168.1.20:8443', '192.168.1.20'],
    ['[::1]', '::1'],
    ['[::1]:3000', '::1'],
    ['https://accounts.google.com:443/signin', 'google.com'],
  ])('%s -> %s', (host, domain) => expect(registrableDomain(host)).toBe(domain));

  it('normalises case, port and trailing dots', () => {
    expect(normaliseHost(' Example.COM:8080 ')).toBe('example.com');
    expect(normaliseHost('example.com.')).toBe('example.com');
  });
});

describe('accountMatchesSite', () => {
  it('matches a stored site, its subdomains and its registrable domain', () => {
    expect(accountMatchesSite(github, 'github.com')).toBe('site');
    expect(accountMatchesSite(github, 'gist.github.com')).toBe('site');
    expect(accountMatchesSite({ issuer: 'x', sites: ['gist.github.com'] }, 'github.com')).toBe('site');
  });

  it('does not match a look-alike domain by site or by issuer', () => {
    expect(accountMatchesSite(github, 'github-login.example')).toBeNull();
    expect(accountMatchesSite(github, 'github.com.evil.example')).toBeNull();
    expect(accountMatchesSite(github, 'evilgithub.com')).toBeNull();
    expect(accountMatchesSite(noSites('GitHub'), 'github-login.example')).toBeNull();
  });

  it('matches by issuer against the first label of the registrable domain', () => {
    expect(accountMatchesSite(noSites('GitHub'), 'github.com')).toBe('issuer');
    expect(accountMatchesSite(noSites('GitHub'), 'gist.github.com')).toBe('issuer');
    expect(accountMatchesSite(noSites('GitHub, Inc.'), 'github.com')).toBe('issuer');
    expect(accountMatchesSite(noSites('github.com'), 'github.com')).toBe('issuer');
    expect(accountMatchesSite(noSites('Amazon.com'), 'www.amazon.co.uk')).toBe('issuer');
    expect(accountMatchesSite(noSites('Google LLC'), 'accounts.google.com')).toBe('issuer');
    expect(accountMatchesSite(noSites('Epic Games'), 'www.epicgames.com')).toBe('issuer');
    expect(accountMatchesSite(noSites('BBC'), 'account.bbc.co.uk')).toBe('issuer');
  });

  it('prefers a site match to an issuer match', () => {
    expect(accountMatchesSite({ issuer: 'GitHub', sites: ['github.com'] }, 'github.com')).toBe('site');
  });

  it('does not match an empty issuer, or an issuer against an IP address', () => {
    expect(accountMatchesSite(noSites(''), 'example.com')).toBeNull();
    expect(accountMatchesSite(noSites('127'), '127.0.0.1')).toBeNull();
  });

  it('co.uk: different registrable domains under one public suffix are different sites', () => {
    const acct = { issuer: 'Bank', sites: ['mybank.co.uk'] };
    expect(accountMatchesSite(acct, 'online.mybank.co.uk')).toBe('site');
    expect(accountMatchesSite(acct, 'mybank-secure.co.uk')).toBeNull();
    expect(accountMatchesSite(acct, 'evil.co.uk')).toBeNull();
  });

  it('a stored bare public suffix matches only itself, never every site under it', () => {
    expect(accountMatchesSite({ issuer: 'x', sites: ['co.uk'] }, 'evil.co.uk')).toBeNull();
    expect(accountMatchesSite({ issuer: 'x', sites: ['github.io'] }, 'mallory.github.io')).toBeNull();
    expect(accountMatchesSite({ issuer: 'x', sites: ['alice.github.io'] }, 'mallory.github.io')).toBeNull();
    expect(accountMatchesSite({ issuer: 'x', sites: ['alice.github.io'] }, 'alice.github.io')).toBe('site');
  });

  it('localhost hosts: each name.localhost is its own site', () => {
    const local = { issuer: 'GitHub', sites: ['github.localhost'] };
    expect(accountMatchesSite(local, 'github.localhost')).toBe('site');
    expect(accountMatchesSite(local, 'api.github.localhost')).toBe('site');
    expect(accountMatchesSite(local, 'gitlab.localhost')).toBeNull();
    expect(accountMatchesSite({ issuer: 'x', sites: ['localhost'] }, 'github.localhost')).toBeNull();
    expect(accountMatchesSite({ issuer: 'x', sites: ['localhost'] }, 'localhost:5173')).toBe('site');
    expect(accountMatchesSite(noSites('GitHub'), 'github.localhost')).toBe('issuer');
  });

  it('IP sites match exactly', () => {
    const acct = { issuer: 'NAS', sites: ['192.168.1.20'] };
    expect(accountMatchesSite(acct, '192.168.1.20:5001')).toBe('site');
    expect(accountMatchesSite(acct, '192.168.1.21')).toBeNull();
  });

  it('accepts sites stored as URLs', () => {
    expect(accountMatchesSite({ issuer: 'x', sites: ['https://github.com/login'] }, 'gist.github.com')).toBe('site');
  });
});

describe('fillDecision (phishing guard)', () => {
  it('fills on a stored site and its subdomains', () => {
    expect(fillDecision(github, 'github.com')).toEqual({ kind: 'fill' });
    expect(fillDecision(github, 'gist.github.com')).toEqual({ kind: 'fill' });
  });

  it('asks for confirmation naming both domains on a site the account does not belong to', () => {
    expect(fillDecision(github, 'github-login.example')).toEqual({
      kind: 'confirm-phishing',
      accountSites: ['github.com'],
      pageSite: 'github-login.example',
    });
    expect(fillDecision({ issuer: 'GitHub', sites: ['github.com', 'gist.github.com', 'github.localhost'] }, 'login.github.com.evil.co.uk')).toEqual({
      kind: 'confirm-phishing',
      accountSites: ['github.com', 'github.localhost'],
      pageSite: 'evil.co.uk',
    });
  });

  it('asks for confirmation even when the issuer matches, once the account has sites', () => {
    expect(fillDecision({ issuer: 'GitHub', sites: ['github.com'] }, 'github.co.uk')).toEqual({
      kind: 'confirm-phishing',
      accountSites: ['github.com'],
      pageSite: 'github.co.uk',
    });
  });

  it('an account with no sites whose issuer names the site asks whether to remember the registrable domain', () => {
    expect(fillDecision(noSites('GitHub'), 'gist.github.com')).toEqual({ kind: 'ask-remember', site: 'github.com' });
    expect(fillDecision(noSites('MyBank'), 'online.mybank.co.uk')).toEqual({ kind: 'ask-remember', site: 'mybank.co.uk' });
    expect(fillDecision(noSites('GitHub'), 'github.localhost')).toEqual({ kind: 'ask-remember', site: 'github.localhost' });
    expect(fillDecision(noSites(''), 'example.com')).toEqual({ kind: 'ask-remember', site: 'example.com' });
  });

  it('an account with no sites whose issuer names another service needs a confirmation naming the issuer', () => {
    expect(fillDecision(noSites('GitHub'), 'github-login.example')).toEqual({ kind: 'confirm-issuer', issuer: 'GitHub', pageSite: 'github-login.example' });
    expect(fillDecision(noSites('Bank'), 'online.mybank.co.uk')).toEqual({ kind: 'confirm-issuer', issuer: 'Bank', pageSite: 'mybank.co.uk' });
    expect(fillDecision(noSites('GitHub'), 'github-login.localhost')).toEqual({ kind: 'confirm-issuer', issuer: 'GitHub', pageSite: 'github-login.localhost' });
  });

  it('once the site is remembered, the next fill goes straight through', () => {
    const first = fillDecision(noSites('GitHub'), 'github.com');
    expect(first.kind).toBe('ask-remember');
    const remembered = { issuer: 'GitHub', sites: [first.kind === 'ask-remember' ? first.site : ''] };
    expect(fillDecision(remembered, 'gist.github.com')).toEqual({ kind: 'fill' });
  });
});
