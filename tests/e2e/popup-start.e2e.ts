/**
 * Issue 14, "Codes on screen as fast as an empty page, even when the background is asleep": the
 * popup paints its first screen from what the stores hold (storage.session's snapshot while
 * unlocked, storage.local's vault flag and wait while locked) and asks the background nothing
 * before it has; then it tells the background it was used. While open, rows are redrawn only
 * when a code changes or a next code appears; the countdowns run in CSS. Speed itself is measured
 * by `npm run bench`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openPopup, PASSPHRASE, readCode, unlock, setUpWithAccounts, type Launched } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const ACME = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SIXTY = 'ORSXG5BNONSWG4TFOQWWC3TEFVWW64TFEBWWC4TFEBUW4ZTP';
const URIS = [
  `otpauth://totp/Acme:alice?secret=${ACME}&issuer=Acme`,
  `otpauth://totp/Sixty:erin?secret=${SIXTY}&issuer=Sixty&period=60&algorithm=SHA256&digits=8`,
];

type Chrome = {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> };
    storage: {
      local: { set(items: object): Promise<void>; remove(key: string): Promise<void> };
      session: {
        get(key: string): Promise<Record<string, unknown>>;
        set(items: object): Promise<void>;
        remove(key: string): Promise<void>;
      };
    };
  };
};

let browser: Launched;

beforeAll(async () => {
  browser = await launch();
  // Every Sesame page of this browser notes, in order, each message it sends to the background
  // and whether its first screen (codes or unlock form) was in the page at that moment.
  await browser.context.addInitScript(() => {
    const api = (globalThis as unknown as Chrome).chrome;
    if (!api?.runtime?.sendMessage) return;
    const log: { type: string; painted: boolean }[] = [];
    (globalThis as unknown as { sentLog: typeof log }).sentLog = log;
    const send = api.runtime.sendMessage.bind(api.runtime);
    api.runtime.sendMessage = (message: unknown) => {
      const painted = document.querySelector('[data-testid="code"], [data-testid="unlock-passphrase"]') !== null;
      log.push({ type: (message as { type: string }).type, painted });
      return send(message);
    };
  });
  await setUpWithAccounts(browser, URIS);
}, 120_000);
afterAll(() => browser?.close());

/** Stops the background's service worker, as the browser does after 30 s idle, and waits until it has. */
async function putBackgroundToSleep(): Promise<void> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.every((v) => v.runningStatus === 'stopped')) resolve();
    }),
  );
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  await page.close();
}

const sentLog = (page: Page) => page.evaluate(() => (globalThis as unknown as { sentLog: { type: string; painted: boolean }[] }).sentLog);

/** Sets the clock offset (settings, in seconds) from a Sesame page. */
async function setOffset(seconds: number): Promise<void> {
  const page = await openPopup(browser);
  await page.evaluate((s) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'set-settings', settings: s }), {
    autoLockMinutes: 15,
    timeOffsetSeconds: seconds,
  });
  await page.close();
}

/** Sets the clock offset so that the popup's time is `secondsIntoStep` (+ up to 1) into a 30 s step; returns it in ms. */
async function offsetTo(secondsIntoStep: number): Promise<number> {
  const offset = (((secondsIntoStep - Math.floor(Date.now() / 1000)) % 30) + 30) % 30;
  await setOffset(offset);
  return offset * 1000;
}

