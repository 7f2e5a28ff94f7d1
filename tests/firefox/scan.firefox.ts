/**
 * Scanning in Firefox: "Scan this page" from the popup after a toolbar click (activeTab, then
 * tabs.captureVisibleTab and a probe script), the real Alt+Shift+S command and the image context
 * menu handing their result to the popup, and an image file on the options page (decoded in a
 * Web Worker). Every account added is checked against oathtool for the secret that was encoded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import qrcode from 'qrcode-generator';
import type { Page } from 'puppeteer-core';
import {
  byTestId,
  chooseContextMenuItem,
  chooseFile,
  click,
  clickToolbarButton,
  closeAll,
  count,
  EXTENSION_ID,
  fill,
  inBrowserWindow,
  launch,
  openOptions,
  openPage,
  openPopup,
  pressCommand,
  readCode,
  row,
  servePages,
  setUpInPopup,
  waitForText,
  type Firefox,
  type PageServer,
} from './harness';
import { oathtoolCode, oracleCodes, type OathOptions } from '../support/oracles';

let ff: Firefox;
let server: PageServer;
let base: string;
let home: Page;

beforeAll(async () => {
  server = await servePages('tests/e2e/pages/scan');
  base = server.origin;
  ff = await launch();
  home = await setUpInPopup(ff);
});
afterAll(() => closeAll(ff, server));

interface Enrolled {
  readonly issuer: string;
  readonly secret: string;
  readonly uri: string;
  readonly oath: OathOptions;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
let serial = 0;
/** A fresh account with a random secret, so every case adds a new account. */
function fresh(name: string, oath: OathOptions = {}): Enrolled {
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => B32[b % 32]).join('');
  const issuer = `${name}${++serial}`;
  const params = new URLSearchParams({ secret, issuer });
  if (oath.algorithm) params.set('algorithm', oath.algorithm);
  if (oath.digits) params.set('digits', String(oath.digits));
  return { issuer, secret, oath, uri: `otpauth://totp/${encodeURIComponent(`${issuer}:user@example.com`)}?${params}` };
}

const showUrl = (a: readonly Enrolled[], as = 'img') =>
  `${base}/show.html?as=${as}&${a.map((x) => `t=${encodeURIComponent(x.uri)}`).join('&')}`;

/** Each account is in the vault with oathtool's code for its secret. */
async function expectAccounts(popup: Page, accounts: readonly Enrolled[]): Promise<void> {
  for (const a of accounts) {
    await fill(popup, byTestId('search'), a.issuer);
    await popup.waitForSelector(row(a.issuer));
    const { code, before, after } = await readCode(popup, a.issuer);
    expect(
      oracleCodes((t) => oathtoolCode(a.secret, t, a.oath), before, after),
      a.issuer,
    ).toContain(code);
  }
  await fill(popup, byTestId('search'), '');
}

async function confirmAll(popup: Page, rows: number): Promise<void> {
  await expect.poll(() => count(popup, byTestId('scan-row')), { timeout: 30_000 }).toBe(rows);
  await click(popup, byTestId('scan-confirm'));
  await popup.waitForSelector(byTestId('search'));
}

async function openShow(url: string): Promise<Page> {
  return openPage(ff, url, 'body[data-ready="true"]');
}

