/**
 * Issue 11 in Firefox (issue 13): sync, end to end in firefox-esr, two profiles running at once.
 *
 * Through `storage.sync`: the test moves each profile's items the way Firefox Sync does
 * (tests/support/vendor-sync.ts: per key, the last upload wins), reading and writing the area
 * from one of Sesame's own pages. The first profile turns sync on in settings; the second finds
 * the synced vault on its first-run screen and joins it with the passphrase; its codes match
 * oathtool; an edit on either reaches the other; Firefox's own quota error (a `storage.sync`
 * filled by something else) is reported as "does not fit", and the next sync after room is made
 * completes; a large vault is written whole within Firefox's own count of the limits and a vault
 * too large is refused whole; turning sync off keeps the accounts.
 *
 * Through a WebDAV folder: a real WebDAV server on 127.0.0.1 (tests/support/webdav-test-server.ts).
 * The build is the product build: the folder's origin is asked for with Firefox's permission
 * prompt, which the test answers as a user would. The first profile turns sync on from the
 * settings page (a tab) and the folder receives the vault. A fresh profile (it replaces the second,
 * done with `storage.sync`) starts a WebDAV join in its real toolbar popup, which hands it over to
 * the settings page (the popup would close when the prompt takes the focus) and closes; the join
 * there raises the prompt; its codes match oathtool and an edit there reaches the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import {
  acceptPermissionPrompt,
  addUris,
  byTestId,
  click,
  closeAll,
  EXTENSION_ID,
  EXTENSION_ORIGIN,
  fill,
  inBrowserWindow,
  launch,
  openOptions,
  openPage,
  openPopup,
  PASSPHRASE,
  readCode,
  reload,
  row,
  setUpInPopup,
  text,
  waitForText,
  type Firefox,
} from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';
import { VendorSyncOf, type SyncArea } from '../support/vendor-sync';
import { startTestWebDav, type TestWebDav } from '../support/webdav-test-server';
import { SECRETS, uri, type Issuer } from '../e2e/sync-support';

type Api = {
  browser: {
    storage: {
      sync: {
        get(keys: null): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
        remove(keys: string[]): Promise<void>;
      };
    };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
};

let server: TestWebDav;
let a: Firefox;
let b: Firefox;
let c: Firefox | undefined;
let popupA: Page;
let popupB: Page;
let optionsA: Page;
let optionsB: Page;
/** Per profile, the add-on page its `storage.sync` is read and written from. */
const areaPage = new Map<Firefox, Page>();

/** One profile's `storage.sync`, from an add-on page (the settings page). */
const pageArea = (ff: Firefox): SyncArea => {
  const page = areaPage.get(ff)!;
  return {
    read: () => page.evaluate(() => (globalThis as unknown as Api).browser.storage.sync.get(null)),
    write: (set, remove) =>
      page.evaluate(
        async (set: Record<string, unknown>, remove: string[]) => {
          const area = (globalThis as unknown as Api).browser.storage.sync;
          if (Object.keys(set).length) await area.set(set);
          if (remove.length) await area.remove(remove);
        },
        set,
        remove,
      ),
  };
};
const vendor = new VendorSyncOf<Firefox>(pageArea);

beforeAll(async () => {
  [server, a, b] = await Promise.all([startTestWebDav(), launch(), launch()]);
}, 120_000);
afterAll(() => closeAll(a, b, c, server));

/** Sends a request to Sesame's background from one of its pages, as the settings page does. */
const ask = (page: Page, request: object) =>
  page.evaluate((r: object) => (globalThis as unknown as Api).browser.runtime.sendMessage(r), request) as Promise<{
    ok: boolean;
    value?: { pending: number; problem?: { code: string } };
    problem?: { code: string };
  }>;

async function syncNow(page: Page): Promise<{ pending: number; problem?: { code: string } }> {
  const reply = await ask(page, { type: 'sync-now' });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return reply.value!;
}

/** Both sync and the vendor carries the items, A's upload first (so B's writes win), until nothing moves. */
const converge = () => vendor.converge([a, b], (ff) => syncNow(ff === a ? optionsA : optionsB));

/** The issuers in the popup's list, sorted, with " [copy]" after a conflict copy. */
const listed = (popup: Page): Promise<string[]> =>
  popup.$$eval('[data-testid="account"]', (rows) =>
    rows.map((r) => `${r.getAttribute('data-issuer') ?? ''}${r.querySelector('[data-testid="conflict-badge"]') ? ' [copy]' : ''}`).sort(),
  );

