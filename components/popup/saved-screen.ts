import { browser } from 'wxt/browser';
import { FIRST_SCREEN_INPUTS, STORE_KEYS } from '@/lib/vault-service/store-keys';
import type { PopupState } from '@/lib/vault-service/popup-state';
import type { StoredForStart } from './read-stores';
import { savedWordsOf, wordsToSave, type SavedWords } from './saved-words';

/**
 * The popup's first screen as HTML, kept in `storage.session` so the next popup that opens on the
 * same stores paints it at once (paint-saved-screen.ts, with its codes and countdowns made anew),
 * before its own code (Preact and the screens) has loaded; that code then takes over the same
 * elements. Saved by an open popup for the stores as they are, and for the stores as a lock will
 * leave them (keep-saved-screen.tsx). Two of them (`SLOTS`): the screen of codes, and the unlock
 * form, which an unlock does not replace.
 *
 * `words` are the messages its repaint writes (saved-words.ts), in the language it was saved in.
 * `inputs` is a digest of everything that first render is made from (`firstRenderInputs`): a
 * saved screen is painted only for exactly those inputs, so a changed account, setting, language,
 * failure count or Sesame version never paints a stale screen. The screen of codes is kept in
 * `storage.session`, memory only and open to Sesame's own pages and background only; the
 * background removes it at a lock with the list. The unlock form shows nothing of the vault (what
 * it shows of the unlock methods, `storage.local` names already) and stays.
 */
interface SavedScreen {
  readonly v: 2;
  readonly inputs: string;
  readonly html: string;
  readonly words: SavedWords;
}

/** A first screen that is saved and painted from a saved one: the codes, or the unlock form. */
export type SavableScreen = Extract<PopupState, { phase: 'unlocked' | 'locked' }>;

/** `start` if its screen is saved (and painted from one): not an unlock form that shows a wait, which runs out. */
export function savableScreen(start: PopupState | null): SavableScreen | null {
  return start?.phase === 'unlocked' || (start?.phase === 'locked' && start.retryAt === undefined) ? start : null;
}

/**
 * Where the saved screen of `phase` is kept: the screen of codes in `storage.session` (memory only,
 * removed at a lock); the unlock form, which shows nothing of the vault, in `storage.local`, so the
 * first popup after the browser starts paints it at once too.
 */
const SLOTS = {
  unlocked: { area: 'session', key: STORE_KEYS.popupSavedScreen },
  locked: { area: 'local', key: STORE_KEYS.popupSavedUnlockForm },
} as const;

/** The saved screen of `phase` among the stores the popup read (read-stores.ts), if any. */
export function storedScreen(stores: StoredForStart, phase: SavableScreen['phase']): unknown {
  const { area, key } = SLOTS[phase];
  return stores[area][key];
}

/** A saved screen longer than this (characters) is not kept: about 9 rows take 13 KB. */
const MAX_HTML = 200_000;

/** What the first render depends on beyond the stores: the page's address (a popped-out popup has `?tab=`), language and version. */
function pageInputs(): readonly string[] {
  return [location.search, browser.i18n.getUILanguage(), browser.runtime.getManifest().version];
}

/** A SHA-256 digest (Base64) of the stores' values the popup's first render is made from, with `pageInputs`. */
export async function firstRenderInputs({ session, local }: StoredForStart): Promise<string> {
  const inputs = JSON.stringify([
    ...pageInputs(),
    ...FIRST_SCREEN_INPUTS.session.map((key) => session[key] ?? null),
    ...FIRST_SCREEN_INPUTS.local.map((key) => local[key] ?? null),
  ]);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(inputs)));
  return btoa(String.fromCharCode(...digest));
}

/** `stored` if it is a saved screen (one saved by an older Sesame is not); null otherwise. */
export function savedScreenOf(stored: unknown): SavedScreen | null {
  const { v, inputs, html, words } = (stored ?? {}) as Partial<Record<keyof SavedScreen, unknown>>;
  const saved = savedWordsOf(words);
  return v === 2 && typeof inputs === 'string' && typeof html === 'string' && html.length > 0 && saved
    ? { v, inputs, html, words: saved }
    : null;
}

/** The inputs `stored` was saved for, if it is a saved screen; null otherwise. */
export function savedScreenInputs(stored: unknown): string | null {
  return savedScreenOf(stored)?.inputs ?? null;
}

/**
 * Keeps `rendered` (the popup's element as a first render left it) as the screen of `phase` for
 * `inputs`. Without the attributes tests find elements by, so a test (or anything else) looking for
 * the popup's controls finds them only once the popup's code has taken them over, and without any
 * `value` attribute. A screen of codes saved while a lock removed the list is removed again: the
 * background removes the list before the saved screen, so a save it missed sees the list gone.
 */
export async function saveScreen(rendered: Element, inputs: string, phase: SavableScreen['phase']): Promise<void> {
  for (const element of rendered.querySelectorAll('[data-testid], [value]')) {
    element.removeAttribute('data-testid');
    element.removeAttribute('value');
  }
  const html = rendered.innerHTML;
  if (html.length > MAX_HTML) return;
  const saved: SavedScreen = { v: 2, inputs, html, words: wordsToSave() };
  const { area, key } = SLOTS[phase];
  await browser.storage[area].set({ [key]: saved });
  if (phase !== 'unlocked') return;
  const now = await browser.storage.session.get(STORE_KEYS.popupFirstScreen);
  if (now[STORE_KEYS.popupFirstScreen] === undefined) await browser.storage.session.remove(key);
}
