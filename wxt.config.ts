import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformWithEsbuild } from 'vite';
import { defineConfig } from 'wxt';
import { JSQR_SCRIPT_PATH } from './lib/qr/jsqr-script-path';
import { firstPaintInOneFile } from './scripts/build/first-paint-in-one-file';
import { minifyInlineStyles } from './scripts/build/minify-inline-styles';

/** jsQR's own build (a UMD script that defines the global `jsQR`), minified with Vite's esbuild. */
async function minifiedJsqr(): Promise<string> {
  const file = createRequire(import.meta.url).resolve('jsqr');
  return (await transformWithEsbuild(await readFile(file, 'utf8'), file, { minify: true })).code;
}

// See docs/design.md for why each permission is here. No host permissions: the active tab is
// reached through `activeTab` (granted by a toolbar click, a command or a context menu) and
// `scripting`, on demand.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // SESAME_OUT_DIR lets two builds run side by side (tests/e2e/harness.ts reads the same variable).
  outDir: process.env.SESAME_OUT_DIR ?? '.output',
  // Manifest V3 for Firefox too (WXT's default there is MV2): one manifest shape, `browser.action`,
  // `optional_host_permissions` and `activeTab` + `scripting` behave alike. Reasons: docs/design.md.
  manifestVersion: 3,
  // `npm run zip`: the store zips, and for AMO the sources zip its reviewers rebuild from (README,
  // "Building the Firefox add-on from source"). WXT leaves out hidden files (.output, .wxt) and
  // node_modules; the tests, the demo pages and local leftovers are not needed to build.
  zip: {
    excludeSources: ['tests/**', 'demo/**', 'test-results/**', 'stats.html', '**/*.log', '**/*.zip'],
  },
  // jsQR ships once, as a classic script of its own, for both background.js (page scans) and the
  // image worker (files), rather than bundled into each: lib/qr/jsqr-from-script.ts, which `jsqr`
  // resolves to in this build. Vitest does not read this file: tests get the real package.
  //
  // Terser rather than Vite's default (esbuild) minifier: about 5% smaller output, which the
  // popup's first paint (issue 14: under 25 KB gzipped) needs; it costs some seconds of build
  // time. Two passes; names of properties are never mangled.
  vite: () => ({
    // The popup's first paint: its start-up module in one file, its stylesheet inline (issue 14).
    plugins: [firstPaintInOneFile('entrypoints/popup/index.html'), minifyInlineStyles()],
    resolve: {
      alias: [{ find: /^jsqr$/, replacement: fileURLToPath(new URL('./lib/qr/jsqr-from-script.ts', import.meta.url)) }],
    },
    // No modulepreload polyfill: every browser Sesame supports has modulepreload (Chrome 66+, Firefox 115+).
    build: {
      modulePreload: { polyfill: false },
      minify: 'terser',
      terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    },
  }),
  hooks: {
    'build:publicAssets': async (_wxt, files) => {
      files.push({ relativeDest: JSQR_SCRIPT_PATH, contents: await minifiedJsqr() });
    },
    // An event page (Firefox: `background.scripts`) has no importScripts: the page loads jsQR first.
    'build:manifestGenerated': (_wxt, manifest) => {
      const background = manifest.background;
      if (background && 'scripts' in background && background.scripts) background.scripts.unshift(JSQR_SCRIPT_PATH);
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'alarms',
      'idle',
      'clipboardWrite',
      'contextMenus',
      // Clearing a copied code after 30 s only if the clipboard still holds it means reading the
      // clipboard once (execCommand('paste') in a document without focus needs clipboardRead);
      // Chrome reads it in an offscreen document (Firefox has no offscreen API: its background page).
      'clipboardRead',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Optional, never granted at install: the options page's "check the clock against a website"
    // (off by default) asks for the one origin the user names, at that moment, makes a single
    // credential-less HEAD request to read its Date header, and removes the permission again.
    // Sync through a WebDAV folder (off by default) asks for the folder's origin when the user
    // sets it up: https, or http to a server on this computer (lib/sync/sync-settings.ts).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://*.localhost/*'],
    // Optional, never granted at install: the scheduled encrypted backup (options page, off by
    // default) asks for it when the user turns the schedule on, to save the backup file into the
    // downloads folder from the background (lib/auto-backup/register.ts). Manual exports use a
    // normal <a download> link and do not need it.
    optional_permissions: ['downloads'],
    action: { default_title: '__MSG_extName__' },
    // Fills the one account that belongs to the current site (lib/autofill/register.ts). A
    // command grants activeTab like a toolbar click, so no host permission is needed.
    commands: {
      'fill-code': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_autofill_command_description__' },
      // Scans the tab for QR codes (lib/scan/register.ts); the command's activeTab grant covers the capture.
      'scan-page': { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_scan_command_description__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sesame@sesame.invalid',
              // 140 is the first ESR with `data_collection_permissions` (and everything else we use).
              strict_min_version: '140.0',
              // AMO's data-collection declaration: Sesame sends nothing anywhere.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android is not a target (no keyboard commands; not tested), but should it
            // be installed there, 142 is the first version that honours the declaration above.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
});
