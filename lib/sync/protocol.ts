/**
 * Requests the settings page and the first-run screen send to sync (`lib/sync/register.ts`).
 * Only Sesame's own pages may send them (the router's sender check). Passwords and passphrases
 * travel only in the request that uses them; no reply carries the WebDAV password.
 */
import type { Problem } from '../result';
import type { SlotSummary } from '../vault/vault-slots';
import type { StateReply } from '../vault-service/protocol';
import { isString, oneOf, optional, type RequestFields } from '../messaging/field-checks';

export type SyncKind = 'browser' | 'webdav';

/** Where to sync, as typed: the WebDAV fields only for `webdav`. */
export interface SyncTarget {
  readonly kind: SyncKind;
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
}

export type SyncRequest =
  /** What the settings page shows; answered while locked too (without the transport's details). */
  | { readonly type: 'sync-status' }
  /**
   * Turns sync on (or changes where it syncs). When the store holds another vault, the answer is
   * `other-vault` until the request carries that vault's `passphrase`: then this browser's vault
   * is merged into it (lib/sync/join-vault.ts), nothing lost on either side.
   */
  | ({ readonly type: 'sync-enable'; readonly passphrase?: string } & SyncTarget)
  /** Turns sync off: forgets the settings and sync state; the accounts here and the store stay. */
  | { readonly type: 'sync-disable' }
  /** Syncs now (unlocked, sync on) and answers the status after it. */
  | { readonly type: 'sync-now' }
  /** First run: makes this browser's vault a copy of the synced one, with its passphrase. */
  | ({ readonly type: 'sync-join'; readonly passphrase: string } & SyncTarget);

export interface SyncStatusReply {
  /** Sync is on (settings are stored). */
  readonly enabled: boolean;
  /** While unlocked, where it syncs (never the password). */
  readonly kind?: SyncKind;
  readonly url?: string;
  readonly username?: string;
  readonly lastSyncAt?: number;
  /** Changes made here the store does not have yet, as far as this browser knows. */
  readonly pending: number;
  /** Why the last sync did not complete, or a warning it completed with. */
  readonly problem?: Problem;
  /** Writes wait until then (the store's write limit, a server's Retry-After). */
  readonly retryAt?: number;
  /** A sync is running now. */
  readonly syncing: boolean;
}

export type SyncEnableReply =
  | { readonly outcome: 'enabled'; readonly status: SyncStatusReply }
  /** The store holds another vault: ask for its passphrase and send `sync-enable` again with it. */
  | { readonly outcome: 'other-vault' }
  /** This browser's accounts were merged into the synced vault. */
  | { readonly outcome: 'merged'; readonly added: number; readonly droppedSlots: readonly SlotSummary[]; readonly status: SyncStatusReply };

export interface SyncReplyMap {
  'sync-status': SyncStatusReply;
  'sync-enable': SyncEnableReply;
  'sync-disable': SyncStatusReply;
  'sync-now': SyncStatusReply;
  'sync-join': StateReply;
}

const target = { kind: oneOf('browser', 'webdav'), url: optional(isString), username: optional(isString), password: optional(isString) };

/** What the router checks in each sync request before sync sees it. */
export const SYNC_REQUEST_FIELDS: RequestFields<SyncRequest> = {
  'sync-status': {},
  'sync-enable': { ...target, passphrase: optional(isString) },
  'sync-disable': {},
  'sync-now': {},
  'sync-join': { ...target, passphrase: isString },
};
