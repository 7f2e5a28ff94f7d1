import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addUris,
  closeAll,
  grantActiveTab,
  launch,
  openPopup,
  seriousA11yViolations,
  servePages,
  setUpInPopup,
  type Launched,
  type PageServer,
} from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const S = {
  github: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  acme: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  counter: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  pending: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  shop: 'ONUG64DTMVRXEZLUONUG64DTMVRXEZLU',
};
const URIS = [
  `otpauth://totp/GitHub:octocat?secret=${S.github}&issuer=GitHub`,
  `otpauth://totp/Acme:wile?secret=${S.acme}&issuer=Acme&algorithm=SHA256&digits=8`,
  `otpauth://hotp/Counter:frank?secret=${S.counter}&issuer=Counter&counter=5`,
  `otpauth://totp/Pending:pat?secret=${S.pending}&issuer=Pending`,
];

let browser: Launched;
let server: PageServer;
let home: Page;
const url = (host: string, page: string) => `http://${host}.localhost:${server.port}/${page}`;
/** A page's site as Sesame names it (scheme, ASCII name, and the port: *.localhost names a site with its port). */
const siteOf = (host: string, p = server.port) => `http://${new URL(`http://${host}.localhost`).hostname}:${p}`;

beforeAll(async () => {
  server = await servePages('tests/e2e/pages/autofill');
  browser = await launch();
  home = await setUpInPopup(browser);
  await addUris(home, URIS);
  // GitHub's saved site is http://github.localhost:<port> (the phishing guard's reference); the
  // others came from links and have no site yet.
  await home.locator('[data-testid="account"][data-issuer="GitHub"] [data-testid="edit"]').click();
  await home.getByTestId('edit-sites').fill(siteOf('github'));
  await home.getByTestId('edit-save').click();
  await home.getByTestId('search').waitFor();
}, 120_000);
// grantActiveTab finds the tab by URL: close each test's pages so the next test binds to its own.
const opened: Page[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});
afterAll(() => closeAll(browser, server));

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
  // No question: the page's site is GitHub's saved site.
  expect(await popup.getByTestId('fill-confirm-dialog').count()).toBe(0);
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
  it("a third-party frame on the page does not stop the fill of the page's own field", async () => {
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

const dialogText = (popup: Page) => popup.getByTestId('fill-confirm-text').textContent();
const focused = (popup: Page) =>
  popup.evaluate(() => {
    const el = document.activeElement;
    return `${el?.closest('[data-testid="account"]')?.getAttribute('data-issuer') ?? ''}:${el?.getAttribute('data-testid') ?? ''}`;
  });

describe('another site asks first', () => {
  it('names the account and both sites; cancel fills and injects nothing and keeps the focus; confirm fills', async () => {
    const { site, popup } = await openOn('github-login', 'one-time-code.html');
    await row(popup, 'GitHub').getByTestId('fill').click();
    await popup.getByTestId('fill-confirm-text').waitFor();
    expect(await dialogText(popup)).toBe(
      `This code is for GitHub (${siteOf('github')}); this page is ${siteOf('github-login')}. Fill anyway?`,
    );
    expect(await seriousA11yViolations(popup)).toEqual([]);
    // Deciding happens before anything reaches the page.
    expect(await pageLog(site)).toEqual([]);
    await popup.getByTestId('fill-cancel').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    await expect.poll(() => focused(popup)).toBe('GitHub:fill');
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

    // "Fill anyway" fills once; the site is not saved, so the next fill asks again.
    await row(popup, 'GitHub').getByTestId('fill').click();
    const before = Date.now();
    await popup.getByTestId('fill-confirm').click();
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(githubCodes(before, Date.now())).toContain(await readBack(site));
    await row(popup, 'GitHub').getByTestId('fill').click();
    await popup.getByTestId('fill-cancel').click();
  });

  it('an account with no saved site asks "Fill and remember this site?" even where its issuer looks right elsewhere', async () => {
    const { site, popup } = await openOn('github-login', 'one-time-code.html');
    await row(popup, 'Acme').getByTestId('fill').click();
    const dialog = popup.getByTestId('fill-confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Fill and remember this site for Acme?');
    expect(await dialogText(popup)).toContain(`This page is ${siteOf('github-login')}. Acme has no saved site yet`);
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.getByTestId('fill-cancel').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    await expect.poll(() => focused(popup)).toBe('Acme:fill');
    expect(await readBack(site)).toBe('');
    expect(await pageLog(site)).toEqual([]);
  });
});

describe('which account', () => {
  it('lists the accounts for this site first, and offers fill only for a web page', async () => {
    const { popup } = await openOn('github', 'one-time-code.html');
    const section = popup.getByTestId('for-this-site');
    await section.waitFor();
    expect(await section.locator('[data-testid="account"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer')))).toEqual([
      'GitHub',
    ]);
    expect(await section.locator('h2').textContent()).toContain(siteOf('github'));
    // Each account appears once: the others follow in the main list.
    expect(await popup.locator('[data-testid="account"]').count()).toBe(URIS.length);
    expect(await seriousA11yViolations(popup)).toEqual([]);
    // A popup with no web page to act on shows codes but no fill buttons.
    await home.reload();
    await home.getByTestId('search').waitFor();
    await row(home, 'GitHub').waitFor();
    expect(await home.getByTestId('fill').count()).toBe(0);
    expect(await home.getByTestId('for-this-site').count()).toBe(0);
  });

  it('"Fill and remember" fills and saves the site with one answer; the next fill does not ask', async () => {
    const { site, popup } = await openOn('acme', 'one-time-code.html');
    await popup.getByTestId('for-this-site').locator('[data-issuer="Acme"]').waitFor(); // suggested by its issuer
    await row(popup, 'Acme').getByTestId('fill').click();
    await popup.getByTestId('fill-confirm-dialog').waitFor();
    expect(await pageLog(site)).toEqual([]);
    const before = Date.now();
    await popup.getByTestId('fill-confirm').click();
    await expect.poll(() => readBack(site)).toMatch(/^\d{8}$/);
    const codes = oracleCodes((t) => oathtoolCode(S.acme, t, { algorithm: 'SHA256', digits: 8 }), before, Date.now());
    expect(codes).toContain(await readBack(site));
    await expect
      .poll(() => popup.getByTestId('status').textContent())
      .toBe(`Filled the code for Acme. Saved ${siteOf('acme')} as a site of Acme.`);
    await row(popup, 'Acme').getByTestId('edit').click();
    expect(await popup.getByTestId('edit-sites').inputValue()).toBe(siteOf('acme'));
    await popup.getByTestId('back').click();
    // Remembered: the next fill does not ask.
    await row(popup, 'Acme').getByTestId('fill').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Filled the code for Acme.');
    expect(await popup.getByTestId('fill-confirm-dialog').count()).toBe(0);
  });

  it('HOTP fills the current counter, then moves the counter on; a code copied for lack of a field moves it too', async () => {
    const { site, popup } = await openOn('counter', 'split.html');
    await row(popup, 'Counter').getByTestId('fill').click();
    await popup.getByTestId('fill-confirm').click();
    await expect.poll(() => readBack(site)).toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 5 }));
    const shown = () =>
      row(popup, 'Counter')
        .getByTestId('code')
        .textContent()
        .then((t) => t?.replace(/\s/g, ''));
    await expect.poll(shown).toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 6 }));
    // Saved: a second fill on the same site goes straight through.
    await row(popup, 'Counter').getByTestId('fill').click();
    await expect.poll(() => readBack(site)).toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 6 }));
    expect(await popup.getByTestId('fill-confirm-dialog').count()).toBe(0);

    // No field on the same site: the code is handed over for copying and counter 7 is used up (RFC 4226 §7.2).
    const other = await openOn('counter', 'no-field.html');
    await expect.poll(() => other.popup.getByTestId('fill').count()).toBeGreaterThan(0);
    await row(other.popup, 'Counter').getByTestId('fill').click();
    await expect.poll(() => other.popup.getByTestId('status').textContent()).toMatch(/^No code field found on this page/);
    await expect
      .poll(() =>
        row(other.popup, 'Counter')
          .getByTestId('code')
          .textContent()
          .then((t) => t?.replace(/\s/g, '')),
      )
      .toBe(oathtoolCode(S.counter, 0, { type: 'hotp', counter: 8 }));
  });

  it('with no field on the page, the code is copied and the user is told', async () => {
    const { popup } = await openOn('github', 'no-field.html');
    await row(popup, 'GitHub').getByTestId('fill').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toMatch(/^No code field found on this page/);
  });

  it("the keyboard command's question (no saved site yet) is asked when the popup opens", async () => {
    // The command leaves {accountId, tabId} in storage.session and opens the popup; headless
    // Chromium cannot press the shortcut, so the test leaves it there the same way.
    const site = await browser.context.newPage();
    opened.push(site);
    await site.goto(url('pending', 'one-time-code.html'));
    const tabId = await grantActiveTab(browser, site);
    const accountId = await row(home, 'Pending').getAttribute('data-id');
    const [worker] = browser.context.serviceWorkers();
    await worker!.evaluate(
      ({ accountId, tabId }) =>
        (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.session.set({
          autofillPending: { accountId, tabId, at: Date.now() },
        }),
      { accountId, tabId },
    );
    const popup = await openPopup(browser, tabId);
    opened.push(popup);
    const dialog = popup.getByTestId('fill-confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Fill and remember this site for Pending?');
    expect(await pageLog(site)).toEqual([]);
    await popup.getByTestId('fill-cancel').click();
    expect(await readBack(site)).toBe('');
    expect(await pageLog(site)).toEqual([]);
  });
});

