/**
 * "Scan this page" end to end: a page shows QR codes the way sites do (tests/e2e/pages/scan/),
 * Sesame is granted activeTab as by a toolbar click, the popup bound to that tab scans it, the
 * user confirms, and the accounts in the vault show the codes oathtool computes for the secrets
 * that were encoded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  closeAll,
  grantActiveTab,
  launch,
  openPopup,
  readCode,
  seriousA11yViolations,
  servePages,
  setUpVault,
  type Launched,
  type PageServer,
} from './harness';
import { base32Encode, migrationEncode, oathtoolCode, oracleCodes, type OathOptions } from '../support/oracles';
import { fixturePath } from '../support/fixtures';

let browser: Launched;
let pages: PageServer;
let other: PageServer;
let demo: PageServer;
let base: string;
let otherOrigin: string;
let demoBase: string;

beforeAll(async () => {
  pages = await servePages('tests/e2e/pages/scan');
  other = await servePages('tests/e2e/pages/scan');
  demo = await servePages('demo');
  base = pages.origin;
  otherOrigin = other.origin;
  demoBase = demo.origin;
  browser = await launch();
  await setUpVault(browser);
});
afterAll(() => closeAll(browser, pages, other, demo));

interface Enrolled {
  readonly issuer: string;
  readonly label: string;
  readonly secret: string;
  readonly oath?: OathOptions;
}

let serial = 0;
/** A fresh account with a random secret, so every case adds new accounts (no duplicates). */
function fresh(name: string, oath: OathOptions = {}): Enrolled & { uri: string } {
  const secret = base32Encode(crypto.getRandomValues(new Uint8Array(20)));
  const issuer = `${name}${++serial}`;
  const label = `user${serial}@example.com`;
  const type = oath.type ?? 'totp';
  const params = new URLSearchParams({ secret, issuer });
  if (oath.algorithm) params.set('algorithm', oath.algorithm);
  if (oath.digits) params.set('digits', String(oath.digits));
  if (oath.period) params.set('period', String(oath.period));
  if (type === 'hotp') params.set('counter', String(oath.counter ?? 0));
  return { issuer, label, secret, oath, uri: `otpauth://${type}/${encodeURIComponent(`${issuer}:${label}`)}?${params}` };
}

/**
 * Google Authenticator "Transfer accounts" links for the accounts, `perCode` to a link, as one
 * batch (written by the independent encoder of tests/support/oracles.ts, not by Sesame).
 */
function migrationLinks(accounts: readonly Enrolled[], perCode: number): string[] {
  const batchSize = Math.ceil(accounts.length / perCode);
  const batchId = Math.floor(Math.random() * 2 ** 31);
  return Array.from({ length: batchSize }, (_, batchIndex) =>
    migrationEncode({
      accounts: accounts.slice(batchIndex * perCode, (batchIndex + 1) * perCode).map((a) => ({
        secret: a.secret,
        name: `${a.issuer}:${a.label}`,
        issuer: a.issuer,
        algorithm: { SHA1: 1, SHA256: 2, SHA512: 3 }[a.oath?.algorithm ?? 'SHA1'],
        digits: a.oath?.digits === 8 ? 2 : 1,
        type: a.oath?.type === 'hotp' ? 1 : 2,
        counter: a.oath?.counter ?? 0,
      })),
      batchSize,
      batchIndex,
      batchId,
    }),
  );
}

function showUrl(texts: readonly string[], extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  for (const t of texts) q.append('t', t);
  return `${base}/show.html?${q}`;
}

/** Opens a page, grants activeTab as a toolbar click does, and opens the popup bound to it. */
async function openBound(url: string): Promise<{ page: Page; popup: Page }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('body[data-ready="true"], #qr').first().waitFor();
  await page.waitForLoadState('load');
  const tabId = await grantActiveTab(browser, page);
  const popup = await openPopup(browser, tabId);
  await popup.getByTestId('search').waitFor();
  // The popup opened by a test is a tab of its own; what the user sees must be the page.
  await page.bringToFront();
  return { page, popup };
}

async function scan(popup: Page): Promise<void> {
  await popup.getByTestId('scan-page').click();
  await popup.locator('main.scan-screen[aria-busy="false"][data-scan-ms]').waitFor({ timeout: 30_000 });
}

