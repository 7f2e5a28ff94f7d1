import { browser } from 'wxt/browser';
import { openVaultDb } from '@/lib/vault/vault-db';
import { VaultService } from '@/lib/service/vault-service';
import { browserStore } from '@/lib/service/browser-store';
import { isExtensionPageSender } from '@/lib/messages/is-extension-page-sender';
import type { Request } from '@/lib/messages/protocol';
import { isAutoBackupRequest } from '@/lib/messages/auto-backup-protocol';
import { registerAutoBackup } from '@/lib/background/auto-backup';
import { isAutofillRequest } from '@/lib/messages/autofill-protocol';
import { registerAutofill } from '@/lib/background/autofill';
import { registerScan } from '@/lib/background/scan';
import { isScanRequest } from '@/lib/scan/scan-protocol';
import { computerLockRule, locksSesame } from '@/lib/settings/computer-lock';

const AUTO_LOCK_ALARM = 'auto-lock';

export default defineBackground(() => {
  // The data key may sit in storage.session while unlocked; keep it away from content scripts
  // (this is Chrome's default, said explicitly so a future change cannot loosen it silently).
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });

  let db: ReturnType<typeof openVaultDb> | null = null;
  const service = new VaultService({
    db: () => (db ??= openVaultDb()),
    session: browserStore(browser.storage.session),
    local: browserStore(browser.storage.local),
    now: () => Date.now(),
    onActivity: ({ unlocked, settings }) => {
      // Auto-lock counts from the last time Sesame was used.
      if (unlocked) void browser.alarms.create(AUTO_LOCK_ALARM, { when: Date.now() + settings.autoLockMinutes * 60_000 });
      else void browser.alarms.clear(AUTO_LOCK_ALARM);
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void service.lock();
  });
  // Locking the computer locks Sesame. Firefox never reports `locked`; there a long idle does
  // (lib/settings/computer-lock.ts).
  const computerLock = computerLockRule(import.meta.env.BROWSER);
  if (computerLock.idleSeconds !== null) browser.idle.setDetectionInterval(computerLock.idleSeconds);
  browser.idle.onStateChanged.addListener((state) => {
    if (locksSesame(computerLock, state)) void service.lock();
  });

  registerAutofill(service);
  registerScan();

  registerAutoBackup(service);

  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own pages may talk to the vault; content scripts and other extensions get nothing.
    if (!isExtensionPageSender(sender, browser.runtime.id, ownOrigin)) return false;
    if (isAutoBackupRequest(message)) return false; // answered by lib/background/auto-backup.ts
    if (isAutofillRequest(message)) return false; // answered by lib/background/autofill.ts
    if (isScanRequest(message)) return false; // answered by lib/background/scan.ts
    service.handle(message as Request).then(sendResponse, () => sendResponse({ ok: false, problem: { code: 'err_internal' } }));
    return true;
  });
});
