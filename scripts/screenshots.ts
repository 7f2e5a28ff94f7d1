/**
 * `npm run screenshots`: the popup (set-up, list, add, scan confirmation, fill question, unlock) and
 * the options page, in light and dark, from the real build in headless Chromium, into
 * docs/screenshots/ (or $SCREENSHOTS_DIR). A realistic vault is set up through the UI, and the demo
 * page (demo/, served on example-corp.localhost) is what the popup scans and fills into.
 * Run by Vitest (scripts/screenshots.config.ts) so it shares the e2e harness.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { addUris, grantActiveTab, launch, openOptions, openPopup, ROOT, setUp, type Launched } from '../tests/e2e/harness';
// @ts-expect-error plain JS module
import { serve } from './demo-server.mjs';

const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(ROOT, 'docs/screenshots'));
const POPUP = { width: 380, height: 580 };
const OPTIONS = { width: 800, height: 1000 };

/** Made-up secrets (Base32): the screenshots show codes, never these. */
const ACCOUNTS = [
  'otpauth://totp/GitHub:octocat?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub',
  'otpauth://totp/Google:alice.martin%40gmail.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ&issuer=Google',
  'otpauth://totp/Microsoft:alice.martin%40outlook.com?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Microsoft',
  'otpauth://totp/Amazon%20Web%20Services:root-account%40acme-industries.example?secret=ORSXG5BNONSWG4TFOQWWC3TEFVWW64TF&issuer=Amazon%20Web%20Services&algorithm=SHA256',
  'otpauth://totp/Dropbox:alice.martin%40gmail.com?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Dropbox',
  'otpauth://totp/Slack:acme-corp.slack.com?secret=NJ2W24DTEBXXMZLSEB2GQZJANRQXU6JA&issuer=Slack',
  'otpauth://totp/Steam:alice_m?secret=OBQXG43XN5ZGIMJSGM2DKNRXHA4TAYLC&issuer=Steam&encoder=steam',
  'otpauth://hotp/Acme%20VPN:alice?secret=MRXWOLQAONSWG4TFOQWWC3TEFVWW64TG&issuer=Acme%20VPN&counter=12',
  'otpauth://totp/Cloudflare:ops%40acme-industries.example?secret=GM2DKNRXHA4TAYLCGM2DKNRXHA4TAYLD&issuer=Cloudflare&digits=8',
  'otpauth://totp/npm:alicem?secret=NBSWY3DPEB3W64TMMQQQ6ZLBMNSXE5DJ&issuer=npm',
];

let browser: Launched;
let server: Server;
let demo: string;
let tab: Page;
let tabId: number;

async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Two frames: the new colours are painted before the picture is taken.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: path.join(OUT, `${name}-${colorScheme}.png`), ...options });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The popup as the toolbar opens it, bound to the demo tab and (unless `sized` is false) sized like the real popup. */
async function popupOnDemo(sized = true): Promise<Page> {
  const popup = await openPopup(browser, tabId);
  if (sized) await popup.setViewportSize(POPUP);
  await popup.getByTestId('search').waitFor();
  return popup;
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  // A fixed port, so the site the pictures show does not change from one run to the next.
  server = await serve(path.join(ROOT, 'demo'), Number(process.env.SCREENSHOTS_PORT ?? 8789));
  demo = `http://example-corp.localhost:${(server.address() as { port: number }).port}/`;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('screenshots', () => {
  it('set-up', async () => {
    const popup = await openPopup(browser);
    await popup.setViewportSize(POPUP);
    await popup.getByTestId('setup-passphrase').waitFor();
    await shoot(popup, 'popup-setup');
    await setUp(popup);
    await addUris(popup, ACCOUNTS);
    // GitHub: pinned, with its saved site (so the fill question below has a site to name).
    await popup.locator('[data-testid="account"][data-issuer="GitHub"] [data-testid="edit"]').click();
    await popup.getByTestId('edit-sites').fill('https://github.com');
    await popup.getByTestId('edit-pinned').check();
    await popup.getByTestId('edit-save').click();
    await popup.getByTestId('search').waitFor();
    await popup.close();
    tab = await browser.context.newPage();
    await tab.goto(demo);
    tabId = await grantActiveTab(browser, tab);
  });

  it('scan confirmation', async () => {
    const popup = await popupOnDemo(false);
    // The popup opened here is a tab of its own; what the scan reads must be the visible page
    // (and the popup's tab keeps the window's size until then: a resized tab shrinks the capture).
    await tab.bringToFront();
    await popup.getByTestId('scan-page').click();
    await popup.getByTestId('scan-row').first().waitFor({ timeout: 30_000 });
    await popup.bringToFront();
    await popup.setViewportSize(POPUP);
    await shoot(popup, 'popup-scan');
    await popup.getByTestId('scan-confirm').click();
    await popup.getByTestId('search').waitFor();
    await popup.close();
  });

  it('list, with "For this site"', async () => {
    const popup = await popupOnDemo();
    await popup.getByTestId('for-this-site').waitFor();
    // The usual look, not the last 5 seconds of a period (when rows add the next code).
    await popup.getByTestId('next-code').first().waitFor({ state: 'detached', timeout: 10_000 });
    await shoot(popup, 'popup-list');
    await popup.close();
  });

  it('fill question', async () => {
    const popup = await popupOnDemo();
    await popup.locator('[data-testid="account"][data-issuer="GitHub"] [data-testid="fill"]').first().click();
    await popup.getByTestId('fill-confirm-dialog').waitFor();
    await shoot(popup, 'popup-fill-question');
    await popup.getByTestId('fill-cancel').click();
    await popup.close();
  });

  it('add', async () => {
    const popup = await popupOnDemo();
    await popup.getByTestId('add').click();
    await popup.getByTestId('add-tab-form').click();
    await popup.getByTestId('add-issuer').fill('Fastmail');
    await popup.getByTestId('add-label').fill('alice@fastmail.com');
    await shoot(popup, 'popup-add');
    await popup.close();
  });

  it('options page', async () => {
    const options = await openOptions(browser);
    await options.setViewportSize(OPTIONS);
    await options.getByTestId('import-file').waitFor();
    await shoot(options, 'options', { fullPage: true });
    await options.close();
  });

  it('unlock', async () => {
    const popup = await popupOnDemo();
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-passphrase').waitFor();
    await shoot(popup, 'popup-unlock');
    await popup.close();
  });
});