async function confirmAll(popup: Page, expectedRows: number): Promise<void> {
  if (process.env.SCAN_DEBUG) console.log(await popup.locator('main').innerText());
  await expect.poll(() => popup.getByTestId('scan-row').count(), { timeout: 20_000 }).toBe(expectedRows);
  await popup.getByTestId('scan-confirm').click();
  await popup.getByTestId('search').waitFor();
}

/** Each account is in the vault once, under its label, with oathtool's code for its secret. */
async function expectAccounts(popup: Page, accounts: readonly Enrolled[]): Promise<void> {
  for (const a of accounts) {
    // The list renders only the rows in view: search for the account first.
    await popup.getByTestId('search').fill(a.issuer);
    const row = popup.locator(`[data-testid="account"][data-issuer="${a.issuer}"]`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getAttribute('data-label')).toBe(a.label);
    const { code, before, after } = await readCode(popup, a.issuer);
    expect(oracleCodes((time) => oathtoolCode(a.secret, time, a.oath), before, after)).toContain(code);
  }
  await popup.getByTestId('search').fill('');
}

async function scanAndAdd(url: string, accounts: readonly Enrolled[]): Promise<Page> {
  const { page, popup } = await openBound(url);
  await scan(popup);
  await confirmAll(popup, accounts.length);
  await expectAccounts(popup, accounts);
  await page.close();
  return popup;
}

