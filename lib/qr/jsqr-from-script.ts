/**
 * jsQR as the extension build sees it: there, `jsqr` resolves to this module (the alias in
 * wxt.config.ts), so the library ships once, as {@link JSQR_SCRIPT_PATH}, instead of once inside
 * background.js and once inside the image worker (some 45 KB of the store zip each). Tests run in
 * Node with the real package (vitest.config.ts has no alias).
 *
 * The script defines the global `jsQR` (its UMD wrapper, with no `module` or `define` around). How
 * it gets loaded:
 * - Firefox's event page: the manifest lists it in `background.scripts` before background.js.
 * - Chrome's service worker and the image worker (classic scripts): `importScripts`, here, while
 *   the bundle is first evaluated. A service worker may only import a new script then
 *   (https://w3c.github.io/ServiceWorker/#importscripts); evaluation of this module is part of it.
 */
import type JsQr from 'jsqr';
import { JSQR_SCRIPT_PATH } from './jsqr-script-path';

type JsQrFunction = typeof JsQr;

const scope = globalThis as typeof globalThis & {
  jsQR?: JsQrFunction;
  importScripts?: (...urls: string[]) => void;
};

// Node (WXT loads entry points at build time) has neither: nothing happens there.
if (!scope.jsQR && typeof scope.importScripts === 'function') scope.importScripts(`/${JSQR_SCRIPT_PATH}`);

const jsQR: JsQrFunction = (...args) => {
  if (!scope.jsQR) throw new Error(`jsQR is not loaded (${JSQR_SCRIPT_PATH})`);
  return scope.jsQR(...args);
};

export default jsQR;