describe('the popup paints before it asks the background anything', () => {
  it('with the background asleep, the codes oathtool computes, then the auto-lock restarts', async () => {
    const first = await openPopup(browser);
    await first.getByTestId('code').first().waitFor();
    const armed = (await first.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.get('auto-lock')))!.scheduledTime;
    await first.close();

    await putBackgroundToSleep();
    const popup = await openPopup(browser);
    await popup.getByTestId('code').first().waitFor();
    const acme = await readCode(popup, 'Acme');
    expect(oracleCodes((t) => oathtoolCode(ACME, t), acme.before, acme.after)).toContain(acme.code);
    const sixty = await readCode(popup, 'Sixty');
    expect(oracleCodes((t) => oathtoolCode(SIXTY, t, { period: 60, algorithm: 'SHA256', digits: 8 }), sixty.before, sixty.after)).toContain(
      sixty.code,
    );
    // Then it tells the background it was used: the auto-lock counts from now.
    await expect
      .poll(async () => (await popup.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.get('auto-lock')))!.scheduledTime)
      .toBeGreaterThan(armed);
    const log = await sentLog(popup);
    expect(log.length).toBeGreaterThan(0);
    expect(log.filter((m) => !m.painted)).toEqual([]);
    // The whole accounts arrive too: the edit screen opens.
    await popup.locator('[data-testid="account"][data-issuer="Acme"] [data-testid="edit"]').click();
    await popup.getByTestId('back').waitFor();
    await popup.close();
  });

  it('locked, with the background asleep: the unlock form, with the wait after repeated wrong passphrases', async () => {
    const popup = await openPopup(browser);
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-passphrase').waitFor();
    await popup.close();

    await putBackgroundToSleep();
    const locked = await openPopup(browser);
    await locked.getByTestId('unlock-passphrase').waitFor();
    expect((await sentLog(locked)).filter((m) => !m.painted)).toEqual([]);
    await locked.close();

    // Six wrong passphrases in a row, the last just now (what the background counts in storage.local).
    const page = await openPopup(browser);
    await page.getByTestId('unlock-passphrase').waitFor();
    await page.evaluate(() =>
      (globalThis as unknown as Chrome).chrome.storage.local.set({ unlockFailures: { count: 6, lastAt: Date.now() } }),
    );
    await page.close();
    await putBackgroundToSleep();
    const waiting = await openPopup(browser);
    await expect.poll(() => waiting.getByTestId('unlock-error').textContent()).toMatch(/\d+/);
    expect(await waiting.getByTestId('unlock-submit').isDisabled()).toBe(true);
    expect((await sentLog(waiting)).filter((m) => !m.painted)).toEqual([]);
    await waiting.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.remove('unlockFailures'));
    await waiting.reload();
    await unlock(waiting, PASSPHRASE);
    await waiting.getByTestId('code').first().waitFor();
    await waiting.close();
  });

  it('a lock that came between reading the snapshot and painting still wins: the popup drops the codes', async () => {
    const popup = await openPopup(browser);
    await popup.getByTestId('code').first().waitFor();
    // The first screen's snapshot: what a popup paints from.
    const snapshot = (await popup.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.get('popupFirstScreen')))[
      'popupFirstScreen'
    ];
    expect(typeof snapshot).toBe('string');
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-passphrase').waitFor();
    // As if a popup had read the snapshot just before the lock removed it.
    await popup.evaluate((s) => (globalThis as unknown as Chrome).chrome.storage.session.set({ popupFirstScreen: s }), snapshot);
    await popup.close();

    const stale = await openPopup(browser);
    await stale.getByTestId('unlock-passphrase').waitFor();
    expect(await stale.getByTestId('account').count()).toBe(0);
    // It did paint the snapshot's codes, then its 'touch' was answered err_locked.
    expect((await sentLog(stale))[0]).toEqual({ type: 'touch', painted: true });
    await stale.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.remove('popupFirstScreen'));
    await unlock(stale, PASSPHRASE);
    await stale.getByTestId('code').first().waitFor();
    await stale.close();
  });
});

describe('while the popup is open', () => {
  it('rows are not redrawn while the countdowns run (in CSS)', async () => {
    await offsetTo(3); // 22 s before anything changes
    const popup = await openPopup(browser);
    await popup.getByTestId('code').first().waitFor();
    // Start-up answers (the background's state, "For this site") may redraw once; then nothing.
    await popup.waitForTimeout(1500);
    const strip = popup.locator('[data-testid="account"][data-issuer="Acme"] [data-testid="countdown"] .seconds');
    const before = await strip.evaluate((el) => getComputedStyle(el).transform);
    const changes = await popup.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          const observer = new MutationObserver((records) => void (count += records.length));
          observer.observe(document.getElementById('accounts')!, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(() => {
            observer.disconnect();
            resolve(count);
          }, 2500);
        }),
    );
    expect(changes).toBe(0);
    // ... while the seconds moved on.
    expect(await strip.evaluate((el) => getComputedStyle(el).transform)).not.toBe(before);
    await popup.close();
  });

  it('the next code appears in the last 5 s and becomes the code at the boundary, both as oathtool says', async () => {
    const offsetMs = await offsetTo(23);
    const popup = await openPopup(browser);
    const row = popup.locator('[data-testid="account"][data-issuer="Acme"]');
    await row.getByTestId('code').waitFor();
    const next = row.getByTestId('next-code');
    await next.waitFor({ timeout: 10_000 });
    const shownAt = Date.now() + offsetMs;
    const nextCode = ((await next.textContent()) ?? '').replace(/\D/g, '');
    const stepEnd = Math.ceil(shownAt / 30_000) * 30_000;
    expect(nextCode).toBe(oathtoolCode(ACME, stepEnd));
    expect(stepEnd - shownAt).toBeLessThanOrEqual(5_000);
    // The boundary: the code is the next code, and "next" is gone.
    await expect.poll(async () => (await readCode(popup, 'Acme')).code, { timeout: 10_000 }).toBe(nextCode);
    expect(await next.count()).toBe(0);
    await popup.close();
    await setOffset(0);
  });
});