describe('"Click the field" when no field is found', () => {
  const PICKER = 'sesame-field-picker';
  const readAll = (site: Page) => site.evaluate(() => (window as unknown as { readAll(): Record<string, string> }).readAll());
  /** Page-log entries that carry a value typed into the page, or an input/change event. */
  const typed = (log: unknown[]) =>
    (log as { kind: string; value?: string }[]).filter((e) => e.kind === 'input' || e.kind === 'change' || /\d{6}/.test(e.value ?? ''));

  /** Fills `issuer` on a page with no field found, and waits for "Click the field". */
  async function noField(popup: Page, issuer: string) {
    await row(popup, issuer).getByTestId('fill').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toMatch(/^No code field found on this page/);
    await popup.getByTestId('fill-pick').waitFor();
  }

  it("offers it, and the field the user then clicks gets oathtool's code (a password field is refused)", async () => {
    const { site, popup } = await openOn('github', 'pick.html');
    await noField(popup, 'GitHub');
    // The offer has the focus (one Enter away) and passes axe.
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('fill-pick');
    expect(await seriousA11yViolations(popup)).toEqual([]);
    // Until the user chooses it, the page has seen nothing at all.
    expect(await pageLog(site)).toEqual([]);

    await popup.getByTestId('fill-pick').click();
    await site.locator(PICKER).waitFor({ state: 'attached' });
    expect(await popup.getByTestId('status').textContent()).toMatch(/^Click the code field in the page/);
    // The picker holds no code: nothing has been typed anywhere yet, and no code is in the DOM.
    expect(typed(await pageLog(site))).toEqual([]);
    expect(await readAll(site)).toEqual({ answer: '', nick: '', pw: '' });
    const html = await site.content();
    for (const code of githubCodes(Date.now() - 30_000, Date.now())) expect(html).not.toContain(code);

    // The user chose a password field: Sesame never puts a code there; the picker keeps waiting.
    await site.click('#pw');
    expect(await site.locator(PICKER).count()).toBe(1);
    const before = Date.now();
    await site.click('#answer');
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(githubCodes(before, Date.now())).toContain(await readBack(site));
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Filled the code for GitHub.');
    expect(await readAll(site)).toMatchObject({ nick: '', pw: '' });
    await expect.poll(() => site.locator(PICKER).count()).toBe(0);
    // One-shot: a later click fills nothing more.
    await site.click('#nick');
    expect(await site.inputValue('#nick')).toBe('');
    // The agent and picker live in the isolated world: the page sees no global of theirs.
    expect(await site.evaluate(() => Object.keys(window).filter((k) => /sesame|fill-?agent|field-?picker/i.test(k)))).toEqual([]);
  });

  it('Escape cancels: the page receives nothing, then or on a later click', async () => {
    const { site, popup } = await openOn('github', 'pick.html');
    await noField(popup, 'GitHub');
    await popup.getByTestId('fill-pick').click();
    await site.locator(PICKER).waitFor({ state: 'attached' });
    await site.keyboard.press('Escape');
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    expect(await site.locator(PICKER).count()).toBe(0);
    await site.click('#answer');
    expect(await readAll(site)).toEqual({ answer: '', nick: '', pw: '' });
    expect(typed(await pageLog(site))).toEqual([]);
    // The offer is gone with the cancelled pick; a new fill offers it again.
    expect(await popup.getByTestId('fill-pick').count()).toBe(0);
  });

  it('from the keyboard: Tab to the field and press Enter', async () => {
    const { site, popup } = await openOn('github', 'pick.html');
    await noField(popup, 'GitHub');
    await popup.keyboard.press('Enter'); // the offer has the focus
    await site.locator(PICKER).waitFor({ state: 'attached' });
    await site.focus('#answer');
    const before = Date.now();
    await site.keyboard.press('Enter');
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(githubCodes(before, Date.now())).toContain(await readBack(site));
  });

  it('an unsaved site: the site question still comes first, then the picked field gets the code', async () => {
    // Pending has no saved site (the keyboard command's test only cancels its question).
    const { site, popup } = await openOn('pick-pending', 'pick.html');
    await row(popup, 'Pending').getByTestId('fill').click();
    const dialog = popup.getByTestId('fill-confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Fill and remember this site for Pending?');
    expect(await pageLog(site)).toEqual([]);
    await popup.getByTestId('fill-confirm').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toMatch(/^No code field found on this page/);
    expect(await popup.getByTestId('status').textContent()).toContain(`Saved ${siteOf('pick-pending')} as a site of Pending.`);
    await popup.getByTestId('fill-pick').click();
    await site.locator(PICKER).waitFor({ state: 'attached' });
    const before = Date.now();
    await site.click('#answer');
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(oracleCodes((t) => oathtoolCode(S.pending, t), before, Date.now())).toContain(await readBack(site));
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Filled the code for Pending.');
  });
});

