/**
 * Browser glue for the scheduled encrypted backup (registered from `entrypoints/background.ts`):
 * the options page's requests, a periodic alarm, and `downloads.download` (an optional
 * permission the options page requests when the user turns the schedule on). The logic lives in
 * `lib/service/auto-backup-service.ts`.
 */
import { browser } from 'wxt/browser';
import type { VaultService } from '../service/vault-service';
import { AutoBackupService } from '../service/auto-backup-service';
import { browserStore } from '../service/browser-store';
import { isExtensionPageSender } from '../messages/is-extension-page-sender';
import { isAutoBackupRequest } from '../messages/auto-backup-protocol';
import { downloadText } from './download-text';

export const AUTO_BACKUP_ALARM = 'auto-backup';
/** Backups go into this folder inside the user's downloads folder. */
const FOLDER = 'Sesame backups';

export function registerAutoBackup(vault: VaultService): AutoBackupService {
  const service = new AutoBackupService({
    session: browserStore(browser.storage.session),
    local: browserStore(browser.storage.local),
    // Not `vault.handle`: a background backup must not count as use and push back the auto-lock.
    accounts: () => vault.unlockedAccounts(),
    save: async (fileName, text) => {
      if (!(await browser.permissions.contains({ permissions: ['downloads'] }))) throw new Error('no downloads permission');
      await downloadText(`${FOLDER}/${fileName}`, text, 'application/json');
    },
    now: () => Date.now(),
    setTimer: async (period) => {
      if (period === null) await browser.alarms.clear(AUTO_BACKUP_ALARM);
      else await browser.alarms.create(AUTO_BACKUP_ALARM, { periodInMinutes: period });
    },
    onSaved: () => vault.logExported('auto-backup'),
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_BACKUP_ALARM) void service.tick();
  });

  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isAutoBackupRequest(message) || !isExtensionPageSender(sender, browser.runtime.id, ownOrigin)) return false;
    service.handle(message).then(sendResponse, () => sendResponse({ ok: false, problem: { code: 'err_internal' } }));
    return true;
  });
  return service;
}
