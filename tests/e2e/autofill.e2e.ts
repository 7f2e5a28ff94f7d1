import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addUris, grantActiveTab, launch, openPopup, ROOT, seriousA11yViolations, setUp, type Launched } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';
// @ts-expect-error plain JS module
import { serve } from '../../scripts/demo-server.mjs';

const S = {
  github: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  acme: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  counter: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
};
const URIS = [
  `otpauth://totp/GitHub:octocat?secret=${S.github}&issuer=GitHub`,
  `otpauth://totp/Acme:wile?secret=${S.acme}&issuer=Acme&algorithm=SHA256&digits=8`,
  `otpauth://hotp/Counter:frank?secret=${S.counter}&issuer=Counter&counter=5`,
];

let browser: Launched;
let server: Server;
let port: number;
let home: Page;
const url = (host: string, page: string) => `http://${host}.localhost:${port}/${page}`;

beforeAll(async () => {
  server = await serve(path.join(ROOT, 'tests/e2e/pages/autofill'));
  port = (server.address() as { port: number }).port;
  browser = await launch();
  home = await openPopup(browser);
  await setUp(home);
  await addUris(home, URIS);
  // GitHub belongs to github.localhost (the phishing guard's reference); Acme and Counter have no sites yet.
  await home.locator('[data-testid="account"][data-issuer="GitHub"] [data-testid="edit"]').click();
  await home.getByTestId('edit-sites').fill('github.localhost');
  await home.getByTestId('edit-save').click();
  await home.getByTestId('search').waitFor();
}, 120_000);
// grantActiveTab finds the tab by URL: close each test's pages so the next test binds to its own.
const opened: Page[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** Opens `page` on `host`, grants activeTab as a toolbar click does and opens the popup bound to that tab. */
async function openOn(host: string, page: string): Promise<{ site: Page; popup: Page }> {
  const site = await browser.context.newPage();
  await site.goto(url(host, page));
  const tabId = await grantActiveTab(browser, site);
  const popup = await openPopup(browser, tabId);
  opened.push(site, popup);
  await popup.getByTestId('search').waitFor();
  return { site, popup };
}

const row = (popup: Page, issuer: string) => popup.locator(`[data-testid="account"][data-issuer="${issuer}"]`);
const readBack = (site: Page) => site.evaluate(() => (window as unknown as { readBack(): string }).readBack());
const pageLog = (site: Page) => site.evaluate(() => (window as unknown as { pageLog: unknown[] }).pageLog);
const githubCodes = (before: number, after: number) => oracleCodes((t) => oathtoolCode(S.github, t), before, after);

/** Clicks fill for GitHub and returns oathtool's possible codes for the moment of the click. */
async function fillGithub(popup: Page): Promise<string[]> {
  const before = Date.now();
  await row(popup, 'GitHub').getByTestId('fill').click();
  await expect.poll(() => popup.getByTestId('status').textContent()).toMatch(/\S/);
  return githubCodes(before, Date.now());
}

async function expectFilled(pageName: string) {
  const { site, popup } = await openOn('github', pageName);
  const codes = await fillGithub(popup);
  expect(await popup.getByTestId('status').textContent()).toContain('Filled the code for GitHub');
  // No remember prompt: github.localhost is already one of GitHub's sites.
  expect(await popup.getByTestId('remember-site').count()).toBe(0);
  await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
  expect(codes).toContain(await readBack(site));
}

describe('fills the code the page reads back, equal to oathtool', () => {
  it('a single autocomplete=one-time-code field (not the search or phone field beside it)', async () => {
    const { site, popup } = await openOn('github', 'one-time-code.html');
    const codes = await fillGithub(popup);
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(codes).toContain(await readBack(site));
    expect(await site.inputValue('input[name="q"]')).toBe('');
    expect(await site.inputValue('input[name="phone"]')).toBe('');
  });

  it('a field found only by its name', () => expectFilled('by-name.html'));
  it('six split boxes with an auto-advance script', () => expectFilled('split.html'));
  it('a React-style controlled input that keeps its own state', () => expectFilled('react.html'));
  it('a field in a same-origin iframe', () => expectFilled('iframe.html'));
  it('a field in an open shadow root', () => expectFilled('shadow.html'));
  it('a field prefilled with a stale code is overwritten', () => expectFilled('stale.html'));
});

describe('frames of other sites', () => {
  it('a third-party frame on the page does not stop the fill of the page\'s own field', async () => {
    const { site, popup } = await openOn('github', 'third-party-frame.html?top=1');
    await site.frameLocator('iframe').locator('#inner-code').waitFor();
    const codes = await fillGithub(popup);
    expect(codes).toContain(await readBack(site));
    expect(await site.frameLocator('iframe').locator('#inner-code').inputValue()).toBe('');
  });

  it('a field only in a third-party frame is never filled: the code is copied instead', async () => {
    const { site, popup } = await openOn('github', 'third-party-frame.html');
    await site.frameLocator('iframe').locator('#inner-code').waitFor();
    await row(popup, 'GitHub').getByTestId('fill').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toMatch(/^No code field found on this page/);
    expect(await site.frameLocator('iframe').locator('#inner-code').inputValue()).toBe('');
  });
});

describe('the page learns nothing it was not given', () => {
  it('sees no message, event or DOM change before the fill, and never the agent', async () => {
    const { site, popup } = await openOn('github', 'one-time-code.html');
    // The popup is open and showing codes, and knows the tab: the page has seen nothing.
    await row(popup, 'GitHub').getByTestId('fill').waitFor();
    expect(await pageLog(site)).toEqual([]);
    const codes = await fillGithub(popup);
    expect(await popup.getByTestId('status').textContent()).toContain('Filled the code for GitHub');
    const value = await readBack(site);
    expect(codes).toContain(value);
    // After the fill the page sees the typed value (that is the point), in input events only,
    // never in a message; and the agent lives in the isolated world, out of the page's reach.
    const log = (await pageLog(site)) as { kind: string; data?: string }[];
    expect(log.filter((e) => e.kind === 'message')).toEqual([]);
    expect(log.some((e) => e.kind === 'input')).toBe(true);
    const globals = await site.evaluate(() => Object.keys(window).filter((k) => /sesame|fill/i.test(k)));
    expect(globals).toEqual([]);
  });
});

describe('phishing guard', () => {
  it('names both domains; cancel fills nothing and injects nothing; confirm fills', async () => {
    const { site, popup } = await openOn('github-login', 'one-time-code.html');
    await row(popup, 'GitHub').getByTestId('fill').click();
    const text = popup.getByTestId('fill-confirm-text');
    await text.waitFor();
    expect(await text.textContent()).toBe('This code is for github.localhost; this page is github-login.localhost. Fill anyway?');
    expect(await seriousA11yViolations(popup)).toEqual([]);
    // Deciding happens before anything reaches the page.
    expect(await pageLog(site)).toEqual([]);
    await popup.getByTestId('fill-cancel').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    expect(await readBack(site)).toBe('');
    expect(await pageLog(site)).toEqual([]);

    // Keyboard: Cancel has the focus; Escape cancels too.
    await row(popup, 'GitHub').getByTestId('fill').click();
    await popup.getByTestId('fill-cancel').waitFor();
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('fill-cancel');
    await popup.keyboard.press('Escape');
    await expect.poll(() => popup.getByTestId('fill-confirm').count()).toBe(0);
    expect(await popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    expect(await readBack(site)).toBe('');
    expect(await pageLog(site)).toEqual([]);

    await row(popup, 'GitHub').getByTestId('fill').click();
    const before = Date.now();
    await popup.getByTestId('fill-confirm').click();
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(githubCodes(before, Date.now())).toContain(await readBack(site));
  });
});

describe('phishing guard for an account with no sites yet', () => {
  it('an issuer that names another service needs a confirmation naming the issuer', async () => {
    const { site, popup } = await openOn('github-login', 'one-time-code.html');
    await row(popup, 'Acme').getByTestId('fill').click();
    const text = popup.getByTestId('fill-confirm-text');
    await text.waitFor();
    expect(await text.textContent()).toBe('This code is for Acme; this page is github-login.localhost. Fill anyway?');
    await popup.getByTestId('fill-cancel').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    expect(await readBack(site)).toBe('');
    expect(await pageLog(site)).toEqual([]);
  });
});

describe('which account', () => {
  it('lists the accounts for this site first, and offers fill only for a web page', async () => {
    const { popup } = await openOn('github', 'one-time-code.html');
    const section = popup.getByTestId('for-this-site');
    await section.waitFor();
    expect(await section.locator('[data-testid="account"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer')))).toEqual(['GitHub']);
    // Each account appears once: the others follow in the main list.
    expect(await popup.locator('[data-testid="account"]').count()).toBe(3);
    expect(await seriousA11yViolations(popup)).toEqual([]);
    // A popup with no web page to act on shows codes but no fill buttons.
    await home.reload();
    await home.getByTestId('search').waitFor();
    await row(home, 'GitHub').waitFor();
    expect(await home.getByTestId('fill').count()).toBe(0);
    expect(await home.getByTestId('for-this-site').count()).toBe(0);
  });

  it('a first fill on a new site fills and asks once whether to remember the site', async () => {
    const { site, popup } = await openOn('acme', 'one-time-code.html');
    await popup.getByTestId('for-this-site').locator('[data-issuer="Acme"]').waitFor(); // issuer match
    const before = Date.now();
    await row(popup, 'Acme').getByTestId('fill').click();
    await popup.getByTestId('remember-site-yes').waitFor();
    const codes = oracleCodes((t) => oathtoolCode(S.acme, t, { algorithm: 'SHA256', digits: 8 }), before, Date.now());
    expect(codes).toContain(await readBack(site));
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.getByTestId('remember-site-yes').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Saved acme.localhost as a site of Acme.');
    await row(popup, 'Acme').getByTestId('edit').click();
    expect(await popup.getByTestId('edit-sites').inputValue()).toBe('acme.localhost');
    await popup.getByTestId('back').click();
    // Remembered: the next fill does not ask again.
    await row(popup, 'Acme').getByTestId('fill').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toContain('Filled the code for Acme');
    expect(await popup.getByTestId('remember-site').count()).toBe(0);
  });

  it('HOTP fills the current counter, then moves the counter on', async () => {
    const { site, popup } = await openOn('counter', 'split.html');
    await row(popup, 'Counter').getByTestId('fill').click();
    await popup.getByTestId('remember-site-no').click();
    await expect.poll(() => readBack(site)).toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 5 }));
    await expect.poll(() => row(popup, 'Counter').getByTestId('code').textContent().then((t) => t?.replace(/\s/g, '')))
      .toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 6 }));
    // Declined: a second fill on the same site does not ask again in this session.
    await row(popup, 'Counter').getByTestId('fill').click();
    await expect.poll(() => readBack(site)).toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 6 }));
    expect(await popup.getByTestId('remember-site').count()).toBe(0);
  });

  it('with no field on the page, the code is copied and the user is told', async () => {
    const { popup } = await openOn('github', 'no-field.html');
    await row(popup, 'GitHub').getByTestId('fill').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toMatch(/^No code field found on this page/);
  });
});
