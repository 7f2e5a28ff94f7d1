/**
 * Browser glue for the vault (registered from `entrypoints/background.ts`): its requests, the
 * auto-lock alarm, the computer's screen lock, and the lock notice to every open page. The logic
 * lives in `lib/vault-service/vault-service.ts`.
 */
import { browser } from 'wxt/browser';
import { openVaultDb } from '../vault/vault-db';
import { VaultService } from './vault-service';
import { browserStore } from '../store/browser-store';
import { notifyingStore } from '../store/notifying-store';
import { FIRST_SCREEN_INPUTS } from './store-keys';
import { FIRST_SCREEN_NOTICE } from '../messaging/first-screen-notice';
import { sendNotice } from '../messaging/send-notice';
import { VAULT_REQUEST_FIELDS, type VaultRequest } from './protocol';
import type { Handlers } from '../messaging/router';
import type { SesameReplyMap, SesameRouter } from '../messaging/request';
import { LOCK_NOTICE } from '../messaging/lock-notice';
import { ACCOUNTS_NOTICE } from '../messaging/accounts-notice';
import { computerLockRule, locksSesame } from './computer-lock';

const AUTO_LOCK_ALARM = 'auto-lock';

export function registerVault(router: SesameRouter): VaultService {
  let db: ReturnType<typeof openVaultDb> | null = null;
  // One notice for the writes of a turn (an unlock writes several entries at once). No page open:
  // nobody to tell.
  let firstScreenNoticeDue = false;
  const firstScreenChanged = () => {
    if (firstScreenNoticeDue) return;
    firstScreenNoticeDue = true;
    setTimeout(() => {
      firstScreenNoticeDue = false;
      void sendNotice(FIRST_SCREEN_NOTICE);
    }, 0);
  };
  const service = new VaultService({
    db: () => (db ??= openVaultDb()),
    // Open popups hear when their next first screen changed, and save it (first-screen-notice.ts).
    session: notifyingStore(browserStore(browser.storage.session), FIRST_SCREEN_INPUTS.session, firstScreenChanged),
    local: notifyingStore(browserStore(browser.storage.local), FIRST_SCREEN_INPUTS.local, firstScreenChanged),
    now: () => Date.now(),
    onActivity: ({ unlocked, settings }) => {
      // Auto-lock counts from the last time Sesame was used.
      if (unlocked) void browser.alarms.create(AUTO_LOCK_ALARM, { when: Date.now() + settings.autoLockMinutes * 60_000 });
      else void browser.alarms.clear(AUTO_LOCK_ALARM);
    },
    // Every open Sesame page asks for the accounts again. No page open: nobody to tell.
    onListCorrected: () => void sendNotice(ACCOUNTS_NOTICE),
  });

  const handle = (request: VaultRequest) => service.handle(request);
  const handlers = Object.fromEntries(Object.keys(VAULT_REQUEST_FIELDS).map((type) => [type, handle])) as unknown as Handlers<
    VaultRequest,
    SesameReplyMap
  >;
  router.registerAll(VAULT_REQUEST_FIELDS, handlers);

  // Every open Sesame page (popup, popped-out popup, options) drops its accounts and shows the
  // unlock form (components/shared/use-lock-notice.ts). No page open: nobody to tell, which is fine.
  service.onLock(() => sendNotice(LOCK_NOTICE));

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void service.lock();
  });
  // Locking the computer locks Sesame. Firefox never reports `locked`; there a long idle does
  // (lib/vault-service/computer-lock.ts).
  const computerLock = computerLockRule(import.meta.env.BROWSER);
  if (computerLock.idleSeconds !== null) browser.idle.setDetectionInterval(computerLock.idleSeconds);
  browser.idle.onStateChanged.addListener((state) => {
    if (locksSesame(computerLock, state)) void service.lock();
  });
  return service;
}
