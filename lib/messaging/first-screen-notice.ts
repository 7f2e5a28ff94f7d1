/**
 * The background's notice (notice.ts) to every open Sesame page that an entry a popup's first
 * screen is made from was written (`FIRST_SCREEN_INPUTS`, lib/vault-service/store-keys.ts): the
 * list's first screen, a setting, the failure count, the unlock methods. An open popup then saves
 * the screen the next popup will paint (components/popup/keep-saved-screen.tsx). A notice rather
 * than `storage.onChanged` in the popup, which hands every listener the old and new value of every
 * entry written, the whole list's included (about 260 KB at 1,000 accounts, at every change).
 */
import type { Notice } from './notice';

export const FIRST_SCREEN_NOTICE: Notice<'popup-first-screen-changed'> = { type: 'popup-first-screen-changed' };
