/**
 * The saved first screens in Firefox (components/popup/saved-screen.ts, keep-saved-screen.tsx; the
 * Chromium suite's tests/e2e/saved-screen.e2e.ts checks what that first frame shows): an open
 * popup saves the screen of codes in `storage.session` and the unlock form in `storage.local`, and
 * the next popup paints the one for its stores at once, before its own code has loaded.
 *
 * Firefox runs no test script ahead of an extension page's own (puppeteer's evaluateOnNewDocument
 * does not reach moz-extension:// pages), so which way the first screen came is read from the
 * popup's performance marks: painted from a saved screen, its mark (`sesame:codes-visible` /
 * `sesame:unlock-visible`) comes before `sesame:popup-ready`, set once its own code has taken the
 * screen over (start-popup.ts, mount-popup.tsx); rendered by that code, after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { byTestId, click, launch, openOptions, openPopup, readCode, setUpWithAccounts, unlock, type Firefox } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const ACME = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SIXTY = 'ORSXG5BNONSWG4TFOQWWC3TEFVWW64TFEBWWC4TFEBUW4ZTP';
const URIS = [
  `otpauth://totp/Acme:alice?secret=${ACME}&issuer=Acme`,
  `otpauth://totp/Sixty:erin?secret=${SIXTY}&issuer=Sixty&period=60&algorithm=SHA256&digits=8`,
];

type Area = { get(key: string | null): Promise<Record<string, unknown>>; remove(key: string): Promise<void> };
type Browser = { browser: { storage: { session: Area; local: Area } } };

/** How the popup in `page` got its first screen (`mark`), once its own code is in charge. */
async function firstScreenWay(page: Page, mark: 'sesame:codes-visible' | 'sesame:unlock-visible'): Promise<'saved' | 'rendered'> {
  const times = () =>
    page.evaluate((names) => names.map((name) => performance.getEntriesByName(name)[0]?.startTime ?? null), [mark, 'sesame:popup-ready']);
  await expect.poll(async () => (await times()).every((time) => time !== null)).toBe(true);
  const [painted, ready] = (await times()) as [number, number];
  return painted < ready ? 'saved' : 'rendered';
}

/** The saved screen's HTML in `area` under `key` ('' if none), read from a Sesame page. */
const savedHtml = (page: Page, area: 'session' | 'local', key: string) =>
  page.evaluate(
    async (area, key) => {
      const { [key]: saved } = await (globalThis as unknown as Browser).browser.storage[area].get(key);
      return (saved as { html?: string } | undefined)?.html ?? '';
    },
    area,
    key,
  );

/** Both rows' codes as oathtool computes them around the moment they were read. */
async function expectOathtoolCodes(page: Page): Promise<void> {
  const acme = await readCode(page, 'Acme');
  expect(oracleCodes((t) => oathtoolCode(ACME, t), acme.before, acme.after)).toContain(acme.code);
  const sixty = await readCode(page, 'Sixty');
  expect(oracleCodes((t) => oathtoolCode(SIXTY, t, { period: 60, algorithm: 'SHA256', digits: 8 }), sixty.before, sixty.after)).toContain(
    sixty.code,
  );
}

describe('saved first screens in Firefox', () => {
  let ff: Firefox;
  beforeAll(async () => {
    ff = await launch();
    await setUpWithAccounts(ff, URIS);
  }, 120_000);
  afterAll(() => ff?.close());

  it('without a saved screen the popup renders its own and saves it; the next popup paints that one, with oathtool’s codes', async () => {
    // The popup that set the vault up saved one already: this test starts without.
    const settings = await openOptions(ff);
    await settings.evaluate(() => (globalThis as unknown as Browser).browser.storage.session.remove('popupSavedScreen'));
    await settings.close();
    const once = await openPopup(ff);
    expect(await firstScreenWay(once, 'sesame:codes-visible')).toBe('rendered');
    await expect.poll(() => savedHtml(once, 'session', 'popupSavedScreen')).toContain('Sixty');
    await expect.poll(() => savedHtml(once, 'local', 'popupSavedUnlockForm')).toContain('unlock-passphrase');
    await once.close();

    const page = await openPopup(ff);
    expect(await firstScreenWay(page, 'sesame:codes-visible')).toBe('saved');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await expectOathtoolCodes(page);
    await page.close();
  });

  it('after a lock, the next popup paints the saved unlock form, storage.session holds nothing, and the form unlocks', async () => {
    const open = await openPopup(ff);
    await click(open, byTestId('lock'));
    await open.waitForSelector(byTestId('unlock-passphrase'));
    await open.close();

    const page = await openPopup(ff);
    expect(await firstScreenWay(page, 'sesame:unlock-visible')).toBe('saved');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unlock-passphrase');
    expect(
      await page.evaluate(async () => Object.keys(await (globalThis as unknown as Browser).browser.storage.session.get(null))),
    ).toEqual([]);
    await unlock(page);
    await expectOathtoolCodes(page);
    await page.close();
  });
});
