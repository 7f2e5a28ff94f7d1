import { browser } from 'wxt/browser';
import { Router } from '@/lib/messaging/router';
import { isOwnPageSender, originOf } from '@/lib/messaging/sender';
import type { SesameRouter } from '@/lib/messaging/request';
import { registerVault } from '@/lib/vault-service/register';
import { registerAutofill } from '@/lib/autofill/register';
import { registerScan } from '@/lib/scan/register';
import { registerAutoBackup } from '@/lib/auto-backup/register';
import { registerExport } from '@/lib/export/register';
import { registerClipboard } from '@/lib/clipboard/register';
import { registerSync } from '@/lib/sync/register';

export default defineBackground(() => {
  // The data key may sit in storage.session while unlocked; keep it away from content scripts
  // (this is Chrome's default, said explicitly so a future change cannot loosen it silently).
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });

  // One door (lib/messaging/router.ts): one listener, one sender check, one request union. Only
  // Sesame's own pages are answered; nothing listens to onMessageExternal or onConnect.
  const ownOrigin = originOf(browser.runtime.getURL('/')) ?? '';
  const router: SesameRouter = new Router((sender) => isOwnPageSender(sender, browser.runtime.id, ownOrigin));

  // Each feature adds its requests (and its alarms, commands and menus) here.
  const vault = registerVault(router);
  registerAutofill(router, vault);
  registerScan(router, vault);
  registerAutoBackup(router, vault);
  registerExport(router, vault);
  registerClipboard(router, vault);
  registerSync(router, vault);

  browser.runtime.onMessage.addListener(router.listener);
});
