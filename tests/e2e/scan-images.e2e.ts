/**
 * Issue 3, image files: on the options page, choose, drop or paste pictures of QR codes (the real
 * 2-part Google export as PNG and WebP, a JPEG screenshot of a generated code): every code is found,
 * the same confirmation as the popup (duplicates unchecked), one add, codes that match oathtool.
 * In the popup, an image dropped on the scan screen or pasted into it is read the same way.
 *
 * The Google export's secrets are read independently of Sesame: zbarimg decodes the QR codes and
 * the oracles' migration reader (written from google_auth.proto) gives the secrets for oathtool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import {
  closeAll,
  launch,
  openOptions,
  openPopup,
  readCode,
  seriousA11yViolations,
  servePages,
  setUpVault,
  type Launched,
  type PageServer,
} from './harness';
import { base32Encode, migrationDecode, oathtoolCode, oracleCodes, zbarimg } from '../support/oracles';
import { fixturePath } from '../support/fixtures';

const EXPORT_PNG = fixturePath('google_auth_migration/Exported-QR-codes.png');
const EXPORT_WEBP = fixturePath('google_auth_migration/Exported-QR-codes.webp');
const NOT_OTP_PNG = fixturePath('google_auth_migration/qr_but_without_otp.png');
/** name -> Base32 secret of every account in the export codes zbarimg finds in an image. */
function exportSecretsByZbar(image: string): Map<string, string> {
  const links = zbarimg(image);
  expect(links).toHaveLength(2);
  return new Map(links.flatMap((link) => migrationDecode(link).accounts.map((a) => [a.name, a.secret] as const)));
}

let browser: Launched;
let pages: PageServer;
let base: string;

beforeAll(async () => {
  pages = await servePages('tests/e2e/pages/scan');
  base = pages.origin;
  browser = await launch();
  await setUpVault(browser);
});
afterAll(() => closeAll(browser, pages));

let serial = 0;
/** A new TOTP account with a random secret. */
function fresh(name: string): { issuer: string; label: string; secret: string; uri: string } {
  const secret = base32Encode(crypto.getRandomValues(new Uint8Array(20)));
  const issuer = `${name}${++serial}`;
  const label = `user${serial}@example.com`;
  return { issuer, label, secret, uri: `otpauth://totp/${encodeURIComponent(`${issuer}:${label}`)}?secret=${secret}&issuer=${issuer}` };
}

/** A JPEG screenshot of a page showing the QR code of `text` (rendered by the demo server's /qr.svg). */
async function qrJpeg(l: Launched, text: string): Promise<Buffer> {
  const page = await l.context.newPage();
  await page.setContent(
    `<body style="margin:40px;background:#fff"><img id="qr" src="${base}/qr.svg?cell=6&text=${encodeURIComponent(text)}"></body>`,
  );
  await page.locator('#qr').evaluate((img: HTMLImageElement) => img.decode());
  const jpeg = await page.screenshot({ type: 'jpeg', quality: 80 });
  await page.close();
  expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  return jpeg;
}

