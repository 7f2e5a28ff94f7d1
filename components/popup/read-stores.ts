import { browser } from 'wxt/browser';
import { FIRST_SCREEN_INPUTS, STORE_KEYS } from '@/lib/vault-service/store-keys';

/** What the popup's first screen is made from (initial-state.ts): two reads, no message to the background. */
export interface StoredForStart {
  readonly session: Record<string, unknown>;
  readonly local: Record<string, unknown>;
}

let reading: Promise<StoredForStart> | undefined;

/**
 * Starts reading `storage.session`'s first-screen snapshot and saved screen of codes and
 * `storage.local`'s settings, vault flag, failure count, unlock methods and saved unlock form
 * (prefetch-state.ts calls it first thing).
 */
export function readStores(): Promise<StoredForStart> {
  return (reading ??= Promise.all([
    browser.storage.session.get([...FIRST_SCREEN_INPUTS.session, STORE_KEYS.popupSavedScreen]),
    browser.storage.local.get([...FIRST_SCREEN_INPUTS.local, STORE_KEYS.popupSavedUnlockForm]),
  ]).then(([session, local]) => ({ session, local })));
}

/** What `readStores` read (reading now if it has not started), forgotten here: the snapshot's text is large. */
export function takeStores(): Promise<StoredForStart> {
  const taken = readStores();
  reading = undefined;
  return taken;
}

/** The whole list's snapshot, for a popup painted from the first screen's (read after that paint). */
export async function readWholeList(): Promise<unknown> {
  return (await browser.storage.session.get(STORE_KEYS.popupSnapshot))[STORE_KEYS.popupSnapshot];
}
