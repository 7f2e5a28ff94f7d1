/**
 * The background's notice (notice.ts) to every open Sesame page that an entry a popup's first
 * screen is made from was written (`FIRST_SCREEN_INPUTS`, lib/vault-service/store-keys.ts): the
 * list's first screen, a setting, the failure count, the unlock methods. An open popup then saves
 * the screen the next popup will paint (components/popup/keep-saved-screen.tsx). A notice rather
 * than `storage.onChanged` in the popup: a listener there kept about 100 KB more of the popup's heap
 * (measured at 1,000 accounts), and hears every write of every entry, the whole list's included.
 */
import type { Notice } from './notice';

export const FIRST_SCREEN_NOTICE: Notice<'popup-first-screen-changed'> = { type: 'popup-first-screen-changed' };