interface FileBytes {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/**
 * What the browser does when the user drops files on an element or pastes them: a synthetic
 * `dragover` + `drop`, or `paste`, whose DataTransfer holds Files built in the page from the bytes.
 */
async function dispatchFiles(page: Page, selector: string, kind: 'drop' | 'paste', files: readonly FileBytes[]): Promise<void> {
  await page.evaluate(
    ({ selector, kind, files }) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      const target = document.querySelector(selector)!;
      if (kind === 'paste') {
        target.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
      } else {
        target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
        target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { selector, kind, files: files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') })) },
  );
}

async function optionsReady(): Promise<Page> {
  const options = await openOptions(browser);
  await options.getByTestId('scan-image-file').waitFor({ timeout: 30_000 });
  return options;
}

/** The scan row's live code and the times around reading it. */
async function previewCode(page: Page, rowSelector: string): Promise<{ code: string; before: number; after: number }> {
  const before = Date.now();
  const text = await page.locator(`${rowSelector} [data-testid="scan-code"]`).textContent();
  return { code: (text ?? '').replace(/\s/g, ''), before, after: Date.now() };
}

/** The popup lists the account (found by searching its label) with oathtool's code. */
async function expectInPopup(label: string, secret: string): Promise<void> {
  const popup = await openPopup(browser);
  await popup.getByTestId('search').fill(label);
  const row = popup.locator(`[data-testid="account"][data-label="${label}"]`);
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  const before = Date.now();
  const code = ((await row.getByTestId('code').textContent()) ?? '').replace(/\s/g, '');
  expect(oracleCodes((t) => oathtoolCode(secret, t), before, Date.now())).toContain(code);
  await popup.close();
}

describe('scan QR code images on the options page', () => {
  it('finds both codes of the real 2-part Google export PNG: 20 accounts, codes match oathtool, axe clean, one add', async () => {
    const secrets = exportSecretsByZbar(EXPORT_PNG);
    expect(secrets.size).toBe(20);
    const options = await optionsReady();
    const started = Date.now();
    await options.getByTestId('scan-image-file').setInputFiles(EXPORT_PNG);
    await expect.poll(() => options.getByTestId('scan-row').count(), { timeout: 30_000 }).toBe(20);
    console.info(`options page: 2-code export PNG to 20 rows in ${Date.now() - started} ms`);
    // The export holds accounts with the same secret and no issuer (Test1 = test2 = test4 = test6,
    // test7 = test8): Sesame marks the later ones as duplicates and leaves them unchecked.
    const duplicates = await options
      .locator('[data-testid="scan-row"][data-duplicate="true"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')));
    expect(duplicates).toHaveLength(20 - new Set(secrets.values()).size);
    for (const d of duplicates) expect([...secrets].filter(([, s]) => s === secrets.get(d!)).length, d!).toBeGreaterThan(1);
    expect(await options.locator('[data-testid="scan-check"]:checked').count()).toBe(16);
    const labels = await options.getByTestId('scan-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')));
    expect(new Set(labels)).toEqual(new Set(secrets.keys()));
    // The live code of every row is oathtool's for the secret zbarimg read.
    for (const [name, secret] of secrets) {
      const { code, before, after } = await previewCode(options, `[data-testid="scan-row"][data-label="${name}"]`);
      expect(
        oracleCodes((t) => oathtoolCode(secret, t), before, after),
        name,
      ).toContain(code);
    }
    expect(await seriousA11yViolations(options)).toEqual([]);
    // They are different accounts to this user: check them too.
    for (const d of duplicates) await options.locator(`[data-testid="scan-row"][data-label="${d}"] [data-testid="scan-check"]`).check();
    expect(await options.getByTestId('scan-confirm').textContent()).toContain('20');
    // Count the add requests the page sends (one for all 20 accounts).
    await options.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: { type?: string }) => unknown } } }).chrome.runtime;
      const original = api.sendMessage.bind(api);
      (window as unknown as { adds: string[] }).adds = [];
      api.sendMessage = (m: { type?: string }) => {
        if (m?.type === 'add') (window as unknown as { adds: string[] }).adds.push(m.type);
        return original(m);
      };
    });
    await options.getByTestId('scan-confirm').click();
    await expect.poll(() => options.getByTestId('scan-image-result').textContent(), { timeout: 10_000 }).toMatch(/Added 20 account/);
    expect(await options.evaluate(() => (window as unknown as { adds: string[] }).adds)).toEqual(['add']);
    expect(await options.getByTestId('scan-row').count()).toBe(0);
    await expectInPopup('test7', secrets.get('test7')!);

    // The same picture again: every account is a duplicate, unchecked, nothing to add.
    await options.getByTestId('scan-image-file').setInputFiles(EXPORT_PNG);
    await expect.poll(() => options.locator('[data-testid="scan-row"][data-duplicate="true"]').count(), { timeout: 30_000 }).toBe(20);
    expect(await options.locator('[data-testid="scan-check"]:checked').count()).toBe(0);
    expect(await options.getByTestId('scan-confirm').isDisabled()).toBe(true);
    await options.close();
  });

  it('reads a JPEG screenshot dropped on the drop zone and adds the account', async () => {
    const a = fresh('Jpeg');
    const jpeg = await qrJpeg(browser, a.uri);
    const options = await optionsReady();
    await dispatchFiles(options, '[data-testid="scan-image-drop"]', 'drop', [{ name: 'screenshot.jpg', type: 'image/jpeg', bytes: jpeg }]);
    const row = options.locator(`[data-testid="scan-row"][data-issuer="${a.issuer}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-label')).toBe(a.label);
    await options.getByTestId('scan-confirm').click();
    await expect.poll(() => options.getByTestId('scan-image-result').textContent()).toMatch(/Added 1 account/);
    await options.close();
    await expectInPopup(a.label, a.secret);
  });

  it('a pasted picture of a code that is not two-factor gets a message and adds nothing', async () => {
    const options = await optionsReady();
    await dispatchFiles(options, 'body', 'paste', [{ name: 'image.png', type: 'image/png', bytes: fs.readFileSync(NOT_OTP_PNG) }]);
    await expect
      .poll(() => options.getByTestId('scan-messages').textContent(), { timeout: 20_000 })
      .toMatch(/plain text, not a two-factor secret/);
    expect(await options.getByTestId('scan-row').count()).toBe(0);
    await options.close();
  });
});

describe('scan the WebP export on the options page of a new vault', () => {
  it('finds both codes of the real Google export WebP: 20 rows, the 16 distinct secrets added, codes match oathtool', async () => {
    await browser.close();
    browser = await launch();
    await setUpVault(browser);
    const secrets = exportSecretsByZbar(EXPORT_PNG);
    const options = await optionsReady();
    await options.getByTestId('scan-image-file').setInputFiles(EXPORT_WEBP);
    await expect.poll(() => options.getByTestId('scan-row').count(), { timeout: 30_000 }).toBe(20);
    const labels = await options.getByTestId('scan-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label')));
    expect(new Set(labels)).toEqual(new Set(secrets.keys()));
    await options.getByTestId('scan-confirm').click();
    await expect.poll(() => options.getByTestId('scan-image-result').textContent(), { timeout: 10_000 }).toMatch(/Added 16 account/);
    await options.close();
    await expectInPopup('testscan', secrets.get('testscan')!);
    await expectInPopup('test9', secrets.get('test9')!);
  });
});

describe('drop or paste an image in the popup', () => {
  async function scanScreen(): Promise<Page> {
    const popup = await openPopup(browser);
    await popup.getByTestId('search').waitFor();
    await popup.getByTestId('scan-page').click();
    // The popup has no page to scan here; wait until it has tried.
    await popup.locator('main.scan-screen[aria-busy="false"]').waitFor({ timeout: 30_000 });
    return popup;
  }

  async function confirmAndCheck(popup: Page, a: ReturnType<typeof fresh>): Promise<void> {
    const row = popup.locator(`[data-testid="scan-row"][data-issuer="${a.issuer}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await popup.getByTestId('scan-row').count()).toBe(1);
    await popup.getByTestId('scan-confirm').click();
    await popup.getByTestId('search').fill(a.issuer);
    await expect.poll(() => popup.locator(`[data-testid="account"][data-issuer="${a.issuer}"]`).count()).toBe(1);
    const { code, before, after } = await readCode(popup, a.issuer);
    expect(oracleCodes((t) => oathtoolCode(a.secret, t), before, after)).toContain(code);
  }

  it('reads a JPEG dropped on the scan screen', async () => {
    const a = fresh('PopupDrop');
    const jpeg = await qrJpeg(browser, a.uri);
    const popup = await scanScreen();
    await dispatchFiles(popup, 'main.scan-screen', 'drop', [{ name: 'code.jpg', type: 'image/jpeg', bytes: jpeg }]);
    await confirmAndCheck(popup, a);
    await popup.close();
  });

  it('reads an image pasted into the scan screen', async () => {
    const a = fresh('PopupPaste');
    const jpeg = await qrJpeg(browser, a.uri);
    const popup = await scanScreen();
    await dispatchFiles(popup, 'main.scan-screen', 'paste', [{ name: 'image.jpg', type: 'image/jpeg', bytes: jpeg }]);
    await confirmAndCheck(popup, a);
    await popup.close();
  });
});
