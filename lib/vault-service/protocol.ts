import type { Settings } from '../settings/settings';
import type { WireAccount, WireDraft } from '../messaging/account-wire';
import type { ClientLogEvent } from './log-event';
import type { LogEntry } from '../vault/log-entry';
import type { SlotSummary } from '../vault/vault-slots';
import { arrayOf, isArray, isObject, isString, oneOf, optional, type RequestFields } from '../messaging/field-checks';

/** Requests that extension pages send to the background's vault (lib/vault-service/register.ts). */
export type VaultRequest =
  | { readonly type: 'state' }
  | { readonly type: 'setup'; readonly passphrase: string }
  /** `answer: 'list'`: answer with the popup's list (`StateReply.list`) instead of the whole accounts. */
  | { readonly type: 'unlock'; readonly passphrase: string; readonly answer?: 'list' }
  | { readonly type: 'lock' }
  /** `source: 'import'` logs one "imported" entry instead of one "added" entry per account. */
  | { readonly type: 'add'; readonly drafts: readonly WireDraft[]; readonly source?: 'import' }
  | { readonly type: 'update'; readonly account: WireAccount }
  | { readonly type: 'delete'; readonly id: string }
  | { readonly type: 'hotp-next'; readonly id: string }
  | { readonly type: 'reorder'; readonly ids: readonly string[] }
  | { readonly type: 'set-settings'; readonly settings: Settings }
  | { readonly type: 'change-passphrase'; readonly current: string; readonly next: string }
  /** Checks the vault passphrase (before a plain export) without changing any state; needs unlocked. */
  | { readonly type: 'verify-passphrase'; readonly passphrase: string }
  /** The page was used: restarts the auto-lock. `err_locked` while locked. */
  | { readonly type: 'touch' }
  | { readonly type: 'log-event'; readonly event: ClientLogEvent }
  | { readonly type: 'read-log' }
  /** Deleted accounts still in the trash (30 days, lib/vault/trash.ts), most recently deleted first. */
  | { readonly type: 'trash' }
  /** Brings an account back from the trash (in sync too: a newer live version). */
  | { readonly type: 'trash-restore'; readonly id: string }
  | { readonly type: 'clear-log' }
  // ---- key slots (docs/design.md "Unlocking"): byte strings travel as Base64 (RFC 4648 §4) ----
  /** While locked: which ways in the unlock screen can offer, and what the passkey ceremony needs. */
  | { readonly type: 'unlock-options' }
  /** The WebAuthn answer: the credential's `rawId` and its PRF output for the slot's salt. */
  | { readonly type: 'unlock-passkey'; readonly credentialId: string; readonly prfOutput: string; readonly answer?: 'list' }
  /** The recovery key as typed; on success the phase is `recovered` until `set-new-passphrase`. */
  | { readonly type: 'unlock-recovery-key'; readonly recoveryKey: string }
  /** Only in the `recovered` phase: replaces the forgotten passphrase, then the vault is unlocked. */
  | { readonly type: 'set-new-passphrase'; readonly passphrase: string }
  /** The vault's unlock methods, without secrets. */
  | { readonly type: 'slots' }
  /** Checks the vault passphrase and the passkey's name; answers what `navigator.credentials.create` needs. */
  | { readonly type: 'passkey-add-begin'; readonly passphrase: string; readonly name: string }
  /** Completes `passkey-add-begin` with the new credential's `rawId` and its PRF output. */
  | { readonly type: 'passkey-add'; readonly credentialId: string; readonly prfOutput: string }
  | { readonly type: 'passkey-remove'; readonly slotId: string }
  /** Checks the vault passphrase and makes a recovery key, shown once; nothing is stored until confirmed. */
  | { readonly type: 'recovery-key-create'; readonly passphrase: string }
  /** The recovery key typed back; when it matches, it replaces the vault's recovery key. */
  | { readonly type: 'recovery-key-confirm'; readonly recoveryKey: string };

/** The vault's requests (the name the pages have always used). */
export type Request = VaultRequest;

/**
 * `recovered`: opened with the recovery key; the user must choose a new passphrase
 * (`set-new-passphrase`) before anything else. No accounts, and every other request but `state`
 * and `lock` answers `err_new_passphrase_required`.
 */
type Phase = 'setup' | 'locked' | 'unlocked' | 'recovered';

