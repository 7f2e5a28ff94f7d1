/**
 * The settings page follows the sync status without asking the background on a timer: the
 * background tells open pages of each change and the page reads the status again then
 * (lib/sync/status-notice.ts). One Chromium profile, sync on through `storage.sync`; every Sesame
 * page notes each message it sends to the background (an init script wraps `runtime.sendMessage`
 * before the page's own code runs).
 *
 * Checked, on one settings page left open (reloaded only for the last two steps): an account added in
 * the popup shows there as a change waiting, then as synced once the background's own sync after
 * the write has run; a sync the background runs on its alarm moves "Last synced" on; sync turned
 * off and on again from a second settings page shows on the first. Then, with sync on and nothing
 * changing, the settings page sends no request at all for 5 s (it used to ask every 2 s, waking
 * the background each time). Last, a write Chrome refuses for its write rate shows as that problem
 * with the time of the next try (when the page takes that line down again, a minute later, is
 * status-refresh.ts's msUntilRetryPasses, unit-tested).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { addUris, closeAll, launch, openOptions, openPopup, setUpWithAccounts, type Launched } from './harness';
import { uri } from './sync-support';
import { recordStatusTexts, statusTexts } from '../support/status-texts';

type Runtime = { sendMessage(message: unknown): Promise<unknown> };
type Api = {
  chrome: {
    runtime: Runtime;
    alarms: { create(name: string, info: object): Promise<void> };
    storage: { sync: { set(items: object): Promise<void> } };
  };
};

let l: Launched;
let worker: Worker;
let options: Page;
let popup: Page;

beforeAll(async () => {
  l = await launch();
  worker = l.context.serviceWorkers()[0]!;
  await l.context.addInitScript(() => {
    const page = globalThis as unknown as { chrome?: { runtime?: Runtime }; browser?: { runtime?: Runtime }; sesameSent?: string[] };
    const sent: string[] = [];
    page.sesameSent = sent;
    // WXT's `browser` is `chrome` in Chromium; both are wrapped should they ever differ.
    for (const runtime of new Set([page.chrome?.runtime, page.browser?.runtime])) {
      if (!runtime?.sendMessage) continue;
      const send = runtime.sendMessage.bind(runtime);
      runtime.sendMessage = (message: unknown) => {
        sent.push(String((message as { type?: unknown } | null)?.type));
        return send(message);
      };
    }
  });
  await setUpWithAccounts(l, [uri('Acme')]);
}, 120_000);
afterAll(() => closeAll(l));

/** Every request the page has sent to the background since it loaded, by type. */
const sent = (page: Page): Promise<string[]> => page.evaluate(() => [...(globalThis as unknown as { sesameSent: string[] }).sesameSent]);
const statusRequests = async (page: Page): Promise<number> => (await sent(page)).filter((type) => type === 'sync-status').length;
const shown = (page: Page) => page.getByTestId('sync-status').textContent();
/** How long a step may take on a busy machine (a change reaches an open page in milliseconds). */
const REACHES = { timeout: 10_000 };
/** What the background answers `sync-status` now (asked from the popup, whose requests are not the settings page's). */
const backgroundStatus = async (): Promise<{ lastSyncAt?: number; pending: number; retryAt?: number }> => {
  const reply = (await popup.evaluate(() => (globalThis as unknown as Api).chrome.runtime.sendMessage({ type: 'sync-status' }))) as {
    ok: boolean;
    value: { lastSyncAt?: number; pending: number; retryAt?: number };
  };
  expect(reply.ok).toBe(true);
  return reply.value;
};