/** Waits until the popup lists exactly these issuers (an open popup shows what a sync brought). */
async function waitForList(popup: Page, expected: string[]): Promise<void> {
  await popup
    .waitForFunction(
      (want: string) =>
        JSON.stringify([...document.querySelectorAll('[data-testid="account"]')].map((r) => r.getAttribute('data-issuer')).sort()) === want,
      { timeout: 30_000, polling: 200 },
      JSON.stringify([...expected].sort()),
    )
    .catch(async () => expect(await listed(popup)).toEqual([...expected].sort()));
}

async function codesMatch(popup: Page, issuers: Issuer[]): Promise<void> {
  for (const issuer of issuers) {
    const { code, before, after } = await readCode(popup, issuer);
    expect(
      oracleCodes((t) => oathtoolCode(SECRETS[issuer], t), before, after),
      issuer,
    ).toContain(code);
  }
}

async function renameIssuer(popup: Page, from: string, to: string): Promise<void> {
  await popup.bringToFront(); // a hidden tab gets no animation frames
  await click(popup, `${row(from)} ${byTestId('edit')}`);
  await fill(popup, byTestId('edit-issuer'), to);
  await click(popup, byTestId('edit-save'));
  await popup.waitForSelector(row(to));
}

async function fillWebDav(page: Page): Promise<void> {
  await page.bringToFront();
  await page.select(byTestId('sync-kind'), 'webdav');
  await fill(page, byTestId('sync-webdav-url'), server.url);
  await fill(page, byTestId('sync-webdav-user'), server.username);
  await fill(page, byTestId('sync-webdav-password'), server.password);
}

