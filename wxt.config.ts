import { defineConfig } from 'wxt';

// See docs/design.md for why each permission is here. No host permissions: the active tab is
// reached through `activeTab` (granted by a toolbar click, a command or a context menu) and
// `scripting`, on demand.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // SESAME_OUT_DIR lets two builds run side by side (tests/e2e/harness.ts reads the same variable).
  outDir: process.env.SESAME_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage', 'unlimitedStorage', 'activeTab', 'scripting', 'alarms', 'idle', 'clipboardWrite', 'contextMenus',
      // Clearing a copied code after 30 s only if the clipboard still holds it means reading the
      // clipboard once (execCommand('paste') in a document without focus needs clipboardRead);
      // Chrome reads it in an offscreen document (Firefox has no offscreen API: its background page).
      'clipboardRead',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Optional, never granted at install: the options page's "check the clock against a website"
    // (off by default) asks for the one origin the user names, at that moment, makes a single
    // credential-less HEAD request to read its Date header, and removes the permission again.
    optional_host_permissions: ['https://*/*'],
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
      ? { browser_specific_settings: { gecko: { id: 'sesame@sesame.invalid', strict_min_version: '128.0' } } }
      : { minimum_chrome_version: '116' }),
  }),
});
