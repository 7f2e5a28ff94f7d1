/**
 * Browser glue for the scheduled encrypted backup (registered from `entrypoints/background.ts`):
 * the options page's requests, a periodic alarm, and `downloads.download` (an optional
 * permission the options page requests when the user turns the schedule on). The logic lives in
 * `lib/auto-backup/auto-backup-service.ts`.
 */
import { browser } from 'wxt/browser';
import type { VaultService } from '../vault-service/vault-service';
import { AutoBackupService } from './auto-backup-service';
import { browserStore } from '../store/browser-store';
import { AUTO_BACKUP_REQUEST_FIELDS } from './protocol';
import type { SesameRouter } from '../messaging/request';
import { downloadText } from './download-text';

const AUTO_BACKUP_ALARM = 'auto-backup';
/** Backups go into this folder inside the user's downloads folder. */
const FOLDER = 'Sesame backups';

export function registerAutoBackup(router: SesameRouter, vault: VaultService): AutoBackupService {
  const service = new AutoBackupService({
    session: browserStore(browser.storage.session),
    local: browserStore(browser.storage.local),
    // Not `vault.handle`: a background backup must not count as use and push back the auto-lock.
    accounts: () => vault.unlockedAccounts(),
    checkPassphrase: (passphrase) => vault.checkPassphrase(passphrase),
    seal: (plain, aad) => vault.sealWithDataKey(plain, aad),
    open: (sealed, aad) => vault.openWithDataKey(sealed, aad),
    recoveryBackupKey: () => vault.backupRecoveryKey(),
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
  vault.onLock(() => service.onVaultLocked());
  vault.onDataKeyReplaced((change) => service.rewrap(change));

  router.registerAll(AUTO_BACKUP_REQUEST_FIELDS, {
    'auto-backup-status': (request) => service.handle(request),
    'auto-backup-enable': (request) => service.handle(request),
    'auto-backup-disable': (request) => service.handle(request),
  });
  return service;
}
