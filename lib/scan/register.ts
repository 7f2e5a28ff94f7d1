/**
 * Browser glue for scanning a tab for QR codes (registered from `entrypoints/background.ts`): the
 * popup's "Scan this page" and "Select an area", the `scan-page` keyboard command and the
 * "Scan QR code with Sesame" image menu. Each of these grants `activeTab` for the tab it was used
 * on; no host permission is needed. The decisions live in lib/scan/ (pure); this file only talks to
 * `tabs`, `scripting`, `commands`, `contextMenus`, `action` and `storage.session`.
 *
 * What a scan reads is what the user sees: `tabs.captureVisibleTab` captures the active tab of a
 * window, so the tab must be the active one of its window. From the toolbar popup, the command and
 * the menu it always is; from a popped-out popup whose window the user switched to another tab, the
 * scan says so instead of switching tabs behind the user's back.
 */
import { browser } from 'wxt/browser';
import type { Problem } from '../result';
import type { MessageKey } from '../i18n/message-key';
import type { SesameRouter } from '../messaging/request';
import type { VaultService } from '../vault-service/vault-service';
import { PROBE_LIMITS, probePage, type PageProbe } from '../../page/scan/page-probe';
import { selectAreaInPage, type SelectedArea } from '../../page/scan/select-area-overlay';
import { decodePageCapture, decodeSelectedArea } from './decode-page-capture';
import { rgbaFromBlob } from './rgba-from-blob';
import { SCAN_REQUEST_FIELDS, type ScanReply } from './protocol';
import type { RgbaImage } from '../qr/rgba-image';
import { siteOfUrl, siteText } from '../autofill/site';

const SCAN_COMMAND = 'scan-page';
const SCAN_MENU_ID = 'scan-qr-image';
/**
 * storage.session (memory only, trusted contexts only): a command's or menu's scan, until a popup
 * shows it. Its QR texts may hold secrets, so they are kept only while the vault is unlocked and
 * dropped when it locks; a scan asked for while locked keeps only the tab, and runs once the
 * popup has been unlocked.
 */
const PENDING_KEY = 'scan-pending';
const PENDING_MAX_AGE_MS = 5 * 60_000;
/** Chrome allows two `captureVisibleTab` calls per second. */
const CAPTURE_INTERVAL_MS = 510;

const getMessage = browser.i18n.getMessage as (key: MessageKey, substitutions?: string[]) => string;
const failure = (code: MessageKey): ScanReply => ({ ok: false, problem: { code } });

let lastCaptureAt = 0;

/** Captures the visible part of the window's active tab as RGBA, keeping to the rate limit. */
async function captureWindow(windowId: number): Promise<RgbaImage | null> {
  const wait = lastCaptureAt + CAPTURE_INTERVAL_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastCaptureAt = Date.now();
  // JPEG at full quality: encoding and decoding a 1920x1080 PNG took about 4x as long (some 300 ms
  // more per scan, measured in the service worker), and a QR code is read from luminance, which
  // JPEG keeps at full resolution (only colour is subsampled).
  const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 100 });
  return rgbaFromBlob(dataUrl, 8192);
}

/** The tab, if it is what the user sees in its window; otherwise a problem to show. */
async function visibleTab(tabId: number): Promise<{ windowId: number; site: string | null } | Problem> {
  try {
    const tab = await browser.tabs.get(tabId);
    if (!tab.active) return { code: 'err_scan_tab_hidden' };
    return { windowId: tab.windowId, site: siteOf(tab.url) };
  } catch {
    return { code: 'err_scan_no_tab' };
  }
}

function siteOf(url: string | undefined): string | null {
  const site = siteOfUrl(url ?? '');
  return site ? siteText(site) : null;
}

/**
 * The site the codes were scanned from, saved with the accounts found (a set-up page's QR code
 * belongs to its site): only when the tab showed that same site before and after the capture, so
 * a page that navigated meanwhile binds nothing.
 */
async function scannedSite(tabId: number, before: string | null): Promise<{ site?: string }> {
  const after = await browser.tabs.get(tabId).then(
    (t) => siteOf(t.url),
    () => null,
  );
  return before && before === after ? { site: before } : {};
}

/** Scans everything visible in the tab, plus readable images below the fold. */
async function scanTab(tabId: number): Promise<ScanReply> {
  const started = performance.now();
  const tab = await visibleTab(tabId);
  if ('code' in tab) return { ok: false, problem: tab };
  let probe: PageProbe | undefined;
  let capture: RgbaImage | null;
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, world: 'ISOLATED', func: probePage, args: [PROBE_LIMITS] });
    probe = result?.result;
    capture = await captureWindow(tab.windowId);
  } catch {
    return failure('err_scan_no_access');
  }
  if (!capture || !probe) return failure('err_scan_capture_failed');
  const images = (await Promise.all(probe.images.map((i) => rgbaFromBlob(i.dataUrl)))).filter((i): i is RgbaImage => i !== null);
  const decodeStart = performance.now();
  const decoded = decodePageCapture({ capture, viewportCssWidth: probe.innerWidth, candidates: probe.candidates, images });
  const end = performance.now();
  const site = await scannedSite(tabId, tab.site);
  return {
    ok: true,
    value: {
      texts: decoded.texts,
      tried: { ...decoded.tried, unreadable: probe.unreadable },
      ...site,
      ms: Math.round(end - started),
      decodeMs: Math.round(end - decodeStart),
    },
  };
}

