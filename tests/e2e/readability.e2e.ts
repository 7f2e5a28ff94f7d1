/**
 * A popup that reads well: type set on body at a readable size (Chromium gives extension pages
 * `body { font-size: 75% }`), the issuer above and larger than the account name, set-up and unlock
 * forms at the top, the search field focused after set-up and unlock so typing searches at once,
 * messages that count in their plural forms, and no serious axe violation in light or dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  addUris,
  closeAll,
  grantActiveTab,
  launch,
  openOptions,
  openPopup,
  seriousA11yViolations,
  servePages,
  setUp,
  unlock,
  type Launched,
  type PageServer,
} from './harness';
import { base32Encode } from '../support/oracles';

const POPUP = { width: 380, height: 580 };
const uri = (issuer: string, label: string) =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${label}`)}?secret=${base32Encode(crypto.getRandomValues(new Uint8Array(20)))}&issuer=${encodeURIComponent(issuer)}`;

let browser: Launched;
let pages: PageServer;
let popup: Page;

const fontPx = (page: Page | Locator, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const shownIssuers = (page: Page) =>
  page.locator('[data-testid="account"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer')));

async function noSeriousViolationsInBothThemes(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousA11yViolations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

beforeAll(async () => {
  pages = await servePages('tests/e2e/pages/scan');
  browser = await launch();
  popup = await openPopup(browser);
  await popup.setViewportSize(POPUP);
});
afterAll(() => closeAll(browser, pages));

describe('a popup that reads well', () => {
  it('set-up: body text at 13 px or more, the form at the top, then the search field has the focus', async () => {
    await popup.getByTestId('setup-passphrase').waitFor();
    expect(await fontPx(popup, 'body')).toBeGreaterThanOrEqual(13);
    // At the top of the 580 px popup, under the title and one line of intro (it was pinned to the bottom).
    expect((await popup.getByTestId('setup-passphrase').boundingBox())!.y).toBeLessThan(200);
    await noSeriousViolationsInBothThemes(popup);
    await setUp(popup);
    await expect.poll(() => focusedTestId(popup)).toBe('search');
    await popup.keyboard.type('nothing yet');
    expect(await popup.getByTestId('search').inputValue()).toBe('nothing yet');
    await popup.getByTestId('search').fill('');
  });

  it('counts in plural forms: "Added 1 account.", "Added 3 accounts."', async () => {
    expect(await addUris(popup, [uri('GitHub', 'octocat')])).toBe('Added 1 account.');
    expect(
      await addUris(popup, [uri('Google', 'alice.martin@gmail.com'), uri('Microsoft', 'alice@outlook.com'), uri('Dropbox', 'alice')]),
    ).toBe('Added 3 accounts.');
  });

  it("list: the issuer above the account name and larger; the countdown's seconds legible; clean in light and dark", async () => {
    await popup.getByTestId('search').waitFor();
    const row = popup.locator('[data-testid="account"][data-issuer="Google"]');
    const issuer = (await row.locator('.issuer').boundingBox())!;
    const label = (await row.locator('.label').boundingBox())!;
    expect(issuer.y + issuer.height).toBeLessThanOrEqual(label.y + 1);
    expect(await fontPx(row, '.issuer')).toBeGreaterThan(await fontPx(row, '.label'));
    expect(await fontPx(row, '.label')).toBeGreaterThanOrEqual(13);
    expect(await fontPx(row, '[data-testid="countdown"] .seconds')).toBeGreaterThanOrEqual(10);
    await noSeriousViolationsInBothThemes(popup);
  });

  it('lock: the unlock form at the top with the focus; after unlocking, typing searches without a click', async () => {
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-passphrase').waitFor();
    await expect.poll(() => focusedTestId(popup)).toBe('unlock-passphrase');
    expect(await fontPx(popup, 'body')).toBeGreaterThanOrEqual(13);
    expect((await popup.getByTestId('unlock-passphrase').boundingBox())!.y).toBeLessThan(150);
    await noSeriousViolationsInBothThemes(popup);
    await unlock(popup);
    await expect.poll(() => focusedTestId(popup)).toBe('search');
    await popup.keyboard.type('goo');
    await expect.poll(() => shownIssuers(popup)).toEqual(['Google']);
    await popup.keyboard.press('Escape');
    await popup.getByTestId('search').fill('');
  });

  it('a fresh popup on an unlocked vault focuses the search field too', async () => {
    const again = await openPopup(browser);
    await again.getByTestId('search').waitFor();
    await expect.poll(() => focusedTestId(again)).toBe('search');
    await again.close();
  });

  it('options page: body text at 13 px or more, clean in light and dark', async () => {
    const options = await openOptions(browser);
    await options.getByTestId('import-file').waitFor();
    expect(await fontPx(options, 'body')).toBeGreaterThanOrEqual(13);
    await noSeriousViolationsInBothThemes(options);
    await options.close();
  });

  it('a file the import does not recognise points to "Scan QR code images", a section of the same page', async () => {
    const options = await openOptions(browser);
    await options
      .getByTestId('import-file')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('my codes are on my phone') });
    const error = (await options.getByTestId('import-error').textContent()) ?? '';
    expect(error).toMatch(/^Sesame does not recognise this file\..*“Scan QR code images”/);
    expect(await options.locator('#scan-images-heading').textContent()).toBe('Scan QR code images');
    await options.close();
  });
});

describe('scan reports that count', () => {
  /** Opens `url`, grants activeTab as a toolbar click does, scans it from a popup bound to it. */
  async function scanPage(url: string): Promise<{ page: Page; bound: Page }> {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForLoadState('load');
    const tabId = await grantActiveTab(browser, page);
    const bound = await openPopup(browser, tabId);
    await bound.getByTestId('search').waitFor();
    await page.bringToFront(); // the scan reads the visible tab
    await bound.getByTestId('scan-page').click();
    await bound.locator('main.scan-screen[aria-busy="false"][data-scan-ms]').waitFor({ timeout: 30_000 });
    return { page, bound };
  }
  const show = (...texts: string[]) => `${pages.origin}/show.html?${texts.map((t) => `t=${encodeURIComponent(t)}`).join('&')}`;

  it('"Found 1 account: add it?" and "Add 1 checked account"; for two, the plural', async () => {
    const one = await scanPage(show(uri('Slack', 'acme')));
    await one.bound.getByTestId('scan-row').waitFor();
    expect(await one.bound.locator('#scan-found').textContent()).toBe('Found 1 account: add it?');
    expect(await one.bound.getByTestId('scan-confirm').textContent()).toBe('Add 1 checked account');
    await one.page.close();
    await one.bound.close();

    const two = await scanPage(show(uri('Steam', 'alice_m'), uri('npm', 'alicem')));
    await expect.poll(() => two.bound.getByTestId('scan-row').count()).toBe(2);
    expect(await two.bound.locator('#scan-found').textContent()).toBe('Found 2 accounts: choose what to add');
    expect(await two.bound.getByTestId('scan-confirm').textContent()).toBe('Add 2 checked accounts');
    await two.bound.getByTestId('scan-check').first().uncheck();
    expect(await two.bound.getByTestId('scan-confirm').textContent()).toBe('Add 1 checked account');
    await two.page.close();
    await two.bound.close();
  });

  it('"nothing found" reads as sentences that count what was read', async () => {
    const empty = await scanPage(show());
    const text = (await empty.bound.getByTestId('scan-nothing').textContent()) ?? '';
    expect(text).toMatch(/^No QR code was found on this page\. Sesame read everything on screen[^.]*\. .*below\.Select an area$/);
    expect(text).not.toMatch(/\$\d|\(s\)|images and graphics one by one/);
    await empty.page.close();
    await empty.bound.close();
  });
});
