/**
 * "Lock when the computer locks" in Firefox, which never reports the idle state `locked`: Sesame
 * locks when Firefox reports `idle` (no keyboard or mouse input for 5 minutes, set by the
 * background). Here the detection interval is shortened to Firefox's minimum (15 s) from an add-on
 * page, and the test gives no input until the vault is locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { byTestId, launch, reload, setUpInPopup, type Firefox } from './harness';

type Api = {
  idle: { setDetectionInterval(s: number): void };
  runtime: { sendMessage(m: object): Promise<{ ok: boolean; value?: { phase?: string } }> };
};

describe('Firefox: a long idle locks Sesame', () => {
  let ff: Firefox;
  let page: Page;
  beforeAll(async () => {
    ff = await launch();
    page = await setUpInPopup(ff);
  });
  afterAll(() => ff?.close());

  it('locks once Firefox reports the computer idle', async () => {
    await page.evaluate(() => (globalThis as unknown as { browser: Api }).browser.idle.setDetectionInterval(15));
    // Asking for the state counts as use (it re-arms auto-lock), never as input the idle service sees.
    await expect
      .poll(
        () =>
          page.evaluate(
            async () => (await (globalThis as unknown as { browser: Api }).browser.runtime.sendMessage({ type: 'state' })).value?.phase,
          ),
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe('locked');
    await reload(page, byTestId('unlock-passphrase'));
  }, 90_000);
});
