import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import fs from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain JS module
import { serve } from '../../scripts/demo-server.mjs';

export const ROOT = path.resolve(__dirname, '../..');
/** The built extension; SESAME_OUT_DIR lets parallel builds (e.g. two developers) use their own folder. */
const EXTENSION_DIR = path.join(ROOT, process.env.SESAME_OUT_DIR ?? '.output', 'chrome-mv3');
export const PASSPHRASE = 'correct horse battery staple';

function chromiumPath(): string {
  const candidate = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(candidate))
    throw new Error(`No Chromium at ${candidate}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
  return candidate;
}

export interface Launched {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly profileDir: string;
  close(): Promise<void>;
}

export const newProfileDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-e2e-'));

/**
 * Starts headless Chromium with the built extension loaded, on a new or an existing profile. A
 * profile made here is removed when the browser is closed; one passed in belongs to the test, which
 * may start a browser on it again or read its files after closing.
 * `extensionDir` loads another copy of the build (`buildWithManifest`).
 */
export async function launch(existingProfile?: string, extensionDir = EXTENSION_DIR): Promise<Launched> {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  const profileDir = existingProfile ?? newProfileDir();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--enable-unsafe-extension-debugging',
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    try {
      await context.close();
    } finally {
      if (!existingProfile) fs.rmSync(profileDir, { recursive: true, force: true });
    }
  };
  return { context, extensionId, profileDir, close };
}

/**
 * A copy of the build in a new temporary folder, its manifest with `changes` merged in: what a test
 * needs that the product build does not have (a host permission headless Chromium cannot be asked
 * for, an `externally_connectable` entry). The test removes the folder when done.
 */
export function buildWithManifest(changes: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-e2e-build-'));
  fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, ...changes }));
  return dir;
}

/** A folder of test pages served over HTTP on 127.0.0.1 (scripts/demo-server.mjs, which also draws `/qr.svg?text=`). */
export interface PageServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  close(): void;
}

/** Serves `folder` (from the repository's root: `'demo'`, `'tests/e2e/pages/scan'`) on a free port. */
export async function servePages(folder: string): Promise<PageServer> {
  const server = (await serve(path.join(ROOT, folder))) as Server;
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}`, close: () => void server.close() };
}

/**
 * Closes what a test file or a test opened (browsers, servers, pages), passing over any that was
 * not opened (a `beforeAll` that failed early), each one even if closing another fails, and then
 * throws the first failure.
 */
export async function closeAll(...opened: ({ close(): unknown } | undefined)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const each of opened) {
    try {
      await each?.close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/** The real (browser-wide) clipboard, as a test reads and writes it. */
export interface Clipboard {
  /** What the clipboard holds. */
  read(): Promise<string>;
  /** Puts `text` there, so a later read shows whether a copy replaced it. */
  write(text: string): Promise<void>;
}

const CLIPBOARD_PAGE = 'https://clipboard.sesame.test/';

/**
 * Reads and writes the clipboard from a web page of its own that is granted clipboard access.
 * Sesame's own pages cannot be: Chromium accepts Browser.grantPermissions for a
 * `chrome-extension://` origin, but `navigator.clipboard.readText()` there is still refused
 * (extensions read the clipboard through the manifest's `clipboardRead`, which Sesame does not
 * ask for). The clipboard is one for the whole browser, so this page reads what Sesame copied.
 * `back` is brought to the front again after each use, since writing to the clipboard (Sesame's
 * copy) needs a focused document.
 */
export async function clipboard(l: Launched, back: () => Page): Promise<Clipboard> {
  await l.context.route(CLIPBOARD_PAGE, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>clipboard</title>' }),
  );
  await l.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: CLIPBOARD_PAGE });
  const page = await l.context.newPage();
  await page.goto(CLIPBOARD_PAGE);
  const use = async <T>(f: () => Promise<T>): Promise<T> => {
    await page.bringToFront();
    try {
      return await f();
    } finally {
      await back().bringToFront();
    }
  };
  return {
    read: () => use(() => page.evaluate(() => navigator.clipboard.readText())),
    write: (text) => use(() => page.evaluate((t) => navigator.clipboard.writeText(t), text)),
  };
}

/** Opens the popup as a page (optionally bound to a tab with `?tab=`). */
export async function openPopup(l: Launched, tabId?: number): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(`chrome-extension://${l.extensionId}/popup.html${tabId ? `?tab=${tabId}` : ''}`);
  return page;
}

export async function openOptions(l: Launched): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(`chrome-extension://${l.extensionId}/options.html`);
  return page;
}

export async function setUp(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByTestId('setup-passphrase').fill(passphrase);
  await page.getByTestId('setup-confirm').fill(passphrase);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('search').waitFor({ timeout: 30_000 });
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('search').waitFor({ timeout: 30_000 });
}