describe('which site an account belongs to: bound at enrolment', () => {
  const shopUri = `otpauth://totp/Shop:sam?secret=${S.shop}&issuer=Shop`;
  const shopCodes = (before: number, after: number) => oracleCodes((t) => oathtoolCode(S.shop, t), before, after);

  it("scanned on the site's set-up page, the account fills on the same site's sign-in page without a question", async () => {
    const { site: setup, popup } = await openOn('shop', `setup.html?t=${encodeURIComponent(shopUri)}`);
    await setup.locator('body[data-ready="true"]').waitFor();
    await setup.bringToFront(); // a scan reads what the user sees
    await popup.getByTestId('scan-page').click();
    const found = popup.getByTestId('scan-row');
    await found.waitFor({ timeout: 30_000 });
    expect(await found.getByTestId('scan-site').textContent()).toBe(`Saved with the site ${siteOf('shop')}`);
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.getByTestId('scan-confirm').click();
    await popup.getByTestId('search').waitFor();
    await row(popup, 'Shop').getByTestId('edit').click();
    expect(await popup.getByTestId('edit-sites').inputValue()).toBe(siteOf('shop'));

    // The sign-in page, on another host name of the same site.
    const { site, popup: signIn } = await openOn('accounts.shop', 'one-time-code.html');
    await signIn.getByTestId('for-this-site').locator('[data-issuer="Shop"]').waitFor();
    const before = Date.now();
    await row(signIn, 'Shop').getByTestId('fill').click();
    await expect.poll(() => signIn.getByTestId('status').textContent()).toBe('Filled the code for Shop.');
    expect(await signIn.getByTestId('fill-confirm-dialog').count()).toBe(0);
    expect(shopCodes(before, Date.now())).toContain(await readBack(site));
  });

  it.each([
    ['shop-login', 'a hyphenated look-alike'],
    ['sh0p', 'a digit for a letter'],
    ['sh\u043Ep', 'a Cyrillic о (an IDN homograph, punycode)'],
  ])('on %s (%s) the same account asks, and on Cancel the page receives nothing', async (host) => {
    const { site, popup } = await openOn(host, 'one-time-code.html');
    await site.locator('#code').focus(); // the user was about to type
    const logBefore = await pageLog(site);
    expect(await popup.getByTestId('for-this-site').count()).toBe(0); // nothing suggested here
    await row(popup, 'Shop').getByTestId('fill').click();
    await popup.getByTestId('fill-confirm-text').waitFor();
    expect(await dialogText(popup)).toBe(`This code is for Shop (${siteOf('shop')}); this page is ${siteOf(host)}. Fill anyway?`);
    await popup.getByTestId('fill-cancel').click();
    await expect.poll(() => popup.getByTestId('status').textContent()).toBe('Nothing was filled.');
    await expect.poll(() => focused(popup)).toBe('Shop:fill');
    expect(await readBack(site)).toBe('');
    // The page's own script saw nothing new: no value, no event, no message, no DOM change.
    expect(await pageLog(site)).toEqual(logBefore);
    expect(await site.evaluate(() => document.activeElement?.id)).toBe('code');
  });

  it('the same name on another port is another site', async () => {
    const second = await servePages('tests/e2e/pages/autofill');
    try {
      const site = await browser.context.newPage();
      await site.goto(`http://shop.localhost:${second.port}/one-time-code.html`);
      const popup = await openPopup(browser, await grantActiveTab(browser, site));
      opened.push(site, popup);
      await row(popup, 'Shop').getByTestId('fill').click();
      await popup.getByTestId('fill-confirm-text').waitFor();
      expect(await dialogText(popup)).toBe(
        `This code is for Shop (${siteOf('shop')}); this page is ${siteOf('shop', second.port)}. Fill anyway?`,
      );
      await popup.getByTestId('fill-cancel').click();
      expect(await readBack(site)).toBe('');
      expect(await pageLog(site)).toEqual([]);
    } finally {
      second.close();
    }
  });
});
