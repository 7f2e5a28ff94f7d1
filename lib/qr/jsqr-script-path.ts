/**
 * Where the extension build ships jsQR as a classic script of its own (wxt.config.ts writes it,
 * minified from node_modules/jsqr at build time). Relative to the extension's root.
 */
export const JSQR_SCRIPT_PATH = 'vendor/jsqr.js';