/** Lets the user drag a rectangle over the tab, then decodes that area. */
async function scanSelectedArea(tabId: number): Promise<ScanReply> {
  const tab = await visibleTab(tabId);
  if ('code' in tab) return { ok: false, problem: tab };
  let area: SelectedArea | null | undefined;
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      world: 'ISOLATED',
      func: selectAreaInPage,
      args: [getMessage('scan_area_hint') || 'Drag over the QR code. Esc cancels.'],
    });
    area = result?.result;
  } catch {
    return failure('err_scan_no_access');
  }
  if (!area) return failure('scan_area_cancelled');
  const started = performance.now();
  let capture: RgbaImage | null;
  try {
    capture = await captureWindow(tab.windowId);
  } catch {
    return failure('err_scan_no_access');
  }
  if (!capture) return failure('err_scan_capture_failed');
  const texts = decodeSelectedArea(capture, area.innerWidth, area);
  const site = await scannedSite(tabId, tab.site);
  return {
    ok: true,
    value: {
      texts,
      tried: { elements: 0, images: 0, deep: true, unreadable: 0, area: true },
      ...site,
      ms: Math.round(performance.now() - started),
    },
  };
}

/** Whether one of our popup pages is open (as the toolbar popup, a popped-out window or a tab). */
async function popupIsOpen(): Promise<boolean> {
  const getContexts = (browser.runtime as unknown as { getContexts?: (f: object) => Promise<{ documentUrl?: string }[]> }).getContexts;
  if (!getContexts) return false;
  const contexts = await getContexts({ contextTypes: ['POPUP', 'TAB'] }).catch(() => []);
  return contexts.some((c) => c.documentUrl?.includes('/popup.html') ?? false);
}

/** What waits for the popup: a scan's reply, or (asked for while locked) only the tab to scan. */
interface Pending {
  readonly at: number;
  readonly tabId: number;
  readonly reply?: ScanReply;
}

/** Keeps a scan's reply (or, with none, the tab to scan later) for the popup and shows the popup. */
async function showInPopup(tabId: number, reply?: ScanReply): Promise<void> {
  const pending: Pending = reply ? { at: Date.now(), tabId, reply } : { at: Date.now(), tabId };
  await browser.storage.session.set({ [PENDING_KEY]: pending });
  if (await popupIsOpen()) return;
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tab=${tabId}`), type: 'popup', width: 400, height: 620 });
  }
}

/** The waiting scan, once; a scan asked for while locked runs now (the vault is unlocked by now). */
async function takePending(): Promise<ScanReply | null> {
  const stored = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as Pending | undefined;
  if (!stored) return null;
  await browser.storage.session.remove(PENDING_KEY);
  if (!(Date.now() - stored.at < PENDING_MAX_AGE_MS)) return null;
  return stored.reply ?? scanTab(stored.tabId).catch(() => failure('err_internal'));
}

const dropPending = (): Promise<void> => browser.storage.session.remove(PENDING_KEY);

export function registerScan(router: SesameRouter, vault: VaultService): void {
  const selectAreaAndShow = async (tabId: number): Promise<ScanReply> => {
    const reply = await scanSelectedArea(tabId);
    // The toolbar popup closes when the user clicks into the page to drag; the result then
    // waits for the popup, which is opened again (unless the vault locked meanwhile).
    const cancelled = !reply.ok && reply.problem.code === 'scan_area_cancelled';
    if (!cancelled && !(await popupIsOpen()) && (await vault.isUnlocked())) await showInPopup(tabId, reply);
    return reply;
  };
  const whenUnlocked = async (scan: () => Promise<ScanReply>): Promise<ScanReply> =>
    (await vault.isUnlocked()) ? scan() : failure('err_locked');

  // Scan results hold secrets: only our own pages may ask (the router checks the sender), and
  // only while the vault is unlocked (a scan is for adding accounts).
  router.registerAll(SCAN_REQUEST_FIELDS, {
    'scan-page': (request) => whenUnlocked(() => scanTab(request.tabId)),
    'scan-select-area': (request) => whenUnlocked(() => selectAreaAndShow(request.tabId)),
    'scan-take-pending': async () => ({ ok: true, value: (await vault.isUnlocked()) ? await takePending() : null }),
  });
  vault.onLock(dropPending);

  const scanAndShow = async (tabId: number) => {
    // While locked, nothing is captured: the popup opens to be unlocked, then scans the tab.
    if (!(await vault.isUnlocked())) return showInPopup(tabId);
    const reply = await scanTab(tabId).catch(() => failure('err_internal'));
    // Locked while the scan ran: its results are not kept.
    await showInPopup(tabId, (await vault.isUnlocked()) ? reply : undefined);
  };
  // The command and the menu each grant activeTab for the tab they were used in.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === SCAN_COMMAND && tab?.id !== undefined) void scanAndShow(tab.id);
  });
  browser.runtime.onInstalled.addListener(() => {
    // Created after any removeAll() queued by another feature's onInstalled listener.
    void Promise.resolve().then(() =>
      browser.contextMenus.create(
        { id: SCAN_MENU_ID, title: getMessage('scan_menu_image'), contexts: ['image'] },
        () => void browser.runtime.lastError,
      ),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SCAN_MENU_ID && tab?.id !== undefined) void scanAndShow(tab.id);
  });
}
