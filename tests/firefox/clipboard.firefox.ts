/**
 * Issue 9's clipboard clearing in Firefox, which has no offscreen documents: the background page
 * reads the clipboard (`execCommand('paste')`, the `clipboardRead` permission) and clears it only
 * if it still holds the copied code; a lock clears it at once.
 *
 * The background is an event page that Firefox suspends after `extensions.background.idle.timeout`
 * (30 s by default; 8 s here, so the test is short) without activity, timers and all, while the
 * delay runs up to 10 minutes. So the delay here is well past the idle timeout, the popup that
 * copied is closed, and the clipboard must still be cleared, with the event page never suspended
 * meanwhile. (Without the keep-alive this test fails: the code stays. lock-everywhere.firefox.ts
 * shows the shortened pref does suspend an idle event page.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  backgroundSuspensions,
  byTestId,
  click,
  clipboardText,
  fill,
  launch,
  openOptions,
  openPopup,
  row,
  setClipboardText,
  setUpWithAccounts,
  unlock,
  waitForText,
  watchBackground,
  type Firefox,
} from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const IDLE_MS = 8_000;

let ff: Firefox;

beforeAll(async () => {
  ff = await launch(undefined, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  await watchBackground(ff);
  await setUpWithAccounts(ff, [`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`]);
});
afterAll(() => ff?.close());

async function setDelay(seconds: number): Promise<string> {
  const options = await openOptions(ff);
  await options.waitForFunction(() =>
    /\d/.test(document.querySelector<HTMLInputElement>('[data-testid="clipboard-clear-seconds"]')?.value ?? ''),
  );
  const before = await options.$eval(byTestId('clipboard-clear-seconds'), (el) => (el as HTMLInputElement).value);
  await fill(options, byTestId('clipboard-clear-seconds'), String(seconds));
  await click(options, byTestId('clipboard-save'));
  await waitForText(options, byTestId('clipboard-result'), /\S/);
  await options.close();
  return before;
}

/** Opens the popup, copies Acme's code with a click, checks it against oathtool; returns the popup. */
async function copyCode(): Promise<Page> {
  const popup = await openPopup(ff);
  if (await popup.$(byTestId('unlock-passphrase'))) await unlock(popup);
  const before = Date.now();
  await click(popup, `${row('Acme')} ${byTestId('code')}`);
  await waitForText(popup, byTestId('status'), /Copied/);
  expect(oracleCodes((t) => oathtoolCode(SECRET, t), before, Date.now())).toContain(await clipboardText(ff));
  return popup;
}

describe('a copied code leaves the clipboard, in Firefox', () => {
  it('after the delay (14 s here, well past the idle timeout), with the popup closed and the event page kept running meanwhile', async () => {
    expect(await setDelay(14)).toBe('30');
    const popup = await copyCode();
    const suspended = await backgroundSuspensions(ff);
    await popup.close();
    await expect.poll(() => clipboardText(ff), { timeout: 30_000, interval: 500 }).toBe('');
    expect(await backgroundSuspensions(ff)).toBe(suspended);
  });

  it('but not when the user copied something else meanwhile', async () => {
    await setDelay(5);
    const copiedAt = Date.now();
    const popup = await copyCode();
    await setClipboardText(ff, 'the user copied this');
    await popup.close();
    // The check runs 5 s after the copy; give it time to run, then it must have left the text alone.
    await new Promise((r) => setTimeout(r, copiedAt + 6_500 - Date.now()));
    expect(await clipboardText(ff)).toBe('the user copied this');
  });

  it('at once when Sesame locks', async () => {
    await setDelay(600);
    const popup = await copyCode();
    await click(popup, byTestId('lock'));
    await popup.waitForSelector(byTestId('unlock-passphrase'));
    await expect.poll(() => clipboardText(ff), { timeout: 5_000 }).toBe('');
    await popup.close();
  });
});