describe('scan this page', () => {
  it('reads a QR code shown as <img>, with a confirmation that shows the account and a live code', async () => {
    const a = fresh('Img');
    const { page, popup } = await openBound(showUrl([a.uri]));
    const started = Date.now();
    await scan(popup);
    const row = popup.getByTestId('scan-row');
    await row.waitFor();
    console.info(`scan of a 1280x800 page with one <img> code, click to rows: ${Date.now() - started} ms`);
    expect(await row.getAttribute('data-issuer')).toBe(a.issuer);
    expect(await row.textContent()).toContain('TOTP');
    const preview = (await row.getByTestId('scan-code').textContent())!.replace(/\s/g, '');
    expect(oracleCodes((t) => oathtoolCode(a.secret, t), Date.now() - 2000, Date.now())).toContain(preview);
    expect(await seriousA11yViolations(popup)).toEqual([]);
    await popup.getByTestId('scan-confirm').click();
    await popup.getByTestId('search').waitFor();
    await expectAccounts(popup, [a]);
    await page.close();
    await popup.close();
  });

  it('reads a code drawn on a <canvas>', async () => {
    const a = fresh('Canvas', { algorithm: 'SHA256', digits: 8 });
    await (await scanAndAdd(showUrl([a.uri], { as: 'canvas' }), [a])).close();
  });

  it('reads an inline <svg> code', async () => {
    const a = fresh('Svg');
    await (await scanAndAdd(showUrl([a.uri], { as: 'svg' }), [a])).close();
  });

  it('reads a code that is a CSS background image', async () => {
    const a = fresh('Background', { period: 60 });
    await (await scanAndAdd(showUrl([a.uri], { as: 'bg' }), [a])).close();
  });

  it('reads a cross-origin image (from a second local port)', async () => {
    const a = fresh('CrossOrigin');
    await (await scanAndAdd(showUrl([a.uri], { origin: otherOrigin }), [a])).close();
  });

  it('reads a small code (100 CSS px)', async () => {
    const a = fresh('Small');
    await (await scanAndAdd(showUrl([a.uri], { size: '100', cell: '2' }), [a])).close();
  });

  it('reads an inverted code (light on dark)', async () => {
    const a = fresh('Inverted', { type: 'hotp', counter: 3 });
    await (await scanAndAdd(showUrl([a.uri], { invert: '1' }), [a])).close();
  });

  it('reads two different codes on one page', async () => {
    const a = fresh('TwoA');
    const b = fresh('TwoB', { algorithm: 'SHA512' });
    await (await scanAndAdd(showUrl([a.uri, b.uri]), [a, b])).close();
  });

  it('reads same-origin images below the fold, and a cross-origin one there does not break the scan', async () => {
    const a = fresh('Below');
    const { page, popup } = await openBound(`${showUrl([a.uri], { below: '1' })}`);
    // Add a cross-origin image below the fold as well.
    await page.evaluate(
      (src) => {
        const img = new Image(200, 200);
        img.src = src;
        document.body.append(img);
        return img.decode();
      },
      `${otherOrigin}/qr.svg?text=${encodeURIComponent(fresh('Unreadable').uri)}`,
    );
    await scan(popup);
    await confirmAll(popup, 1);
    await expectAccounts(popup, [a]);
    await page.close();
    await popup.close();
  });

  it('collects a Google export of 10 accounts split over 2 codes: "1 of 2 scanned", nothing added until complete', async () => {
    const accounts = Array.from({ length: 10 }, (_, i) =>
      fresh(`Google${i}-`, i === 3 ? { algorithm: 'SHA256', digits: 8 } : i === 7 ? { type: 'hotp', counter: 5 } : {}),
    );
    const uris = migrationLinks(accounts, 5);
    expect(uris).toHaveLength(2);
    const { page, popup } = await openBound(showUrl([uris[0]!], { size: '320' }));
    await scan(popup);
    await expect.poll(() => popup.getByTestId('scan-progress').textContent(), { timeout: 20_000 }).toContain('1 of 2 scanned');
    expect(await popup.getByTestId('scan-row').count()).toBe(0);
    expect(await popup.getByTestId('scan-confirm').count()).toBe(0);
    // The site shows its next code, as Google Authenticator's "Next" does.
    await page.evaluate((uri) => (window as unknown as { showCodes(t: string[]): Promise<void> }).showCodes([uri]), uris[1]!);
    await page.bringToFront();
    await popup.getByTestId('scan-again').click();
    await expect.poll(() => popup.getByTestId('scan-progress').count(), { timeout: 20_000 }).toBe(0);
    await popup.getByTestId('back').click();
    // Nothing was added before the confirmation.
    expect(await popup.locator('[data-testid="account"][data-issuer^="Google"]').count()).toBe(0);
    await popup.close();
    // Both codes on one page, scanned at once.
    const { popup: popup2 } = await openBound(showUrl(uris, { size: '320' }));
    await scan(popup2);
    await confirmAll(popup2, 10);
    await expectAccounts(popup2, accounts);
    await page.close();
    await popup2.close();
  });

  it('says what a plain-URL code holds and adds nothing', async () => {
    const { page, popup } = await openBound(showUrl(['https://example.com/welcome']));
    // The vault's accounts as the background lists them: the rows on screen are not a count of
    // them ("For this site" moves some into a section of their own once the background has said
    // which; a long list renders only the rows around the view).
    const listed = () =>
      popup.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
        const reply = (await api.runtime.sendMessage({ type: 'state' })) as { ok: boolean; value?: { accounts?: unknown[] } };
        return reply.ok ? (reply.value?.accounts?.length ?? -1) : -1;
      });
    const before = await listed();
    expect(before).toBeGreaterThan(0);
    await scan(popup);
    await expect.poll(() => popup.getByTestId('scan-messages').textContent()).toMatch(/holds a web (link|address)/i);
    expect(await popup.getByTestId('scan-row').count()).toBe(0);
    await popup.getByTestId('back').click();
    expect(await listed()).toBe(before);
    await page.close();
    await popup.close();
  });

  it('marks an account already in the vault as a duplicate and leaves it unchecked', async () => {
    const a = fresh('Dup');
    await (await scanAndAdd(showUrl([a.uri]), [a])).close();
    const { page, popup } = await openBound(showUrl([a.uri]));
    await scan(popup);
    const row = popup.getByTestId('scan-row');
    await row.waitFor();
    expect(await row.getAttribute('data-duplicate')).toBe('true');
    expect(await row.getByTestId('scan-check').isChecked()).toBe(false);
    expect(await popup.getByTestId('scan-confirm').isDisabled()).toBe(true);
    await page.close();
    await popup.close();
  });

  it('offers "select an area" when nothing is found, and reads the area the user drags', async () => {
    const a = fresh('Area');
    const { page, popup } = await openBound(`${base}/show.html`);
    await scan(popup);
    await popup.getByTestId('scan-nothing').waitFor();
    expect(await popup.getByTestId('scan-nothing').textContent()).toMatch(
      /^No QR code was found on this page\. Sesame read everything on screen/,
    );
    // Now the page shows a code (drawn after the scan), and the user selects it.
    await page.evaluate((uri) => (window as unknown as { showCodes(t: string[]): Promise<void> }).showCodes([uri]), a.uri);
    const box = (await page.locator('#codes img').boundingBox())!;
    await page.bringToFront();
    await popup.getByTestId('scan-select-area').click();
    // The overlay (a host element on <html>, its shadow root closed) now covers where the drag starts.
    await page.waitForFunction(
      ([x, y]) => {
        const hit = document.elementFromPoint(x!, y!);
        return hit !== null && hit !== document.body && hit.parentElement === document.documentElement;
      },
      [box.x - 10, box.y - 10],
    );
    await page.mouse.move(box.x - 10, box.y - 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await page.mouse.move(box.x + box.width + 10, box.y + box.height + 10, { steps: 3 });
    await page.mouse.up();
    await confirmAll(popup, 1);
    await expectAccounts(popup, [a]);
    await page.close();
    await popup.close();
  });

  it('scans the demo page', async () => {
    const { page, popup } = await openBound(`${demoBase}/`);
    await scan(popup);
    await confirmAll(popup, 1);
    await expectAccounts(popup, [{ issuer: 'Example Corp', label: 'demo@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }]);
    await page.close();
    await popup.close();
  });
});

describe('other ways in', () => {
  it('shows a scan the keyboard command or the image menu made when the popup opens', async () => {
    // The command/menu handler keeps its reply in storage.session and opens the popup; here the
    // reply is put there directly (headless Chromium cannot press a command's shortcut).
    const a = fresh('Command');
    const [worker] = browser.context.serviceWorkers();
    await worker!.evaluate(
      (uri) =>
        (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.storage.session.set({
          'scan-pending': {
            reply: { ok: true, value: { texts: [uri], tried: { elements: 1, images: 0, deep: false, unreadable: 0 }, ms: 1 } },
            at: Date.now(),
          },
        }),
      a.uri,
    );
    const popup = await openPopup(browser);
    await confirmAll(popup, 1);
    await expectAccounts(popup, [a]);
    // Taken once: the next popup shows the list.
    const again = await openPopup(browser);
    await again.getByTestId('search').waitFor();
    expect(await again.getByTestId('scan-row').count()).toBe(0);
    await popup.close();
    await again.close();
  });

  it('adds Google export links pasted in the "paste link" tab, once all parts are there', async () => {
    const accounts = [fresh('PastedA'), fresh('PastedB'), fresh('PastedC')];
    const uris = migrationLinks(accounts, 2);
    const popup = await openPopup(browser);
    await popup.getByTestId('search').waitFor();
    await popup.getByTestId('add').click();
    await popup.getByTestId('add-uri').fill(uris[0]!);
    await popup.getByTestId('add-uri-submit').click();
    await expect.poll(() => popup.getByTestId('add-result').textContent()).toMatch(/1 of the 2 parts/);
    await popup.getByTestId('add-uri').fill(uris.join('\n'));
    await popup.getByTestId('add-uri-submit').click();
    await expect.poll(() => popup.getByTestId('add-result').textContent()).toMatch(/3/);
    await popup.getByTestId('back').click();
    await expectAccounts(popup, accounts);
    await popup.close();
  });
});

describe('scan an image file', () => {
  it('finds both codes of a real 2-part Google export in a PNG screenshot (20 accounts)', async () => {
    const popup = await openPopup(browser);
    await popup.getByTestId('search').waitFor();
    await popup.getByTestId('scan-page').click();
    await popup.getByTestId('scan-file').setInputFiles(fixturePath('google_auth_migration/Exported-QR-codes.png'));
    await expect.poll(() => popup.getByTestId('scan-row').count(), { timeout: 30_000 }).toBe(20);
    await popup.close();
  });

  it('says so for a file that is not an image', async () => {
    const popup = await openPopup(browser);
    await popup.getByTestId('search').waitFor();
    await popup.getByTestId('scan-page').click();
    // The page scan the button started may answer before or after the file: either way, once
    // both have answered, what the file said is still on screen.
    await popup.getByTestId('scan-file').setInputFiles(fixturePath('google_auth_migration/text_masquerading_as_image.jpeg'));
    await expect.poll(() => popup.getByTestId('scan-messages').textContent()).toMatch(/not an image/);
    await expect.poll(() => popup.evaluate(() => performance.getEntriesByName('sesame:scan-replied').length)).toBe(1);
    await expect.poll(() => popup.locator('main.scan-screen').getAttribute('aria-busy')).toBe('false');
    expect(await popup.getByTestId('scan-messages').textContent()).toMatch(/not an image/);
    expect(await popup.getByTestId('scan-row').count()).toBe(0);
    await popup.close();
  });
});