describe('the settings page follows the sync status without polling', () => {
  it('an account added in the popup shows on the open settings page as waiting, then as synced by the background', async () => {
    options = await openOptions(l);
    await options.getByTestId('sync-enable').click();
    await expect.poll(() => options.getByTestId('sync-kind').inputValue(), REACHES).toBe('browser');
    await options.getByTestId('sync-submit').click();
    await expect.poll(() => options.getByTestId('sync-result').textContent(), REACHES).toContain('Sync is on');
    await expect.poll(() => shown(options), REACHES).toMatch(/Last synced .*Nothing waiting to sync/);

    await options.evaluate(recordStatusTexts);
    const reads = await statusRequests(options);
    popup = await openPopup(l);
    await popup.getByTestId('search').waitFor();
    await addUris(popup, [uri('Globex')]);
    // The write shows at once as one change waiting; the sync the background starts a couple of
    // seconds after a write then clears it.
    await expect
      .poll(() => options.evaluate(statusTexts), REACHES)
      .toEqual(expect.arrayContaining([expect.stringMatching(/1 change waiting to sync/)]));
    await expect.poll(async () => (await options.evaluate(statusTexts))?.at(-1), REACHES).toMatch(/Last synced .*Nothing waiting to sync/);
    const texts = (await options.evaluate(statusTexts))!; // null had the page been reloaded
    expect(texts.findIndex((t) => /1 change waiting/.test(t))).toBeLessThan(texts.length - 1);
    expect((await backgroundStatus()).pending).toBe(0);
    expect(await statusRequests(options)).toBeGreaterThan(reads);
  });

  it('a sync the background runs on its alarm moves "Last synced" on', async () => {
    const { lastSyncAt } = await backgroundStatus();
    expect(lastSyncAt).toBeDefined();
    const before = await shown(options);
    // The page shows the time to the second: let the clock reach the next one first.
    const nextSecond = (Math.floor(lastSyncAt! / 1000) + 1) * 1000;
    await expect.poll(() => Date.now() >= nextSecond, { timeout: 2_000 }).toBe(true);
    // The periodic alarm, brought forward (as the browser fires it every 5 minutes).
    await worker.evaluate(() => (globalThis as unknown as Api).chrome.alarms.create('sync', { when: Date.now() + 50, periodInMinutes: 5 }));
    await expect.poll(async () => (await backgroundStatus()).lastSyncAt, REACHES).toBeGreaterThan(lastSyncAt!);
    // On the way the page may show "Syncing now…" (the sync's start, told apart from its end).
    await expect
      .poll(() => shown(options), REACHES)
      .toSatisfy((text: string | null) => text !== before && /Last synced .*Nothing waiting to sync/.test(text ?? ''));
    expect(await options.evaluate(statusTexts)).not.toBeNull();
  });

  it('sync turned off and on again from a second settings page shows on the first', async () => {
    const second = await openOptions(l);
    await second.getByTestId('sync-disable').click();
    await expect.poll(() => second.getByTestId('sync-result').textContent(), REACHES).toContain('Sync is off');
    await expect.poll(() => shown(options), REACHES).toMatch(/Sync is off/);
    expect(await options.getByTestId('sync-enable').isChecked()).toBe(false);

    await second.getByTestId('sync-enable').click();
    await expect.poll(() => second.getByTestId('sync-kind').inputValue(), REACHES).toBe('browser');
    await second.getByTestId('sync-submit').click();
    await expect.poll(() => second.getByTestId('sync-result').textContent(), REACHES).toContain('Sync is on');
    await expect
      .poll(() => shown(options), REACHES)
      .toMatch(/Syncing through this browser's own sync\..*Last synced .*Nothing waiting to sync/);
    expect(await options.getByTestId('sync-enable').isChecked()).toBe(true);
    expect(await options.evaluate(statusTexts)).not.toBeNull();
    await second.close();
  });

  it('with sync on and nothing changing, an open settings page asks the background nothing', async () => {
    // A fresh page on a sync that is on and idle: the status is read once, at load.
    await options.reload();
    await expect.poll(() => shown(options), REACHES).toMatch(/Last synced .*Nothing waiting to sync/);
    expect(await statusRequests(options)).toBeGreaterThanOrEqual(1); // the count sees the page's requests
    const before = await sent(options);
    // An absence is observed over a stretch of time: with the old 2 s poll, 2 or 3 requests here.
    await options.waitForTimeout(5_000);
    expect(await sent(options)).toEqual(before);
    expect(await shown(options)).toMatch(/Last synced .*Nothing waiting to sync/);
  });

  it("a write the browser's sync storage refuses for its rate limit shows as such, with the time of the next try", async () => {
    // Sesame keeps to half of Chrome's 120 writes a minute (storage-sync-transport.ts); the rest is
    // used up here from the background, so the sync after the next change is refused.
    const refused = await worker.evaluate(async () => {
      for (let i = 0; i < 500; i++) {
        try {
          await (globalThis as unknown as Api).chrome.storage.sync.set({ 'test-filler': i });
        } catch (error) {
          return String(error);
        }
      }
      return 'never refused';
    });
    expect(refused).toMatch(/MAX_WRITE_OPERATIONS_PER_MINUTE/);
    await addUris(popup, [uri('Initech')]);
    await expect.poll(() => options.getByTestId('sync-problem').textContent(), REACHES).toContain('only so many writes a minute');
    // The engine tries again a minute after the refusal (sync-engine.ts), and the page says when.
    const { retryAt, pending } = await backgroundStatus();
    expect(retryAt! - Date.now()).toBeGreaterThan(30_000);
    expect(pending).toBe(1);
    const at = await options.evaluate((time) => new Date(time).toLocaleTimeString(), retryAt!);
    await expect.poll(() => shown(options), REACHES).toContain(`The next try is at ${at}.`);
    expect(await shown(options)).toMatch(/1 change waiting to sync/);
  });
});