/** Opens a popup and sets a new vault up in it; returns that popup, showing the (empty) list. */
export async function setUpInPopup(l: Launched, passphrase = PASSPHRASE): Promise<Page> {
  const popup = await openPopup(l);
  await setUp(popup, passphrase);
  return popup;
}

/** Sets a new vault up in a popup and closes that popup. */
export async function setUpVault(l: Launched, passphrase = PASSPHRASE): Promise<void> {
  await (await setUpInPopup(l, passphrase)).close();
}

/** Sets a new vault up in a popup, adds `uris` to it, and closes that popup. */
export async function setUpWithAccounts(l: Launched, uris: string[]): Promise<void> {
  const popup = await setUpInPopup(l);
  await addUris(popup, uris);
  await popup.close();
}

/**
 * Runs in Sesame's background or one of its pages (pass it to `evaluate`): brings the auto-lock
 * alarm forward instead of waiting a quarter of an hour, and resolves once it fires with the time
 * it was due and the time this listener saw it. Every request re-arms that alarm 15 minutes ahead,
 * so one still on its way (from a page that is still starting) would leave the test waiting: it is
 * brought forward again whenever that happens. Chromium's and Firefox's `fireAutoLock` run it.
 */
export function bringAutoLockForward(): Promise<{ due: number; seen: number }> {
  type Alarm = { name: string; scheduledTime: number };
  type Alarms = {
    get(name: string): Promise<Alarm | undefined>;
    create(name: string, info: { when: number }): Promise<void>;
    onAlarm: { addListener(f: (a: Alarm) => void): void; removeListener(f: (a: Alarm) => void): void };
  };
  // Firefox names the extension API `browser`; Chromium has only `chrome`.
  const api = globalThis as unknown as { browser?: { alarms: Alarms }; chrome: { alarms: Alarms } };
  const { alarms } = api.browser ?? api.chrome;
  return new Promise((resolve) => {
    const bringForward = () => void alarms.create('auto-lock', { when: Date.now() + 100 });
    const again = setInterval(() => {
      void alarms.get('auto-lock').then((alarm) => alarm && alarm.scheduledTime > Date.now() + 60_000 && bringForward());
    }, 250);
    alarms.onAlarm.addListener(function fired(alarm) {
      if (alarm.name !== 'auto-lock') return;
      clearInterval(again);
      alarms.onAlarm.removeListener(fired);
      resolve({ due: alarm.scheduledTime, seen: Date.now() });
    });
    bringForward();
  });
}

/**
 * Brings the background's auto-lock alarm forward (`bringAutoLockForward`) and resolves with the
 * time it fired (the background's own listener, which locks, runs first).
 */
export async function fireAutoLock(worker: Worker): Promise<number> {
  return (await worker.evaluate(bringAutoLockForward)).seen;
}

export async function addUris(page: Page, uris: string[]): Promise<string> {
  await page.getByTestId('add').click();
  await page.getByTestId('add-uri').fill(uris.join('\n'));
  await page.getByTestId('add-uri-submit').click();
  const result = page.getByTestId('add-result');
  await result.filter({ hasText: /\S/ }).waitFor();
  const text = (await result.textContent()) ?? '';
  await page.getByTestId('back').click();
  return text;
}

/** The code shown in a row, spaces removed, with the times just before and after reading it. */
export async function readCode(page: Page, issuer: string): Promise<{ code: string; before: number; after: number }> {
  const before = Date.now();
  const text = await page.locator(`[data-testid="account"][data-issuer="${issuer}"] [data-testid="code"]`).textContent();
  const after = Date.now();
  return { code: (text ?? '').replace(/\s/g, ''), before, after };
}

/** Runs axe-core in the page and returns serious or critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  const source = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { html: string }[] }) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.html),
    }));
  });
  return (result as { id: string; impact: string; nodes: string[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(({ id, nodes }) => ({ id, nodes }));
}

/** Every file under a folder, for the secret-leak scan. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

/**
 * Does what a click on Sesame's toolbar button does for `page`'s tab (grants `activeTab`), via
 * the CDP command Extensions.triggerAction on the tab target, and returns the tab's id so a test
 * can open `popup.html?tab=<id>`, which acts on that tab exactly like the toolbar popup.
 */
export async function grantActiveTab(l: Launched, page: Page): Promise<number> {
  const browser = l.context.browser();
  if (!browser) throw new Error('no browser for CDP');
  const cdp = await browser.newBrowserCDPSession();
  const url = page.url();
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] })) as {
    targetInfos: { type: string; url: string; targetId: string }[];
  };
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
  if (!tab) throw new Error(`no tab target for ${url}`);
  await cdp.send('Extensions.triggerAction' as never, { id: l.extensionId, targetId: tab.targetId } as never);
  await cdp.detach();
  const [worker] = l.context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  // With activeTab granted, the tab's URL is visible to the extension; that is how we find its id.
  const tabId = await worker.evaluate(async (u: string) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ url?: string; id?: number }[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (tabId === null) throw new Error(`activeTab was not granted for ${url}`);
  return tabId;
}
