/**
 * Browser glue for sync (registered from `entrypoints/background.ts`): its requests, the periodic
 * alarm, `storage.sync`'s change events, the vault's unlock, lock and write events, and the notice
 * that tells open settings pages to read the status again. The logic
 * lives in `lib/sync/sync-service.ts`; the engine in `sync-engine.ts`.
 */
import { browser } from 'wxt/browser';
import type { VaultService } from '../vault-service/vault-service';
import type { SesameRouter } from '../messaging/request';
import { ACCOUNTS_NOTICE } from '../messaging/accounts-notice';
import { SYNC_REQUEST_FIELDS } from './protocol';
import { SyncService } from './sync-service';
import { originPermission } from './origin-permission';
import { SYNC_STATUS_NOTICE } from './status-notice';
import { sendNotice } from '../messaging/send-notice';

const SYNC_ALARM = 'sync';
/** How often a sync runs while unlocked, besides the events (WebDAV has none). */
const SYNC_PERIOD_MINUTES = 5;

export function registerSync(router: SesameRouter, vault: VaultService): SyncService {
  const service = new SyncService({
    vault,
    area: browser.storage.sync,
    fetch: (url, init) => fetch(url, init),
    canReach: (url) => browser.permissions.contains({ origins: [originPermission(url)] }),
    now: () => Date.now(),
    // Every open Sesame page asks for the accounts again. No page open: nobody to tell.
    notify: () => sendNotice(ACCOUNTS_NOTICE),
    setPeriodic: async (on) => {
      if (!on) await browser.alarms.clear(SYNC_ALARM);
      else if (!(await browser.alarms.get(SYNC_ALARM))) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
    },
    // An open settings page reads the status again (status-notice.ts). No page open: nobody to tell.
    statusChanged: () => void sendNotice(SYNC_STATUS_NOTICE),
  });

  router.registerAll(SYNC_REQUEST_FIELDS, {
    'sync-status': (request) => service.handle(request),
    'sync-enable': (request) => service.handle(request),
    'sync-disable': (request) => service.handle(request),
    'sync-now': (request) => service.handle(request),
    'sync-join': (request) => service.handle(request),
  });

  vault.onUnlock(() => service.onUnlocked());
  vault.onLock(() => service.onLocked());
  vault.onWritten(() => service.onLocalWrite());
  vault.setPassphraseFallback((db, passphrase) => service.unlockFallback(db, passphrase));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync') service.onStoreChanged(changes);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.tick();
  });
  return service;
}
