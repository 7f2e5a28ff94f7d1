/**
 * The settings page follows the sync status without polling, in Firefox, where it matters most:
 * the event page is suspended once idle, and the old 2 s poll kept it from ever being suspended
 * while settings was open with sync on. Firefox's idle timeout is shortened to 8 s here (the pref
 * is read when the background starts) and its suspensions are counted (`watchBackground`).
 *
 * Checked: with sync on through `storage.sync` and the settings page open, the event page is
 * suspended; an account added in the popup then wakes it, and the open settings page shows the
 * change waiting, then the background's own sync after it, without being reloaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  addUris,
  backgroundSuspensions,
  byTestId,
  click,
  launch,
  openOptions,
  openPopup,
  setUp,
  waitForText,
  watchBackground,
  type Firefox,
} from './harness';
import { uri } from '../e2e/sync-support';
import { recordStatusTexts, statusTexts } from '../support/status-texts';

const IDLE_MS = 8_000;

let ff: Firefox;
let popup: Page;
let options: Page;

beforeAll(async () => {
  ff = await launch(undefined, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  await watchBackground(ff);
  popup = await openPopup(ff);
  await setUp(popup);
  await addUris(popup, [uri('Acme')]);
});
afterAll(() => ff?.close());

describe('the settings page follows the sync status without polling, in Firefox', () => {
  it('with settings open and sync on, the event page is suspended; a change made in the popup still shows there', async () => {
    options = await openOptions(ff);
    await click(options, byTestId('sync-enable'));
    await options.waitForSelector(byTestId('sync-kind'));
    await click(options, byTestId('sync-submit'));
    await waitForText(options, byTestId('sync-result'), /Sync is on/);
    await waitForText(options, byTestId('sync-status'), /Last synced .*Nothing waiting to sync/);
    await options.evaluate(recordStatusTexts);

    // Nothing changes: nothing keeps the event page awake, the open settings page included.
    const suspended = await backgroundSuspensions(ff);
    await expect.poll(() => backgroundSuspensions(ff), { timeout: 4 * IDLE_MS, interval: 250 }).toBeGreaterThan(suspended);

    // A change on another page wakes it; the settings page shows it as waiting, then synced.
    await popup.bringToFront(); // a hidden tab gets no animation frames
    await addUris(popup, [uri('Globex')]);
    await expect
      .poll(() => options.evaluate(statusTexts), { timeout: 15_000, interval: 100 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/1 change waiting to sync/)]));
    await expect
      .poll(async () => (await options.evaluate(statusTexts))?.at(-1), { timeout: 15_000, interval: 100 })
      .toMatch(/Last synced .*Nothing waiting to sync/);
    const texts = (await options.evaluate(statusTexts))!; // null had the page been reloaded
    expect(texts.findIndex((t) => /1 change waiting/.test(t))).toBeLessThan(texts.length - 1);
  });
});