export interface StateReply {
  readonly phase: Phase;
  readonly settings: Settings;
  /** Present when unlocked, unless `list` is. */
  readonly accounts?: readonly WireAccount[];
  /**
   * When unlocked and the request asked for it (`answer: 'list'`, the popup's unlock): what the
   * list's first screen draws, as the first screen's snapshot the popup reads at start-up
   * (popup-snapshot.ts: one JSON string, no notes, recovery codes or sites, and the whole list's
   * length), in place of `accounts`. The popup reads the rest from `storage.session` once it has
   * painted, as at start-up. The background builds it once for this answer and for
   * `storage.session`, or takes it from the list cache (lib/vault/list-cache.ts).
   */
  readonly list?: string;
  /** Ids of records that failed to decrypt (tampered or corrupt); never silently dropped. */
  readonly unreadable?: readonly string[];
  /** When locked after repeated failures: the time (ms) before which no unlock is tried. */
  readonly retryAt?: number;
}

/** `trash`: one deleted account, when it was deleted and when it will be purged (ms since the epoch). */
export interface WireTrashEntry {
  readonly account: WireAccount;
  readonly deletedAt: number;
  readonly purgeAt: number;
}

/** `unlock-options`: one entry per passkey slot (Base64 byte strings), and whether a recovery key exists. */
export interface UnlockOptionsReply {
  readonly passkeys: readonly { readonly slotId: string; readonly credentialId: string; readonly prfSalt: string }[];
  readonly recoveryKey: boolean;
}

/** `passkey-add-begin`: the PRF input to evaluate, a user handle, and the credentials the vault has already. */
export interface PasskeyRegistration {
  readonly prfSalt: string;
  readonly userId: string;
  readonly excludeCredentials: readonly string[];
}

/** What each request answers with. */
export interface ReplyMap {
  state: StateReply;
  setup: StateReply;
  unlock: StateReply;
  lock: StateReply;
  add: readonly WireAccount[];
  update: WireAccount;
  delete: null;
  'hotp-next': WireAccount;
  reorder: null;
  'set-settings': Settings;
  'change-passphrase': null;
  'verify-passphrase': null;
  touch: null;
  'log-event': null;
  'read-log': { readonly entries: readonly LogEntry[]; readonly unreadable: number };
  'clear-log': null;
  trash: readonly WireTrashEntry[];
  'trash-restore': WireAccount;
  'unlock-options': UnlockOptionsReply;
  'unlock-passkey': StateReply;
  'unlock-recovery-key': StateReply;
  'set-new-passphrase': StateReply;
  slots: readonly SlotSummary[];
  'passkey-add-begin': PasskeyRegistration;
  'passkey-add': SlotSummary;
  /** The removed passkey's credential id, so the page can tell its authenticator (signalUnknownCredential). */
  'passkey-remove': { readonly credentialId: string };
  'recovery-key-create': { readonly text: string };
  'recovery-key-confirm': SlotSummary;
}

/** What the router checks in each vault request before the vault sees it (lib/messaging/router.ts). */
export const VAULT_REQUEST_FIELDS: RequestFields<VaultRequest> = {
  state: {},
  setup: { passphrase: isString },
  unlock: { passphrase: isString, answer: optional(oneOf('list')) },
  lock: {},
  add: { drafts: isArray, source: optional(oneOf('import')) },
  update: { account: isObject },
  delete: { id: isString },
  'hotp-next': { id: isString },
  reorder: { ids: arrayOf(isString) },
  'set-settings': { settings: isObject },
  'change-passphrase': { current: isString, next: isString },
  'verify-passphrase': { passphrase: isString },
  touch: {},
  'log-event': { event: isObject },
  'read-log': {},
  'clear-log': {},
  trash: {},
  'trash-restore': { id: isString },
  'unlock-options': {},
  'unlock-passkey': { credentialId: isString, prfOutput: isString, answer: optional(oneOf('list')) },
  'unlock-recovery-key': { recoveryKey: isString },
  'set-new-passphrase': { passphrase: isString },
  slots: {},
  'passkey-add-begin': { passphrase: isString, name: isString },
  'passkey-add': { credentialId: isString, prfOutput: isString },
  'passkey-remove': { slotId: isString },
  'recovery-key-create': { passphrase: isString },
  'recovery-key-confirm': { recoveryKey: isString },
};
