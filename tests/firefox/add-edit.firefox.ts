/**
 * Adding by form and by a generated secret, edit, pin, delete and "pop out" in Firefox. Codes
 * checked against oathtool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { byTestId, click, count, fill, inBrowserWindow, launch, readCode, row, setUpInPopup, waitForText, type Firefox } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

declare const Services: { wm: { getEnumerator(type: string): Iterable<{ gBrowser: { browsers: { currentURI: { spec: string } }[] } }> } };

describe('add by form and by a generated secret; edit, pin, delete; pop out', () => {
  let ff: Firefox;
  let page: Page;
  beforeAll(async () => {
    ff = await launch();
    page = await setUpInPopup(ff);
  });
  afterAll(() => ff?.close());

  const issuers = () => page.$$eval(byTestId('account'), (rows) => rows.map((r) => r.getAttribute('data-issuer')));

  it('the form tolerates spaces and lower case in the secret and names a bad field', async () => {
    await click(page, byTestId('add'));
    await click(page, byTestId('add-tab-form'));
    await fill(page, byTestId('add-issuer'), 'Formly');
    await fill(page, byTestId('add-label'), 'zoe');
    await fill(page, byTestId('add-secret'), 'jbsw y3dp ehpk 3pxp');
    await click(page, byTestId('add-form-submit'));
    await waitForText(page, byTestId('add-result'), /Added 1/);
    await fill(page, byTestId('add-issuer'), 'Broken');
    await fill(page, byTestId('add-secret'), 'this is not base32!');
    await click(page, byTestId('add-form-submit'));
    await waitForText(page, byTestId('add-result'), /Base32|secret/i);
    await click(page, byTestId('back'));
    await page.waitForSelector(row('Formly'));
    expect(await count(page, byTestId('account'))).toBe(1);
    const { code, before, after } = await readCode(page, 'Formly');
    expect(oracleCodes((t) => oathtoolCode('JBSWY3DPEHPK3PXP', t), before, after)).toContain(code);
  });

  it('generates a 160-bit secret with its link and QR code, and saves it', async () => {
    await click(page, byTestId('add'));
    await click(page, byTestId('add-tab-generate'));
    await fill(page, byTestId('gen-issuer'), 'My Service');
    await fill(page, byTestId('gen-label'), 'admin');
    const secret = await page.$eval(byTestId('gen-secret'), (el) => (el as HTMLInputElement).value);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.$eval(byTestId('gen-uri'), (el) => (el as HTMLTextAreaElement).value)).toContain(`secret=${secret}`);
    expect(await count(page, 'svg.qr')).toBe(1);
    await click(page, byTestId('gen-submit'));
    await waitForText(page, byTestId('add-result'), /Added 1/);
    await click(page, byTestId('back'));
    await page.waitForSelector(row('My Service'));
    const { code, before, after } = await readCode(page, 'My Service');
    expect(oracleCodes((t) => oathtoolCode(secret, t), before, after)).toContain(code);
  });

  it('renames and pins to the top, and deletes only after a confirmation', async () => {
    await click(page, `${row('My Service')} ${byTestId('edit')}`);
    await fill(page, byTestId('edit-issuer'), 'Renamed');
    await click(page, byTestId('edit-pinned'));
    await click(page, byTestId('edit-save'));
    await page.waitForSelector(row('Renamed'));
    expect(await issuers()).toEqual(['Renamed', 'Formly']);

    await click(page, `${row('Formly')} ${byTestId('edit')}`);
    await click(page, byTestId('delete'));
    await click(page, byTestId('delete-cancel'));
    await click(page, byTestId('back'));
    await page.waitForSelector(row('Formly'));
    await click(page, `${row('Formly')} ${byTestId('edit')}`);
    await click(page, byTestId('delete'));
    await click(page, byTestId('delete-confirm'));
    await page.waitForSelector(byTestId('search'));
    await expect.poll(issuers).toEqual(['Renamed']);
  });

  it('"pop out" opens the popup in a window of its own, bound to the same tab', async () => {
    const boundTab = await page.evaluate(
      async () =>
        (await (globalThis as unknown as { browser: { tabs: { getCurrent(): Promise<{ id?: number }> } } }).browser.tabs.getCurrent()).id,
    );
    await click(page, byTestId('pop-out'));
    const windows = () =>
      inBrowserWindow(ff, () =>
        [...Services.wm.getEnumerator('navigator:browser')].flatMap((w) => w.gBrowser.browsers.map((b) => b.currentURI.spec)),
      );
    await expect.poll(windows, { timeout: 15_000 }).toContainEqual(expect.stringMatching(new RegExp(`/popup\\.html\\?tab=${boundTab}$`)));
  });
});