describe('scan this page from the popup', () => {
  async function scanAndAdd(accounts: readonly Enrolled[], as: string): Promise<void> {
    const page = await openShow(showUrl(accounts, as));
    const tabId = await clickToolbarButton(ff, page);
    const popup = await openPopup(ff, tabId);
    // The popup opened by a test is a tab of its own; what the user sees must be the page.
    await page.bringToFront();
    const started = Date.now();
    await click(popup, byTestId('scan-page'));
    const main = await popup.waitForSelector('main.scan-screen[aria-busy="false"][data-scan-ms]', { timeout: 30_000 });
    console.info(
      `Firefox: scan of a 1280x800 page (${as}), click to rows ${Date.now() - started} ms, background ${await main!.evaluate((m) => m.getAttribute('data-scan-ms'))} ms`,
    );
    await popup.bringToFront(); // a hidden tab gets no animation frames
    await confirmAll(popup, accounts.length);
    await expectAccounts(popup, accounts);
    await popup.close();
    await page.close();
  }

  it('offers "select an area" when nothing is found, and reads the area the user drags', async () => {
    const a = fresh('Area');
    const page = await openShow(`${base}/show.html`);
    const tabId = await clickToolbarButton(ff, page);
    const popup = await openPopup(ff, tabId);
    await page.bringToFront();
    await click(popup, byTestId('scan-page'));
    await waitForText(popup, byTestId('scan-nothing'), /on screen/);
    // Now the page shows a code (drawn after the scan), and the user drags over it.
    await page.evaluate((uri: string) => (window as unknown as { showCodes(t: string[]): Promise<void> }).showCodes([uri]), a.uri);
    const box = (await (await page.$('#codes img'))!.boundingBox())!;
    await click(popup, byTestId('scan-select-area'));
    await page.bringToFront();
    // The overlay's host element, appended to <html> (its content is in a closed shadow root).
    await page.waitForSelector('html > div:last-child', { timeout: 15_000 });
    await page.mouse.move(box.x - 10, box.y - 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.mouse.move(box.x + box.width + 10, box.y + box.height + 10, { steps: 3 });
    await page.mouse.up();
    // The capture follows the drag: the page must stay in front until the popup has the result.
    await popup.waitForSelector('main.scan-screen[aria-busy="false"]', { timeout: 30_000 });
    await popup.bringToFront();
    await confirmAll(popup, 1);
    await expectAccounts(popup, [a]);
    await popup.close();
    await page.close();
  });

  it('reads two codes shown as <img>', () => scanAndAdd([fresh('Img'), fresh('Img', { algorithm: 'SHA256', digits: 8 })], 'img'));
  it('reads a code drawn on a <canvas>', () => scanAndAdd([fresh('Canvas', { algorithm: 'SHA512' })], 'canvas'));
  it('reads an inline <svg> code', () => scanAndAdd([fresh('Svg')], 'svg'));
});

describe('the keyboard command and the image menu hand their scan to the popup', () => {
  /** Waits until the background has kept a scan for the popup (lib/background/scan.ts). */
  const pendingScan = () =>
    home.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } })
        .browser;
      return (await api.storage.session.get('scan-pending'))['scan-pending'] !== undefined;
    });

  async function takeInPopup(accounts: readonly Enrolled[]): Promise<void> {
    await expect.poll(pendingScan, { timeout: 30_000 }).toBe(true);
    const popup = await openPopup(ff);
    await confirmAll(popup, accounts.length);
    await expectAccounts(popup, accounts);
    await popup.close();
  }

  // With a popup page already open (`home`), the background keeps the scan for the next popup
  // instead of opening one; the next popup shows it.
  it('Alt+Shift+S scans the tab', async () => {
    const a = fresh('Command');
    const page = await openShow(showUrl([a]));
    await pressCommand(ff, page, 'scan-page');
    await takeInPopup([a]);
    await page.close();
  });

  it('"Scan QR code with Sesame" on an image scans the tab', async () => {
    const a = fresh('Menu');
    const page = await openShow(showUrl([a]));
    await chooseContextMenuItem(ff, page, '#codes img', 'Scan QR code with Sesame');
    await takeInPopup([a]);
    await page.close();
  });

  it('with no Sesame page open, the command opens the toolbar popup (browser.action.openPopup)', async () => {
    const a = fresh('Opens');
    const page = await openShow(showUrl([a]));
    await home.close();
    await pressCommand(ff, page, 'scan-page');
    const opened = await inBrowserWindow(
      ff,
      async (id: string) => {
        const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
        const { extension } = WebExtensionPolicy.getByID(id)!;
        for (let i = 0; i < 300 && !ViewPopup.for(extension, window); i++) await new Promise((r) => setTimeout(r, 50));
        const popup = ViewPopup.for(extension, window);
        popup?.closePopup();
        return popup !== undefined && popup !== null;
      },
      EXTENSION_ID,
    );
    expect(opened).toBe(true);
    home = await openPopup(ff);
    await page.close();
  });
});

