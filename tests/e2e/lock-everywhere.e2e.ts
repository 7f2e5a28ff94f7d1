/**
 * Issue 9, "A lock reaches every page": the Lock button, the auto-lock alarm (brought forward
 * instead of waited for) and the background's own state after a lock. Every open Sesame page (a
 * popup, a popped-out popup bound to a tab, the options page showing export QR codes) drops its
 * accounts and shows the unlock form within a second, and keeps no code or secret in its DOM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { closeAll, fireAutoLock, launch, openOptions, openPopup, PASSPHRASE, unlock, setUpWithAccounts, type Launched } from './harness';
import { base32Decode } from '../support/oracles';
import { accountTraces, unlockFormShownAt, type LockedAccount } from '../support/lock-checks';

const S = {
  acme: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  globex: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
};
const ACCOUNTS: LockedAccount[] = [
  { secret: S.acme, names: ['Acme', 'alice'] },
  { secret: S.globex, names: ['Globex', 'bob'], algorithm: 'SHA256' },
];
const URIS = [
  `otpauth://totp/Acme:alice?secret=${S.acme}&issuer=Acme`,
  `otpauth://totp/Globex:bob?secret=${S.globex}&issuer=Globex&algorithm=SHA256`,
];

type Chrome = {
  chrome: {
    storage: {
      session: { get(keys: null | string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    };
  };
};

let browser: Launched;
let worker: Worker;

beforeAll(async () => {
  browser = await launch();
  worker = browser.context.serviceWorkers()[0]!;
  await setUpWithAccounts(browser, URIS);
}, 120_000);
afterAll(() => browser?.close());

/** A popup, a popped-out popup bound to a web page's tab, and the options page showing QR codes. */
async function openEverything(): Promise<{ popup: Page; popped: Page; options: Page; site: Page }> {
  const site = await browser.context.newPage();
  await site.goto('data:text/html,<title>a page</title><p>a page</p>');
  const tabId = await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; title?: string }[]> } } }).chrome;
    return (await api.tabs.query({})).find((t) => t.title === 'a page')?.id ?? 0;
  });
  const popup = await openPopup(browser);
  const locked = popup.getByTestId('unlock-passphrase').or(popup.getByTestId('search')).first();
  await locked.waitFor();
  if (await popup.getByTestId('unlock-passphrase').count()) await unlock(popup);
  await popup.getByTestId('account').first().waitFor();
  const popped = await openPopup(browser, tabId);
  await popped.getByTestId('account').first().waitFor();
  const options = await openOptions(browser);
  await options.getByTestId('export-plain-passphrase').fill(PASSPHRASE);
  await options.getByTestId('export-plain-unlock').click();
  await options.getByTestId('export-show-qr').click();
  await expect.poll(() => options.getByTestId('export-qr').count(), { timeout: 30_000 }).toBe(2);
  return { popup, popped, options, site };
}

/** Nothing of any account is left in the page: no row, no QR code, no issuer, no secret, no current code. */
async function expectNoAccountLeft(page: Page): Promise<void> {
  expect(
    await page
      .locator('[data-testid="account"], [data-testid="code"], [data-testid="export-qr"], [data-testid="export-migration-qr"]')
      .count(),
  ).toBe(0);
  const text = await page.evaluate(() => document.body.innerText);
  expect(accountTraces(await page.content(), text, ACCOUNTS), page.url()).toEqual([]);
}

describe('a lock reaches every page', () => {
  it('Lock in one popup: the popped-out popup and the options page show the unlock form within 1 s, with nothing of any account left', async () => {
    const { popup, popped, options, site } = await openEverything();
    // Times are taken inside the pages: the click's own time, and when each unlock form appears.
    await popup.evaluate(() =>
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest('[data-testid="lock"]')) (window as unknown as { clickedAt: number }).clickedAt = Date.now();
        },
        true,
      ),
    );
    const shown = Promise.all([popped, options, popup].map((p) => p.evaluate(unlockFormShownAt)));
    await popup.getByTestId('lock').click();
    const clickedAt = await popup.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
    for (const at of await shown) expect(at - clickedAt).toBeLessThan(1000);
    for (const page of [popped, options, popup]) await expectNoAccountLeft(page);
    // The options page's unlock form works and brings the sections back.
    await options.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await options.getByTestId('unlock-submit').click();
    await options.getByTestId('export-plain-passphrase').waitFor({ timeout: 30_000 });
    await closeAll(popup, popped, options, site);
  });

  it('the auto-lock alarm firing does the same', async () => {
    const { popup, popped, options, site } = await openEverything();
    const shown = Promise.all([popped, options, popup].map((p) => p.evaluate(unlockFormShownAt)));
    const firedAt = await fireAutoLock(worker);
    for (const at of await shown) expect(at - firedAt).toBeLessThan(1000);
    for (const page of [popup, popped, options]) await expectNoAccountLeft(page);
    await closeAll(popup, popped, options, site);
  });

  it('after a lock, storage.session holds nothing from which a key or a secret can be derived', async () => {
    const popup = await openPopup(browser);
    await unlock(popup);
    const session = () => worker.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.get(null));
    const dataKey = (await session())['dataKey'] as number[];
    expect(dataKey).toHaveLength(32);
    // While unlocked, the popup's first screen waits there too (lib/vault-service/popup-snapshot.ts):
    // the accounts' secrets, which the lock below must take away with the key.
    const snapshotSecrets = async () => {
      const snapshot = (await session())['popupSnapshot'];
      return typeof snapshot === 'string'
        ? Buffer.from((JSON.parse(snapshot) as { secrets?: string }).secrets ?? '', 'base64').toString('hex')
        : '';
    };
    await expect.poll(snapshotSecrets).toContain(Buffer.from(base32Decode(S.acme)).toString('hex'));
    // And the screen of codes a popup saved (components/popup/saved-screen.ts): the accounts' names.
    const another = await openPopup(browser);
    await another.getByTestId('code').first().waitFor();
    await expect.poll(async () => JSON.stringify((await session())['popupSavedScreen'] ?? null)).toContain('Globex');
    await another.close();
    // A scan result waiting for the popup (as the scan command leaves one) holds a secret; a
    // question the fill command left names an account.
    await worker.evaluate(
      (uri) =>
        (globalThis as unknown as Chrome).chrome.storage.session.set({
          'scan-pending': {
            at: Date.now(),
            tabId: 1,
            reply: { ok: true, value: { texts: [uri], tried: { elements: 1, images: 0, deep: false, unreadable: 0 }, ms: 1 } },
          },
          autofillPending: { accountId: 'some-account', tabId: 1, at: Date.now() },
        }),
      URIS[0]!,
    );
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-passphrase').waitFor();
    await expect.poll(async () => Object.keys(await session()).sort()).not.toContain('dataKey');
    expect(Object.keys(await session())).not.toContain('popupSnapshot');
    const left = await session();
    // No scheduled backup was set up here, so nothing at all may stay.
    expect(Object.keys(left)).toEqual([]);
    const dump = JSON.stringify(left);
    expect(dump).not.toContain(dataKey.join(','));
    for (const secret of Object.values(S)) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Array.from(base32Decode(secret)).join(','));
    }
    await popup.close();
  });
});
