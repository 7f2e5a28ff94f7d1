/**
 * What the popup shows, as one value: from the background's `state` reply, or at start-up from
 * what the stores hold, read by the popup itself so it never waits for the background to wake
 * (docs/design.md, "Popup start-up"). Pure.
 */
import { parseSettings, type Settings } from '../settings/settings';
import type { Account } from '../otp/account';
import type { ListAccount } from '../accounts/list-account';
import { fromWire } from '../messaging/account-wire';
import { retryAtOf } from '../vault/unlock-throttle';
import { readPopupSnapshot } from './popup-snapshot';
import type { StateReply } from './protocol';

export type PopupState =
  | { readonly phase: 'setup'; readonly settings: Settings }
  /** `retryAt`: after repeated wrong passphrases, no unlock is tried before this time (ms). */
  | { readonly phase: 'locked'; readonly settings: Settings; readonly retryAt?: number }
  /** Opened with the recovery key: a new passphrase must be chosen before the accounts show. */
  | { readonly phase: 'recovered'; readonly settings: Settings }
  | {
      readonly phase: 'unlocked';
      readonly settings: Settings;
      /** What the list draws (the whole accounts once the background has answered). */
      readonly accounts: readonly ListAccount[];
      /** The whole accounts, for the screens that show or change more than the list (edit, scan); null until the background answers. */
      readonly full: readonly Account[] | null;
      /** Records that failed to decrypt. */
      readonly unreadable: number;
      /**
       * Accounts of the list not in `accounts` yet: painted from the first screen's snapshot, the
       * popup reads the whole list once it has painted (popup-snapshot.ts). 0 otherwise.
       */
      readonly more: number;
    };

/**
 * The popup's state from the background's answer (`state`, `unlock`, `setup`, `lock`). Null when
 * the answer's list (`list`, an unlock's) cannot be read: then the popup asks for the state.
 */
export function popupStateFromReply(reply: StateReply): PopupState | null {
  const { settings } = reply;
  switch (reply.phase) {
    case 'setup':
      return { phase: 'setup', settings };
    case 'locked':
      return reply.retryAt ? { phase: 'locked', settings, retryAt: reply.retryAt } : { phase: 'locked', settings };
    case 'recovered':
      return { phase: 'recovered', settings };
    case 'unlocked': {
      // An unlock's answer: the list only, as the start-up snapshot has it; the whole accounts
      // are asked for when a screen needs them, as after a start from the snapshot.
      if (reply.list !== undefined) {
        const snapshot = readPopupSnapshot(reply.list);
        if (snapshot.kind !== 'ready') return null;
        return {
          phase: 'unlocked',
          settings,
          accounts: snapshot.accounts,
          full: null,
          unreadable: snapshot.unreadable,
          more: snapshot.more,
        };
      }
      const full = (reply.accounts ?? []).map((w) => fromWire(w));
      return { phase: 'unlocked', settings, accounts: full, full, unreadable: reply.unreadable?.length ?? 0, more: 0 };
    }
  }
}

/** What the popup reads at start-up: `storage.session`'s snapshot and three `storage.local` entries (none secret). */
export interface StoredStart {
  /** `STORE_KEYS.popupFirstScreen`: the list's first accounts, or the whole list when short. */
  readonly snapshot: unknown;
  /** `STORE_KEYS.settings` */
  readonly settings: unknown;
  /** `STORE_KEYS.vaultExists` */
  readonly vaultExists: unknown;
  /** `STORE_KEYS.unlockFailures` */
  readonly unlockFailures: unknown;
  /** `STORE_KEYS.recoveryPending` (`storage.session`) */
  readonly recoveryPending?: unknown;
}

/**
 * The first screen from the stores alone: the codes while unlocked (the snapshot), the unlock
 * form (with any wait) when a vault exists and no snapshot is kept. Null when only the background
 * can tell: the first run (no vault yet), a vault from before `vaultExists`, a vault opened with
 * the recovery key, or a snapshot that is being rebuilt, too long to keep, or unreadable.
 */
export function popupStateFromStores(stored: StoredStart, now: number): PopupState | null {
  const settings = parseSettings(stored.settings);
  const snapshot = readPopupSnapshot(stored.snapshot);
  if (snapshot.kind === 'ready') {
    return { phase: 'unlocked', settings, accounts: snapshot.accounts, full: null, unreadable: snapshot.unreadable, more: snapshot.more };
  }
  // Opened with the recovery key, waiting for a new passphrase: the background's form, not the unlock form.
  if (snapshot.kind === 'ask' || stored.vaultExists !== true || stored.recoveryPending === true) return null;
  const retryAt = retryAtOf(stored.unlockFailures);
  return retryAt > now ? { phase: 'locked', settings, retryAt } : { phase: 'locked', settings };
}