describe("Firefox's toolbar popup", () => {
  it('offers drop and paste, and sends the user to the settings page to choose image files (a file dialog would close it)', async () => {
    const page = await openShow(showUrl([fresh('Panel')]));
    await clickToolbarButton(ff, page); // opens the real toolbar popup
    // Extension pages share a process: another Sesame page can reach into the popup's document.
    type Views = { extension: { getViews(f: object): Window[] } };
    const inPanel = <T>(fn: (doc: Document) => T) =>
      home.evaluate((source: string) => {
        const [panel] = (globalThis as unknown as { browser: Views }).browser.extension.getViews({ type: 'popup' });
        return panel ? (0, eval)(`(${source})`)(panel.document) : null;
      }, fn.toString()) as Promise<T | null>;
    await expect.poll(() => inPanel((doc) => doc.querySelector('[data-testid="scan-page"]') !== null), { timeout: 30_000 }).toBe(true);
    await inPanel((doc) => (doc.querySelector('[data-testid="scan-page"]') as HTMLElement).click());
    await expect
      .poll(() => inPanel((doc) => doc.querySelector('[data-testid="scan-file-options"]') !== null), { timeout: 30_000 })
      .toBe(true);
    expect(await inPanel((doc) => doc.querySelector('[data-testid="scan-file"]') !== null)).toBe(false);

    await inPanel((doc) => (doc.querySelector('[data-testid="scan-file-options"]') as HTMLElement).click());
    const focused = () =>
      home.evaluate(() => {
        const views = (globalThis as unknown as { browser: Views }).browser.extension.getViews({ type: 'tab' });
        const options = views.find((v) => v.location.hash === '#scan-images');
        return options ? (options.document.activeElement?.getAttribute('data-testid') ?? '') : null;
      });
    await expect.poll(focused, { timeout: 30_000 }).toBe('scan-image-file');
    await expect
      .poll(() => home.evaluate(() => (globalThis as unknown as { browser: Views }).browser.extension.getViews({ type: 'popup' }).length))
      .toBe(0);
    await page.close();
  });
});

declare const ChromeUtils: { importESModule(url: string): Record<string, any> };
declare const WebExtensionPolicy: { getByID(id: string): { extension: unknown } | null };

describe('an image file on the options page', () => {
  /** A PNG of a QR code for `text`, drawn here (qrcode-generator + pngjs), 4 px a module with a quiet zone. */
  function qrPng(text: string): Buffer {
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    const cell = 4;
    const size = (qr.getModuleCount() + 8) * cell;
    const png = new PNG({ width: size, height: size });
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const r = Math.floor(y / cell) - 4;
        const c = Math.floor(x / cell) - 4;
        const dark = r >= 0 && c >= 0 && r < qr.getModuleCount() && c < qr.getModuleCount() && qr.isDark(r, c);
        const i = (y * size + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = dark ? 0 : 255;
        png.data[i + 3] = 255;
      }
    }
    return PNG.sync.write(png);
  }

  it('chosen with the file chooser, read in a worker, confirmed and added', async () => {
    const a = fresh('File', { digits: 8 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-firefox-scan-'));
    const file = path.join(dir, 'code.png');
    fs.writeFileSync(file, qrPng(a.uri));
    const options = await openOptions(ff);
    await chooseFile(options, byTestId('scan-image-file'), file);
    await expect.poll(() => count(options, byTestId('scan-row')), { timeout: 30_000 }).toBe(1);
    await click(options, byTestId('scan-confirm'));
    await waitForText(options, byTestId('scan-image-result'), /Added 1 account/);
    fs.rmSync(dir, { recursive: true, force: true });
    await options.close();
    const popup = await openPopup(ff);
    await expectAccounts(popup, [a]);
    await popup.close();
  });
});
