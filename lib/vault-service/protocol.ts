import type { Settings } from '../settings/settings';
import type { WireAccount, WireDraft } from '../messaging/account-wire';
import type { ClientLogEvent } from './log-event';
import type { LogEntry } from '../vault/log-entry';
import { arrayOf, isArray, isObject, isString, oneOf, optional, type RequestFields } from '../messaging/field-checks';

/** Requests that extension pages send to the background's vault (lib/vault-service/register.ts). */
export type VaultRequest =
  | { readonly type: 'state' }
  | { readonly type: 'setup'; readonly passphrase: string }
  | { readonly type: 'unlock'; readonly passphrase: string }
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
  | { readonly type: 'touch' }
  | { readonly type: 'log-event'; readonly event: ClientLogEvent }
  | { readonly type: 'read-log' }
  | { readonly type: 'clear-log' };

/** The vault's requests (the name the pages have always used). */
export type Request = VaultRequest;

type Phase = 'setup' | 'locked' | 'unlocked';

export interface StateReply {
  readonly phase: Phase;
  readonly settings: Settings;
  /** Present when unlocked. */
  readonly accounts?: readonly WireAccount[];
  /** Ids of records that failed to decrypt (tampered or corrupt); never silently dropped. */
  readonly unreadable?: readonly string[];
  /** When locked after repeated failures: the time (ms) before which no unlock is tried. */
  readonly retryAt?: number;
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
}

/** What the router checks in each vault request before the vault sees it (lib/messaging/router.ts). */
export const VAULT_REQUEST_FIELDS: RequestFields<VaultRequest> = {
  state: {},
  setup: { passphrase: isString },
  unlock: { passphrase: isString },
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
};
