/**
 * Drives the built Firefox add-on (.output/firefox-mv3) in Debian's firefox-esr with
 * puppeteer-core over WebDriver BiDi. Nothing is downloaded: the browser is the installed one.
 *
 * - The add-on is installed with `browser.installExtension` (a temporary add-on) under a fixed
 *   internal UUID (pref `extensions.webextensions.uuids`), so its pages are at
 *   `moz-extension://<UUID>/popup.html`.
 * - Firefox 153 loads moz-extension:// pages opened from automation, but puppeteer's `goto` never
 *   sees their load event: `openPage` starts the navigation and waits for the page's content.
 * - `--remote-allow-system-access` lets BiDi evaluate in the browser window itself (the
 *   "chrome" scope). The tests use that for what a user does with the browser's own UI and a
 *   page cannot do: click the toolbar button (`clickToolbarButton`, which grants activeTab), press
 *   a keyboard command (`pressCommand`), choose a context-menu item (`chooseContextMenuItem`),
 *   accept a permission prompt (`acceptPermissionPrompt`), read and write the clipboard; and for
 *   what Firefox itself does: add its virtual authenticator (`addVirtualAuthenticator`) and count
 *   the suspensions of the add-on's event page (`watchBackground`, `backgroundSuspensions`).
 *
 * The code oracles come from tests/support/oracles.ts and the fixtures from
 * tests/support/fixtures.ts, as for every other test, so there is one of each.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bringAutoLockForward, PASSPHRASE, ROOT } from '../e2e/harness';

export { PASSPHRASE };
export { allFiles, closeAll, servePages, type PageServer } from '../e2e/harness';

export const EXTENSION_DIR = path.join(ROOT, process.env.SESAME_OUT_DIR ?? '.output', 'firefox-mv3');
const MANIFEST = () =>
  JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
    commands: Record<string, { suggested_key: { default: string } }>;
  };
export const EXTENSION_ID = 'sesame@sesame.invalid';
/** Any fixed UUID: Firefox uses it as the host of the add-on's moz-extension:// origin. */
const EXTENSION_UUID = '5e5a3e00-7e57-4f1e-8ef0-f1ef0c5e5a3e';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

function firefoxPath(): string {
  const candidate = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!fs.existsSync(candidate))
    throw new Error(`No Firefox at ${candidate}. Install it (apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  return candidate;
}

export const newProfileDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-firefox-'));

export interface LaunchOptions {
  /** Where downloads go (no dialog). */
  readonly downloadDir?: string;
  /** Send https://<host>/ (port 443) to this local port, for a test HTTPS server with a self-signed certificate. */
  readonly https?: { readonly host: string; readonly port: number };
  /** More Firefox preferences, set before the browser starts. */
  readonly prefs?: Readonly<Record<string, unknown>>;
}

export interface Firefox {
  readonly browser: Browser;
  readonly profileDir: string;
  close(): Promise<void>;
}

/** Starts headless firefox-esr on a new or existing profile and installs the built add-on. */
export async function launch(existingProfile?: string, options: LaunchOptions = {}): Promise<Firefox> {
  const profileDir = existingProfile ?? newProfileDir();
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the Firefox add-on first: npm run build:firefox');
  if (MANIFEST().browser_specific_settings.gecko.id !== EXTENSION_ID) throw new Error(`the add-on's id is not ${EXTENSION_ID}`);
  const prefs: Record<string, unknown> = {
    'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: EXTENSION_UUID }),
    // A temporary add-on is removed when the browser quits; keep its data for the restart tests,
    // as a permanently installed add-on's would be kept.
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    // Session restore collects and saves every 15 s; once a second keeps its tests short.
    'browser.sessionstore.interval': 1000,
  };
  if (options.downloadDir) {
    Object.assign(prefs, {
      'browser.download.dir': options.downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
    });
  }
  if (options.https) {
    Object.assign(prefs, { 'network.dns.localDomains': options.https.host, 'network.socket.forcePort': `443=${options.https.port}` });
  }
  Object.assign(prefs, options.prefs);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profileDir,
    defaultViewport: { width: 1280, height: 800 },
    acceptInsecureCerts: options.https !== undefined,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  await browser.installExtension(EXTENSION_DIR);
  const close = async () => {
    await browser.close();
    // A profile made here is thrown away with the browser; one passed in belongs to the test.
    if (!existingProfile) fs.rmSync(profileDir, { recursive: true, force: true });
  };
  return { browser, profileDir, close };
}

