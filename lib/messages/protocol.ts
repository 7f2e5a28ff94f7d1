import type { Problem } from '../result';
import type { Settings } from '../settings/settings';
import type { WireAccount, WireDraft } from './account-wire';
import type { ClientLogEvent } from '../service/log-event';
import type { LogEntry } from '../vault/log-entry';

/** Requests that extension pages send to the background, which owns the vault. */
export type Request =
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

export type Phase = 'setup' | 'locked' | 'unlocked';

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

export type Reply<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

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
