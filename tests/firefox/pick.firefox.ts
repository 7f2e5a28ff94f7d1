/**
 * "Click the field" in Firefox (issue 15): a fill that finds no field offers the one-shot picker;
 * the field the user then clicks gets the code, which the page's own script reads back equal to
 * oathtool's; Escape cancels and the page receives nothing.
 *
 * Firefox's background is an event page, suspended once it has been idle for
 * `extensions.background.idle.timeout` (30 s by default) while the picker waits for a click for up to
 * two minutes, and the toolbar popup that asked closes as soon as the user clicks into the page. So
 * one test closes the popup, waits past two idle timeouts (the pref is shortened to 8 s here, so the
 * test does not take a minute; the pending reply to the popup buys one more) and then picks: the
 * background must still be there to hand over the code. (lock-everywhere.firefox.ts shows the
 * shortened pref does suspend an idle event page.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  addUris,
  backgroundSuspensions,
  byTestId,
  click,
  clickToolbarButton,
  closeAll,
  launch,
  openPage,
  openPopup,
  row,
  saveSite,
  servePages,
  setUpInPopup,
  waitForText,
  watchBackground,
  type Firefox,
  type PageServer,
} from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const GITHUB = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PICKER = 'sesame-field-picker';
/** Firefox's idle timeout for event pages, shortened from 30 s for this file's browser. */
const IDLE_MS = 8_000;

let ff: Firefox;
let server: PageServer;
const opened: Page[] = [];
const readBack = (site: Page) => site.evaluate(() => (window as unknown as { readBack(): string }).readBack());
const readAll = (site: Page) => site.evaluate(() => (window as unknown as { readAll(): Record<string, string> }).readAll());
const githubCodes = (before: number, after: number) => oracleCodes((t) => oathtoolCode(GITHUB, t), before, after);
const pickerShown = (site: Page) => site.$$eval(PICKER, (els) => els.length);

beforeAll(async () => {
  server = await servePages('tests/e2e/pages/autofill');
  ff = await launch(undefined, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  await watchBackground(ff);
  const home = await setUpInPopup(ff);
  expect(await addUris(home, [`otpauth://totp/GitHub:octocat?secret=${GITHUB}&issuer=GitHub`])).toBe('Added 1 account.');
  await saveSite(home, 'GitHub', `http://github.localhost:${server.port}`);
  await home.close();
});
afterAll(() => closeAll(ff, server));

/** Opens the page no rule finds a field in, fills from the popup bound to it, and waits for the offer. */
async function noFieldFound(): Promise<{ site: Page; popup: Page }> {
  for (const p of opened.splice(0)) await p.close();
  const site = await openPage(ff, `http://github.localhost:${server.port}/pick.html`, '#answer');
  const popup = await openPopup(ff, await clickToolbarButton(ff, site));
  opened.push(site, popup);
  await click(popup, `${row('GitHub')} ${byTestId('fill')}`);
  await waitForText(popup, byTestId('status'), /^No code field found on this page/);
  await popup.waitForSelector(byTestId('fill-pick'));
  return { site, popup };
}

async function startPicker(site: Page, popup: Page): Promise<void> {
  await click(popup, byTestId('fill-pick'));
  await site.waitForSelector(PICKER);
  expect(await readAll(site)).toEqual({ answer: '', nick: '', pw: '' });
  await site.bringToFront();
}

describe('"Click the field" in Firefox', () => {
  it("the field the user clicks gets oathtool's code; a password field is refused, and it is one-shot", async () => {
    const { site, popup } = await noFieldFound();
    await startPicker(site, popup);
    await site.click('#pw');
    expect(await pickerShown(site)).toBe(1);
    const before = Date.now();
    await site.click('#answer');
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(githubCodes(before, Date.now())).toContain(await readBack(site));
    expect(await readAll(site)).toMatchObject({ nick: '', pw: '' });
    await waitForText(popup, byTestId('status'), /^Filled the code for GitHub/);
    await expect.poll(() => pickerShown(site)).toBe(0);
    await site.click('#nick');
    expect(await readAll(site)).toMatchObject({ nick: '' });
  });

  it('Escape cancels: the page receives nothing, then or on a later click', async () => {
    const { site, popup } = await noFieldFound();
    await startPicker(site, popup);
    await site.keyboard.press('Escape');
    await waitForText(popup, byTestId('status'), /^Nothing was filled/);
    expect(await pickerShown(site)).toBe(0);
    await site.click('#answer');
    expect(await readAll(site)).toEqual({ answer: '', nick: '', pw: '' });
  });

  it('the popup closes, the user takes longer than the idle timeout: the event page stays, and the click still fills', async () => {
    const { site, popup } = await noFieldFound();
    await startPicker(site, popup);
    // What Firefox does to the toolbar popup when the user clicks into the page.
    await popup.close();
    opened.splice(opened.indexOf(popup), 1);
    const suspended = await backgroundSuspensions(ff);
    await new Promise((r) => setTimeout(r, 2 * IDLE_MS + 1_000)); // the user looks for the field
    expect(await backgroundSuspensions(ff)).toBe(suspended);
    const before = Date.now();
    await site.click('#answer');
    await expect.poll(() => readBack(site)).toMatch(/^\d{6}$/);
    expect(githubCodes(before, Date.now())).toContain(await readBack(site));
  });
});
