import { browser } from 'wxt/browser';
import { STORE_KEYS } from '@/lib/vault-service/store-keys';

/** What the popup's first screen is made from (initial-state.ts): two reads, no message to the background. */
export interface StoredForStart {
  readonly session: Record<string, unknown>;
  readonly local: Record<string, unknown>;
}

/**
 * Where entrypoints/popup-start.ts leaves the reads it started: a classic script at the top of
 * popup.html, so the reads run while the browser still fetches the popup's modules. A property of
 * the popup page's own window: web pages and content scripts never see an extension page's globals.
 */
const STARTED = '__sesameStoreReads';

/** The reads the start script began, or `taken` once the popup has them (a late start script then reads nothing). */
type WithStarted = typeof globalThis & { [STARTED]?: Promise<StoredForStart> | 'taken' };

/**
 * Starts reading `storage.session`'s snapshot and `storage.local`'s settings, vault flag, failure
 * count and unlock methods.
 */
function startReads(): Promise<StoredForStart> {
  return Promise.all([
    browser.storage.session.get([STORE_KEYS.popupSnapshot, STORE_KEYS.recoveryPending]),
    browser.storage.local.get([STORE_KEYS.settings, STORE_KEYS.vaultExists, STORE_KEYS.unlockFailures, STORE_KEYS.unlockHints]),
  ]).then(([session, local]) => ({ session, local }));
}

/** Called by entrypoints/popup-start.ts, before the popup's modules have loaded. */
export function startStoreReads(): void {
  (globalThis as WithStarted)[STARTED] ??= startReads();
}

/**
 * What the start script read (or reads now, if it has not run yet), forgotten here: the
 * snapshot's text is large, and a second call must read the stores anew.
 */
export function takeStores(): Promise<StoredForStart> {
  const scope = globalThis as WithStarted;
  const started = scope[STARTED];
  scope[STARTED] = 'taken';
  return started && started !== 'taken' ? started : startReads();
}
