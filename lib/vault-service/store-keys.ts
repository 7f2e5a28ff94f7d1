/**
 * Keys of the vault's entries in the browser's key-value stores, apart from the vault service so
 * the popup can read the few it needs at start-up without loading the vault's code.
 */
export const STORE_KEYS = {
  /** `storage.session` only: the raw data key while unlocked. */
  sessionDataKey: 'dataKey',
  /** `storage.session` only: the popup's list while unlocked (popup-snapshot.ts). */
  popupSnapshot: 'popupSnapshot',
  /** `storage.session` only: the list's first accounts, what the popup's first screen is painted from (popup-snapshot.ts). */
  popupFirstScreen: 'popupFirstScreen',
  /**
   * `storage.session` only: the popup's first screen of codes as HTML (components/popup/saved-screen.ts),
   * repainted at once when the popup opens on the same stores. Removed at a lock with the list.
   */
  popupSavedScreen: 'popupSavedScreen',
  /**
   * `storage.local`: the popup's unlock form as HTML, as `popupSavedScreen` (nothing of the vault:
   * it stays at a lock, and across a restart of the browser, for the popup that opens after it).
   */
  popupSavedUnlockForm: 'popupSavedUnlockForm',
  /** `storage.local`: `true` once a vault exists, so the popup can show the unlock form at once (nothing secret). */
  vaultExists: 'vaultExists',
  settings: 'settings',
  unlockFailures: 'unlockFailures',
  /** Times of failed unlocks not yet in the (encrypted) activity log; see failed-unlocks.ts. */
  pendingUnlockFailures: 'pendingUnlockFailures',
  /**
   * `storage.session`: set (before the data key is stored) while the vault was opened with the
   * recovery key and waits for a new passphrase, so a restarted service worker stays in that phase.
   */
  recoveryPending: 'recoveryPending',
  /** `storage.local`: which unlock methods exist (unlock-methods.ts), not secret. */
  unlockHints: 'unlockMethods',
} as const;

/**
 * The entries a popup's first screen is made from, beside the page's own address, language and
 * version (components/popup/saved-screen.ts, `firstRenderInputs`): what the popup reads at start
 * and the background tells open popups about when it writes one (first-screen-notice.ts).
 */
export const FIRST_SCREEN_INPUTS = {
  session: [STORE_KEYS.popupFirstScreen, STORE_KEYS.recoveryPending],
  local: [STORE_KEYS.settings, STORE_KEYS.vaultExists, STORE_KEYS.unlockFailures, STORE_KEYS.unlockHints],
} as const;
