import { browser } from 'wxt/browser';
import { STORE_KEYS } from '@/lib/vault-service/store-keys';
import { popupStateFromStores, type PopupState } from '@/lib/vault-service/popup-state';

let reading: Promise<PopupState | null> | undefined;

/**
 * The popup's first screen, read straight from the stores: the codes from the snapshot the
 * background keeps in `storage.session` while unlocked, or the unlock form when `storage.local`
 * says a vault exists (lib/vault-service/popup-state.ts). No message to the background, which the
 * browser may have stopped: waking it costs more than an empty page takes to show. Null when
 * only the background can tell (first run, a list being rebuilt); the popup then asks it.
 * Started once, before Preact and the UI's modules load (prefetch-state.ts).
 */
export function startState(): Promise<PopupState | null> {
  return (reading ??= read());
}

async function read(): Promise<PopupState | null> {
  try {
    const [session, local] = await Promise.all([
      browser.storage.session.get(STORE_KEYS.popupSnapshot),
      browser.storage.local.get([STORE_KEYS.settings, STORE_KEYS.vaultExists, STORE_KEYS.unlockFailures]),
    ]);
    return popupStateFromStores({
      snapshot: session[STORE_KEYS.popupSnapshot],
      settings: local[STORE_KEYS.settings],
      vaultExists: local[STORE_KEYS.vaultExists],
      unlockFailures: local[STORE_KEYS.unlockFailures],
    }, Date.now());
  } catch {
    return null;
  }
}