/**
 * Opens a URL in a new tab and waits for `ready` (a CSS selector) in it. The navigation is started,
 * not awaited: Firefox never reports moz-extension:// pages' load event to puppeteer.
 */
export async function openPage(ff: Firefox, url: string, ready: string): Promise<Page> {
  const page = await ff.browser.newPage();
  if (url.startsWith('moz-extension:')) {
    page.goto(url).catch(() => undefined);
    await loaded(page, url);
  } else {
    await page.goto(url, { waitUntil: 'load' });
  }
  await page.waitForSelector(ready, { timeout: 30_000 });
  return page;
}

/** Reloads an add-on page and waits for `ready` in the new document. */
export async function reload(page: Page, ready: string): Promise<void> {
  // Puppeteer does not follow moz-extension:// navigations, so the page says where it is.
  const url = await page.evaluate(() => {
    (window as unknown as { sesameOldDocument: boolean }).sesameOldDocument = true;
    setTimeout(() => location.reload(), 0);
    return location.href;
  });
  await loaded(page, url);
  await page.waitForSelector(ready, { timeout: 30_000 });
}

/**
 * Waits until the page shows a fresh, complete document at `url`. Asked again and again rather
 * than with waitForFunction: a question that reaches a document while it is being replaced fails
 * with a protocol error, which waitForFunction does not retry.
 */