describe('sync in Firefox through storage.sync, two profiles', () => {
  it('the first turns sync on in settings; the second finds the synced vault on its first-run screen and joins it', async () => {
    popupA = await setUpInPopup(a);
    await popupA.bringToFront();
    await addUris(popupA, [uri('Acme'), uri('Globex'), uri('Initech')]);
    optionsA = await openOptions(a);
    areaPage.set(a, optionsA);
    await click(optionsA, byTestId('sync-enable'));
    await optionsA.waitForSelector(byTestId('sync-kind'));
    expect(await optionsA.$eval(byTestId('sync-kind'), (el) => (el as HTMLSelectElement).value)).toBe('browser');
    await click(optionsA, byTestId('sync-submit'));
    await waitForText(optionsA, byTestId('sync-result'), /Sync is on/);
    await waitForText(optionsA, byTestId('sync-status'), /Last synced .*Nothing waiting to sync/);
    expect((await vendor.read(a)).size).toBeGreaterThan(0);

    optionsB = await openOptions(b);
    areaPage.set(b, optionsB);
    await vendor.upload(a);
    await vendor.download(b);
    // The first-run screen opens on the join form when the synced vault is found.
    popupB = await openPage(b, `${EXTENSION_ORIGIN}/popup.html`, byTestId('join-passphrase'));
    await popupB.type(byTestId('join-passphrase'), PASSPHRASE);
    await click(popupB, byTestId('join-submit'));
    await popupB.waitForSelector(byTestId('search'), { timeout: 30_000 });
    expect(await listed(popupB)).toEqual(['Acme', 'Globex', 'Initech']);
    await codesMatch(popupB, ['Acme', 'Globex', 'Initech']);
    await reload(optionsB, byTestId('sync-status'));
    await waitForText(optionsB, byTestId('sync-status'), /Syncing through this browser's own sync/);
  });

  it('an edit on either reaches the other', async () => {
    await popupA.bringToFront();
    await addUris(popupA, [uri('Hooli')]);
    await renameIssuer(popupB, 'Globex', 'Globex B');
    await converge();
    const expected = ['Acme', 'Globex B', 'Hooli', 'Initech'];
    await waitForList(popupA, expected);
    await waitForList(popupB, expected);
    await codesMatch(popupB, ['Hooli']);
    await codesMatch(popupA, ['Acme']);
  });

  it("Firefox's storage.sync quota error is reported as the storage being full; once there is room, the next sync completes", async () => {
    // Something else fills the area up to Firefox's 102,400-byte quota, in ever smaller items.
    const { error, keys } = await optionsA.evaluate(async () => {
      const area = (globalThis as unknown as Api).browser.storage.sync;
      const keys: string[] = [];
      let error = '';
      for (const size of [8_000, 1_000, 100, 10]) {
        for (;;) {
          const key = `filler-${keys.length}`;
          try {
            await area.set({ [key]: 'x'.repeat(size) });
            keys.push(key);
          } catch (e) {
            error = String((e as Error).message ?? e);
            break;
          }
        }
      }
      return { error, keys };
    });
    expect(error).toMatch(/quota/i); // what storage-sync-transport.ts classifies by
    await popupA.bringToFront();
    await addUris(popupA, [uri('Umbrella')]);
    const full = await syncNow(optionsA);
    // The vault fits Sesame's share; other items fill the storage: said so, not "n of its n accounts would fit".
    expect(full.problem?.code).toBe('err_sync_storage_full');
    await waitForText(optionsA, byTestId('sync-status'), /sync storage is full: other data takes the room/);
    expect(full.pending).toBeGreaterThan(0);
    await optionsA.evaluate((keys: string[]) => (globalThis as unknown as Api).browser.storage.sync.remove(keys), keys);
    const done = await syncNow(optionsA);
    expect(done.problem).toBeUndefined();
    expect(done.pending).toBe(0);
    await converge();
    await waitForList(popupB, ['Acme', 'Globex B', 'Hooli', 'Initech', 'Umbrella']);
    await codesMatch(popupB, ['Umbrella']);
  });

  it("a large vault is written whole within Firefox's own storage.sync limits; a vault too large is refused whole", async () => {
    // Secrets that do not compress (SHA-512 of the index, RFC 4648 §6 Base32), `bytes` long.
    const secret = (i: number, bytes: number) => {
      let bits = '';
      for (const byte of createHash('sha512').update(String(i)).digest().subarray(0, bytes)) bits += byte.toString(2).padStart(8, '0');
      return bits
        .match(/.{5}/g)!
        .map((five) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(five, 2)])
        .join('');
    };
    const link = (issuer: string, s: string) =>
      `otpauth://totp/${encodeURIComponent(issuer)}:user%40example.com?secret=${s}&issuer=${encodeURIComponent(issuer)}`;
    const inArea = () =>
      optionsB.evaluate(async () => {
        const area = (globalThis as unknown as Api).browser.storage.sync as unknown as {
          getBytesInUse(keys: null): Promise<number>;
          get(keys: null): Promise<Record<string, unknown>>;
        };
        const items = await area.get(null);
        return {
          bytes: await area.getBytesInUse(null),
          items: Object.keys(items).length,
          text: JSON.stringify(items),
          largest: Math.max(...Object.entries(items).map(([k, v]) => k.length + JSON.stringify(v).length)),
        };
      });
    await popupB.bringToFront();

    // 400 accounts with 20-byte secrets: written whole, inside Firefox's own count of every limit.
    expect(
      await addUris(
        popupB,
        Array.from({ length: 400 }, (_, i) => link(`Service ${i}`, secret(i, 20))),
      ),
    ).toMatch(/400/);
    const done = await syncNow(optionsB);
    expect(done.problem).toBeUndefined();
    expect(done.pending).toBe(0);
    const used = await inArea();
    expect(used.bytes).toBeLessThanOrEqual(102_400);
    expect(used.items).toBeLessThanOrEqual(512);
    expect(used.largest).toBeLessThanOrEqual(8_192);
    // The list draws only the rows in view of a long list: search for the last one.
    await fill(popupB, byTestId('search'), 'Service 399');
    await popupB.waitForSelector(`${row('Service 399')} ${byTestId('code')}`);
    const { code, before, after } = await readCode(popupB, 'Service 399');
    expect(oracleCodes((t) => oathtoolCode(secret(399, 20), t), before, after)).toContain(code);

    // 600 more with 40-byte secrets: refused whole, saying how many would fit; the area is as it was.
    await fill(popupB, byTestId('search'), '');
    expect(
      await addUris(
        popupB,
        Array.from({ length: 600 }, (_, i) => link(`Large ${i}`, secret(1_000 + i, 40))),
      ),
    ).toMatch(/600/);
    const refused = await syncNow(optionsB);
    expect(refused.problem?.code).toBe('err_sync_too_large');
    await waitForText(optionsB, byTestId('sync-status'), /does not fit in the browser's sync storage: \d+ of its 1005 accounts would/);
    expect((await inArea()).text).toBe(used.text);
  });

  it('turning sync off keeps the accounts here and the synced copy', async () => {
    const before = ['Acme', 'Globex B', 'Hooli', 'Initech', 'Umbrella'];
    expect(await listed(popupA)).toEqual(before);
    const items = (await vendor.read(a)).size;
    await optionsA.bringToFront();
    await click(optionsA, byTestId('sync-enable'));
    await waitForText(optionsA, byTestId('sync-result'), /Sync is off\. Your accounts stay in this browser/);
    await waitForText(optionsA, byTestId('sync-status'), /Sync is off/);
    await popupA.bringToFront();
    await reload(popupA, byTestId('search'));
    await waitForList(popupA, before);
    expect((await vendor.read(a)).size).toBe(items);
  });
});

/** What a click on Sesame's toolbar button does when no tab needs it: the toolbar popup opens. */
async function openToolbarPopup(ff: Firefox): Promise<void> {
  await inBrowserWindow(
    ff,
    (id: string) => {
      const { extension } = (
        globalThis as unknown as { WebExtensionPolicy: { getByID(id: string): { extension: unknown } } }
      ).WebExtensionPolicy.getByID(id);
      const { ExtensionParent } = (
        globalThis as unknown as { ChromeUtils: { importESModule(url: string): Record<string, any> } }
      ).ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
      return null;
    },
    EXTENSION_ID,
  );
}

/** The settings page the add-on opened in a tab (puppeteer does not follow moz-extension:// navigations: each tab is asked). */
async function settingsTab(ff: Firefox): Promise<Page> {
  for (let i = 0; i < 100; i++) {
    for (const page of await ff.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href === `${EXTENSION_ORIGIN}/options.html`) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no settings tab');
}

describe('sync in Firefox through a WebDAV folder, with the permission prompt', () => {
  it('sync turned on from the settings page asks for the folder, and the folder receives the vault', async () => {
    await click(optionsA, byTestId('sync-enable'));
    await fillWebDav(optionsA);
    await click(optionsA, byTestId('sync-submit'));
    await acceptPermissionPrompt(a);
    await waitForText(optionsA, byTestId('sync-result'), /Sync is on/);
    await waitForText(optionsA, byTestId('sync-status'), new RegExp(`Syncing with the WebDAV folder ${server.url} as ${server.username}`));
    const puts = server.requests.filter((r) => r.method === 'PUT' && r.status >= 200 && r.status < 300).map((r) => r.path);
    expect(puts).toContain(`${new URL(server.url).pathname}h.json`);
    expect(puts.length).toBeGreaterThan(1);
  });

  it("a new profile's toolbar popup hands a WebDAV join over to the settings page, which asks for the folder and joins it", async () => {
    await b.close();
    c = await launch();
    // Another of Sesame's pages, to reach the toolbar popup's document (extension.getViews) and find the settings tab.
    const observer = await openPopup(c);
    await openToolbarPopup(c);
    const handedOver = await observer.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { extension: { getViews(f: object): Window[] } } }).browser;
      const inPopup = async (selector: string) => {
        for (let i = 0; i < 200; i++) {
          const found = api.extension.getViews({ type: 'popup' })[0]?.document.querySelector(selector);
          if (found) return found as HTMLElement;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no ${selector} in the toolbar popup`);
      };
      (await inPopup('[data-testid="join-open"]')).click();
      const kind = (await inPopup('[data-testid="sync-kind"]')) as HTMLSelectElement;
      kind.value = 'webdav';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
      const button = await inPopup('[data-testid="join-in-tab"]');
      const askedHere = api.extension.getViews({ type: 'popup' })[0]!.document.querySelector('[data-testid="join-passphrase"]') !== null;
      button.click();
      for (let i = 0; i < 200 && api.extension.getViews({ type: 'popup' }).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      return { askedHere, popupOpen: api.extension.getViews({ type: 'popup' }).length > 0 };
    });
    expect(handedOver).toEqual({ askedHere: false, popupOpen: false });
    const optionsC = await settingsTab(c);
    await optionsC.bringToFront();
    await optionsC.waitForSelector(byTestId('join-submit'));
    await fillWebDav(optionsC);
    await optionsC.type(byTestId('join-passphrase'), PASSPHRASE);
    await click(optionsC, byTestId('join-submit'));
    await acceptPermissionPrompt(c);
    await optionsC.waitForSelector(byTestId('sync-status'), { timeout: 30_000 });
    await waitForText(optionsC, byTestId('sync-status'), /Syncing with the WebDAV folder/);
    const popupC = await openPopup(c);
    await popupC.waitForSelector(byTestId('search'), { timeout: 30_000 });
    expect(await listed(popupC)).toEqual(await listed(popupA));
    await codesMatch(popupC, ['Acme', 'Hooli', 'Umbrella']);

    await renameIssuer(popupC, 'Initech', 'Initech C');
    expect((await syncNow(optionsC)).problem).toBeUndefined();
    expect((await syncNow(optionsA)).problem).toBeUndefined();
    await waitForList(popupA, ['Acme', 'Globex B', 'Hooli', 'Initech C', 'Umbrella']);
    expect(await text(optionsA, byTestId('sync-problem'))).toBe('');
  });
});
