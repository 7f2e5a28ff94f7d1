import { STORE_KEYS } from '@/lib/vault-service/store-keys';
import { popupStateFromStores, type PopupState } from '@/lib/vault-service/popup-state';
import { parseUnlockHints, type UnlockHints } from '@/lib/vault-service/unlock-methods';
import type { StoredForStart } from './read-stores';

let hintsAtStart: UnlockHints | undefined;

/**
 * The unlock methods `storage.local` named when the stores were last read for a first screen (at
 * the popup's start, or for the screen it saves, keep-saved-screen.tsx), so "Use passkey" is in
 * the unlock form's first paint without a second read; undefined before that read, or when it
 * named none.
 */
export const unlockHintsAtStart = (): UnlockHints | undefined => hintsAtStart;

/**
 * The popup's first screen, from what the stores hold (read-stores.ts): the codes from the snapshot the
 * background keeps in `storage.session` while unlocked, or the unlock form when `storage.local`
 * says a vault exists (lib/vault-service/popup-state.ts). No message to the background, which the
 * browser may have stopped: waking it costs more than an empty page takes to show. Null when
 * only the background can tell (first run, a list being rebuilt); the popup then asks it.
 */
export function startState({ session, local }: StoredForStart): PopupState | null {
  try {
    hintsAtStart = parseUnlockHints(local[STORE_KEYS.unlockHints]);
    return popupStateFromStores(
      {
        snapshot: session[STORE_KEYS.popupFirstScreen],
        settings: local[STORE_KEYS.settings],
        vaultExists: local[STORE_KEYS.vaultExists],
        unlockFailures: local[STORE_KEYS.unlockFailures],
        recoveryPending: session[STORE_KEYS.recoveryPending],
      },
      Date.now(),
    );
  } catch {
    return null;
  }
}