async function loaded(page: Page, url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  const done = (u: string) =>
    location.href === u && document.readyState === 'complete' && !(window as unknown as { sesameOldDocument?: boolean }).sesameOldDocument;
  while (!(await page.evaluate(done, url).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${url} did not load`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const POPUP_READY = '[data-testid="search"], [data-testid="unlock-passphrase"], [data-testid="setup-passphrase"], main.scan-screen';

/** The popup as a page, optionally bound to a tab with `?tab=` (as the toolbar popup is to the tab it was opened on). */
export const openPopup = (ff: Firefox, tabId?: number): Promise<Page> =>
  openPage(ff, `${EXTENSION_ORIGIN}/popup.html${tabId ? `?tab=${tabId}` : ''}`, POPUP_READY);

export const openOptions = (ff: Firefox): Promise<Page> =>
  openPage(ff, `${EXTENSION_ORIGIN}/options.html`, '[data-testid="auto-lock"], [data-testid="unlock-passphrase"], main');

// ---------------------------------------------------------------------------------------------
// Pages: small helpers over puppeteer, named for what a user does.

export const byTestId = (id: string): string => `[data-testid="${id}"]`;
export const row = (issuer: string): string => `[data-testid="account"][data-issuer="${issuer}"]`;

/** Sets a text field's value as typing would (one `input` event), faster than key by key. */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  const field = await page.waitForSelector(selector);
  await field!.evaluate((el, v) => {
    const input = el as HTMLInputElement | HTMLTextAreaElement;
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    input.focus();
    setter.call(input, v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

export async function click(page: Page, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector);
  await element!.click();
}

export async function text(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');
}

/** Waits until the element's text matches, and returns it. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 30_000): Promise<string> {
  const handle = await page.waitForFunction(
    (sel: string, source: string, flags: string) => {
      const t = document.querySelector(sel)?.textContent ?? '';
      return new RegExp(source, flags).test(t) ? t : false;
    },
    { timeout, polling: 100 },
    selector,
    pattern.source,
    pattern.flags,
  );
  return (await handle.jsonValue()) as string;
}

export const count = (page: Page, selector: string): Promise<number> => page.$$eval(selector, (els) => els.length);

export async function setUp(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.type(byTestId('setup-passphrase'), passphrase);
  await page.type(byTestId('setup-confirm'), passphrase);
  await click(page, byTestId('setup-submit'));
  await page.waitForSelector(byTestId('search'), { timeout: 60_000 });
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.waitForSelector(byTestId('unlock-passphrase'));
  await page.type(byTestId('unlock-passphrase'), passphrase);
  await click(page, byTestId('unlock-submit'));
  await page.waitForSelector(byTestId('search'), { timeout: 60_000 });
}

/**
 * Brings the background's auto-lock alarm forward (`bringAutoLockForward`, which brings it forward
 * again if a request re-arms it meanwhile) and resolves, once it has fired, with the time it was due.
 *
 * It runs in `extensionPage` (any open Sesame page), not in the event page, which puppeteer cannot
 * reach: the alarms API asked from a page neither wakes a suspended event page nor keeps it
 * running, so a test may let Firefox suspend the background first, and the alarm then wakes it.
 * (In a tab that is not the selected one, Firefox runs the page's check once a second, not every
 * 250 ms: a re-arm then costs up to a second.)
 */
export async function fireAutoLock(extensionPage: Page): Promise<number> {
  return (await extensionPage.evaluate(bringAutoLockForward)).due;
}

/** Adds accounts by pasting links on the add screen; returns the result message. */
export async function addUris(page: Page, uris: readonly string[]): Promise<string> {
  await click(page, byTestId('add'));
  await fill(page, byTestId('add-uri'), uris.join('\n'));
  await click(page, byTestId('add-uri-submit'));
  const result = await waitForText(page, byTestId('add-result'), /\S/);
  await click(page, byTestId('back'));
  await page.waitForSelector(byTestId('search'));
  return result;
}

/** Opens a popup and sets a new vault up in it; returns that popup, showing the (empty) list. */
export async function setUpInPopup(ff: Firefox, passphrase = PASSPHRASE): Promise<Page> {
  const popup = await openPopup(ff);
  await setUp(popup, passphrase);
  return popup;
}

/** Sets a new vault up in a popup and closes that popup. */
export async function setUpVault(ff: Firefox): Promise<void> {
  await (await setUpInPopup(ff)).close();
}

/** Sets a new vault up in a popup, adds `uris` to it, and closes that popup. */
export async function setUpWithAccounts(ff: Firefox, uris: readonly string[]): Promise<void> {
  const popup = await setUpInPopup(ff);
  await addUris(popup, uris);
  await popup.close();
}

/** Saves `site` as one of the account's sites (edit screen), so fills there need no question. */
export async function saveSite(page: Page, issuer: string, site: string): Promise<void> {
  await click(page, `${row(issuer)} ${byTestId('edit')}`);
  await fill(page, byTestId('edit-sites'), site);
  await click(page, byTestId('edit-save'));
  await page.waitForSelector(byTestId('search'));
}

/** The code shown in a row, spaces removed, with the times just before and after reading it. */
export async function readCode(page: Page, issuer: string): Promise<{ code: string; before: number; after: number }> {
  const before = Date.now();
  const shown = await page.$eval(`${row(issuer)} ${byTestId('code')}`, (el) => el.textContent ?? '');
  return { code: shown.replace(/\s/g, ''), before, after: Date.now() };
}

/** Chooses a file in an `<input type=file>` (BiDi input.setFiles). */
export async function chooseFile(page: Page, selector: string, file: string): Promise<void> {
  const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

// ---------------------------------------------------------------------------------------------
// The browser's own UI, through the browser window's privileged scope.

/** Runs `fn(...args)` in the browser window (chrome://browser/content/browser.xhtml) and returns its JSON result. */
export async function inBrowserWindow<A extends unknown[], R>(ff: Firefox, fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
  const send = (method: string, params: object) =>
    (ff.browser as unknown as { connection: { send(m: string, p: object): Promise<{ result: unknown }> } }).connection.send(method, params);
  const tree = (await send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window (is --remote-allow-system-access set?)');
  const expression = `(async () => JSON.stringify(await (${fn.toString()})(...${JSON.stringify(args)})))()`;
  const reply = (await send('script.evaluate', { target: { context: window.context }, expression, awaitPromise: true })).result as
    { type: 'success'; result: { value: string } } | { type: 'exception'; exceptionDetails: { text: string } };
  if (reply.type !== 'success') throw new Error(`in the browser window: ${reply.exceptionDetails.text}`);
  return JSON.parse(reply.result.value ?? 'null') as R;
}

/* The browser window's globals, as the functions above see them. */
declare const gBrowser: { selectedTab: NativeTab; tabs: NativeTab[] };
declare const ChromeUtils: { importESModule(url: string): Record<string, any> };
declare const WebExtensionPolicy: { getByID(id: string): { extension: any } | null };
declare const PopupNotifications: { _currentNotifications: { id: string; mainAction: { callback(): void } }[]; remove(n: unknown): void };
declare const Services: any;
declare const SessionStore: { getBrowserState(): string };
declare const Cc: any;
declare const Ci: any;
interface NativeTab {
  linkedBrowser: { currentURI: { spec: string } };
}

/**
 * What a click on Sesame's toolbar button does, on `page`'s tab: Firefox grants activeTab for the
 * selected tab and opens the popup (the same `triggerAction` the toolbar button and the
 * `_execute_action` shortcut call). Returns the tab's id so a test can open
 * `popup.html?tab=<id>`, which acts on that tab exactly like the toolbar popup.
 */
export async function clickToolbarButton(ff: Firefox, page: Page): Promise<number> {
  await page.bringToFront();
  const result = await inBrowserWindow(
    ff,
    (id: string, url: string) => {
      if (gBrowser.selectedTab.linkedBrowser.currentURI.spec !== url)
        return { error: `selected tab is ${gBrowser.selectedTab.linkedBrowser.currentURI.spec}` };
      const { extension } = WebExtensionPolicy.getByID(id)!;
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
      // A click while the popup is still open only closes it: close it first, as clicking elsewhere would.
      ViewPopup.for(extension, window)?.closePopup();
      ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
      const tab = extension.tabManager.getWrapper(gBrowser.selectedTab);
      return { tabId: tab.id as number, granted: tab.hasActiveTabPermission as boolean };
    },
    EXTENSION_ID,
    page.url(),
  );
  if ('error' in result) throw new Error(result.error);
  if (!result.granted) throw new Error('the toolbar button did not grant activeTab');
  return result.tabId;
}

/** Presses the add-on's keyboard command `name` in the browser window (its real key binding). */
export async function pressCommand(ff: Firefox, page: Page, name: string): Promise<void> {
  const shortcut = MANIFEST().commands[name]?.suggested_key.default;
  if (!shortcut) throw new Error(`no command ${name}`);
  await page.bringToFront();
  const error = await inBrowserWindow(
    ff,
    (keyset: string, shortcut: string) => {
      const parts = shortcut.split('+');
      const key = parts.pop()!;
      const modifiers = parts
        .map((p) => p.toLowerCase())
        .sort()
        .join(',');
      const element = [...(document.getElementById(keyset)?.children ?? [])].find(
        (k) => k.getAttribute('key') === key && (k.getAttribute('modifiers') ?? '').split(',').sort().join(',') === modifiers,
      ) as (Element & { doCommand(): void }) | undefined;
      if (!element) return `no key for ${shortcut}`;
      element.doCommand();
      return null;
    },
    `ext-keyset-id-${EXTENSION_ID.replace(/[^a-z0-9_-]/gi, '_')}`,
    shortcut,
  );
  if (error) throw new Error(error);
}

/** Right-clicks `selector` in the page and chooses the context-menu item labelled `label`. */
export async function chooseContextMenuItem(ff: Firefox, page: Page, selector: string, label: string): Promise<void> {
  await page.bringToFront();
  await page.click(selector, { button: 'right' });
  const result = await inBrowserWindow(
    ff,
    async (label: string) => {
      const menu = document.getElementById('contentAreaContextMenu') as unknown as Element & {
        state: string;
        activateItem(i: Element): void;
        hidePopup(): void;
      };
      for (let i = 0; i < 100 && menu.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50));
      if (menu.state !== 'open') return 'the context menu did not open';
      const item = [...menu.querySelectorAll('menuitem')].find((m) => !m.hidden && m.getAttribute('label') === label);
      if (!item) {
        menu.hidePopup();
        return `no menu item "${label}"`;
      }
      menu.activateItem(item);
      return null;
    },
    label,
  );
  if (result) throw new Error(result);
}

/** Accepts the add-on's permission prompt (permissions.request) once it shows. */
export async function acceptPermissionPrompt(ff: Firefox): Promise<void> {
  const result = await inBrowserWindow(ff, async () => {
    for (let i = 0; i < 200; i++) {
      const prompt = PopupNotifications._currentNotifications.find((n) => n.id === 'addon-webext-permissions');
      if (prompt) {
        prompt.mainAction.callback();
        PopupNotifications.remove(prompt);
        return null;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return 'no permission prompt';
  });
  if (result) throw new Error(result);
}

/** The text on the system clipboard. */
export async function clipboardText(ff: Firefox): Promise<string> {
  return inBrowserWindow(ff, () => {
    const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
    transferable.init(null);
    transferable.addDataFlavor('text/plain');
    Services.clipboard.getData(transferable, Services.clipboard.kGlobalClipboard, null);
    const data: { value?: unknown } = {};
    transferable.getTransferData('text/plain', data);
    return (data.value as { QueryInterface(i: unknown): { data: string } } | undefined)?.QueryInterface(Ci.nsISupportsString).data ?? '';
  });
}

/** Puts `text` on the system clipboard, as the user copying something else would. */
export async function setClipboardText(ff: Firefox, text: string): Promise<void> {
  await inBrowserWindow(
    ff,
    (value: string) => {
      Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString(value);
      return null;
    },
    text,
  );
}

/** The toolbar button's badge text and tooltip for a tab, as the add-on set them (read from an add-on page). */
export async function actionBadge(extensionPage: Page, tabId: number): Promise<{ text: string; title: string }> {
  return extensionPage.evaluate(async (id: number) => {
    const api = (
      globalThis as unknown as { browser: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } }
    ).browser;
    return { text: await api.action.getBadgeText({ tabId: id }), title: await api.action.getTitle({ tabId: id }) };
  }, tabId);
}

/**
 * Adds Firefox's own virtual authenticator (the privileged `nsIWebAuthnService`, which Marionette's
 * "Add Virtual Authenticator" command also calls): CTAP 2.1, internal, with resident keys and user
 * verification that always passes; WebAuthn requests then go to it instead of USB tokens. It
 * supports PRF (CTAP2 hmac-secret). Returns its id.
 */
export async function addVirtualAuthenticator(ff: Firefox): Promise<string> {
  return inBrowserWindow(ff, () => {
    Services.prefs.setBoolPref('security.webauth.webauthn_enable_softtoken', true);
    Services.prefs.setBoolPref('security.webauth.webauthn_enable_usbtoken', false);
    const service = Cc['@mozilla.org/webauthn/service;1'].getService(Ci.nsIWebAuthnService);
    return String(service.addVirtualAuthenticator('ctap2_1', 'internal', true, true, true, true));
  });
}

/**
 * Starts counting the suspensions of the add-on's event page (Firefox's own
 * `background-script-suspend` event), for tests of what must survive, or keep the page running,
 * while the background waits. Launch with the pref `extensions.background.idle.timeout` to
 * shorten Firefox's 30 s idle timeout; it is read when the background starts.
 */
export async function watchBackground(ff: Firefox): Promise<void> {
  await inBrowserWindow(
    ff,
    (id: string) => {
      const window = globalThis as unknown as { sesameSuspensions?: number };
      if (window.sesameSuspensions !== undefined) return;
      window.sesameSuspensions = 0;
      WebExtensionPolicy.getByID(id)!.extension.on('background-script-suspend', () => void (window.sesameSuspensions! += 1));
    },
    EXTENSION_ID,
  );
}

/** How often the event page was suspended since `watchBackground`. */
export const backgroundSuspensions = (ff: Firefox): Promise<number> =>
  inBrowserWindow(ff, () => (globalThis as unknown as { sesameSuspensions: number }).sesameSuspensions);

/** What Firefox's session restore holds for all windows and tabs (and writes to sessionstore.jsonlz4). */
export const sessionStoreState = (ff: Firefox): Promise<string> => inBrowserWindow(ff, () => SessionStore.getBrowserState());
