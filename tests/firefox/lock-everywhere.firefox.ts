/**
 * Issue 9's "a lock reaches every page", in Firefox: the Lock button and the auto-lock alarm reach
 * an open options page showing export QR codes and a popup popped out into its own window (the
 * real pop-out button, `windows.create`); each drops its accounts and shows the unlock form within
 * a second, and storage.session is left empty. The alarm is brought forward, and fired while
 * Firefox has suspended the event page (its idle timeout is shortened to 8 s here): the page wakes
 * for the alarm and still tells every open page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  backgroundSuspensions,
  byTestId,
  click,
  clickToolbarButton,
  closeAll,
  count,
  fill,
  fireAutoLock,
  launch,
  openOptions,
  openPage,
  openPopup,
  PASSPHRASE,
  unlock,
  setUpWithAccounts,
  watchBackground,
  type Firefox,
} from './harness';
import { accountTraces, unlockFormShownAt, type LockedAccount } from '../support/lock-checks';

const ACCOUNTS: LockedAccount[] = [
  { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', names: ['Acme', 'alice'] },
  { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', names: ['Globex', 'bob'], algorithm: 'SHA256' },
];
const URIS = [
  `otpauth://totp/Acme:alice?secret=${ACCOUNTS[0]!.secret}&issuer=Acme`,
  `otpauth://totp/Globex:bob?secret=${ACCOUNTS[1]!.secret}&issuer=Globex&algorithm=SHA256`,
];
const IDLE_MS = 8_000;

let ff: Firefox;

beforeAll(async () => {
  ff = await launch(undefined, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  await watchBackground(ff);
  await setUpWithAccounts(ff, URIS);
});
afterAll(() => ff?.close());

/**
 * A popup, the popup bound to a web page's tab popped out into a window of its own (pop-out closes
 * the popup it was pressed in), and the options page showing QR codes.
 */
async function openEverything(): Promise<{ popup: Page; popped: Page; options: Page; site: Page }> {
  const site = await openPage(ff, 'data:text/html,<title>a page</title><p>a page</p>', 'p');
  const popup = await openPopup(ff, await clickToolbarButton(ff, site));
  if (await popup.$(byTestId('unlock-passphrase'))) await unlock(popup);
  await popup.waitForSelector(byTestId('account'));
  const before = new Set(await ff.browser.pages());
  await click(popup, byTestId('pop-out'));
  const popped = await newPageAt(ff, before, /\/popup\.html\?tab=\d+$/);
  await popped.waitForSelector(byTestId('account'), { timeout: 30_000 });
  const options = await openOptions(ff);
  await fill(options, byTestId('export-plain-passphrase'), PASSPHRASE);
  await click(options, byTestId('export-plain-unlock'));
  await click(options, byTestId('export-show-qr'));
  await expect.poll(() => count(options, byTestId('export-qr')), { timeout: 30_000 }).toBe(2);
  return { popup: await openPopup(ff), popped, options, site };
}

/**
 * The page a Sesame action opened (not in `before`) once it shows `url`. Puppeteer does not follow
 * moz-extension:// navigations in Firefox, so each new page is asked where it is.
 */
async function newPageAt(ff: Firefox, before: Set<Page>, url: RegExp): Promise<Page> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const page of await ff.browser.pages()) {
      if (before.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (url.test(href)) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no new page at ${url}`);
}

/** Nothing of any account is left in the page: no row, no QR code, no issuer, no secret, no current code. */
async function expectNoAccountLeft(page: Page): Promise<void> {
  expect(
    await count(page, '[data-testid="account"], [data-testid="code"], [data-testid="export-qr"], [data-testid="export-migration-qr"]'),
  ).toBe(0);
  const text = await page.evaluate(() => document.body.innerText);
  expect(accountTraces(await page.content(), text, ACCOUNTS), page.url()).toEqual([]);
}

const sessionKeys = (page: Page): Promise<string[]> =>
  page.evaluate(async () =>
    Object.keys(
      await (globalThis as unknown as { browser: { storage: { session: { get(k: null): Promise<object> } } } }).browser.storage.session.get(
        null,
      ),
    ).sort(),
  );

describe('a lock reaches every page, in Firefox', () => {
  it('Lock in the popup: the popped-out window and the options page show the unlock form within 1 s, with nothing of any account left', async () => {
    const { popup, popped, options, site } = await openEverything();
    await popup.evaluate(() =>
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest('[data-testid="lock"]')) (window as unknown as { clickedAt: number }).clickedAt = Date.now();
        },
        true,
      ),
    );
    expect(await sessionKeys(options)).toContain('dataKey');
    const shown = Promise.all([popped, options].map((p) => p.evaluate(unlockFormShownAt)));
    await click(popup, byTestId('lock'));
    const clickedAt = await popup.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
    for (const at of await shown) expect(at - clickedAt).toBeLessThan(1000);
    for (const page of [popped, options, popup]) await expectNoAccountLeft(page);
    // And storage.session (Firefox keeps it in memory) holds nothing from which a key could be derived.
    expect(await sessionKeys(options)).toEqual([]);
    // The options page's unlock form works and brings the sections back.
    await options.type(byTestId('unlock-passphrase'), PASSPHRASE);
    await click(options, byTestId('unlock-submit'));
    await options.waitForSelector(byTestId('export-plain-passphrase'), { timeout: 30_000 });
    await closeAll(popup, popped, options, site);
  });

  it('the auto-lock alarm, firing while the event page is suspended, does the same', async () => {
    const { popup, popped, options, site } = await openEverything();
    // Firefox suspends the idle event page (open pages do not keep it); the alarm must wake it.
    const suspended = await backgroundSuspensions(ff);
    await expect.poll(() => backgroundSuspensions(ff), { timeout: 4 * IDLE_MS, interval: 250 }).toBeGreaterThan(suspended);
    const shown = Promise.all([popup, popped, options].map((p) => p.evaluate(unlockFormShownAt)));
    const firesAt = await fireAutoLock(options);
    for (const at of await shown) expect(at - firesAt).toBeLessThan(1000);
    for (const page of [popup, popped, options]) await expectNoAccountLeft(page);
    await closeAll(popup, popped, options, site);
  });
});
