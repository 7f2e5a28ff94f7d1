/**
 * Where synced items live. The engine sees only this: named JSON values with an optional version
 * (a WebDAV ETag), read all at once and written in batches, each write optionally conditional on
 * the version the engine read. `storage.sync` (storage-sync-transport.ts) and a WebDAV folder
 * (webdav-transport.ts) implement it; the tests use in-memory fakes.
 */
import type { ItemBudget } from './pack-items';

export interface RemoteItem {
  readonly name: string;
  readonly value: unknown;
  /** What a conditional write names (`If-Match`); undefined where the store has no versions. */
  readonly version?: string;
}

export interface ItemWrite {
  readonly name: string;
  /** The new value; undefined deletes the item. */
  readonly value?: unknown;
  /** Write only if the item is still at this version; `null`: only if it does not exist yet. */
  readonly ifVersion?: string | null;
}

export type TransportErrorKind =
  /** A conditional write met a newer version (HTTP 412): read again, merge, retry. */
  | 'conflict'
  /** Out of space (storage.sync QUOTA_BYTES / _PER_ITEM / MAX_ITEMS, HTTP 507). */
  | 'quota'
  /** Too many writes (storage.sync MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR, HTTP 429). */
  | 'rate-limited'
  /** No answer, a timeout, or a server error (5xx): worth retrying later. */
  | 'unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  /** An answer that is not what the protocol promises. */
  | 'bad-response';

export interface TransportError {
  readonly kind: TransportErrorKind;
  /** A short technical detail for the status line ("HTTP 503", "timeout"). */
  readonly detail?: string;
  /** When the store said it may be retried (Retry-After, the rate window). */
  readonly retryAt?: number;
}

export type TransportResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TransportError };

export const transportOk = <T>(value: T): TransportResult<T> => ({ ok: true, value });
export const transportFail = <T = never>(kind: TransportErrorKind, detail?: string, retryAt?: number): TransportResult<T> => ({
  ok: false,
  error: { kind, ...(detail !== undefined ? { detail } : {}), ...(retryAt !== undefined ? { retryAt } : {}) },
});

interface WriteRate {
  readonly perMinute: number;
  readonly perHour: number;
}

export interface SyncTransport {
  readonly kind: 'browser' | 'webdav';
  /** Size limits to pack within; undefined: one item per bucket, no limit. */
  readonly budget?: ItemBudget;
  /** Write operations (each `write` call counts as one per kind of change) the store allows. */
  readonly writeRate?: WriteRate;
  /** Every Sesame item there is (names `parseItemName` knows; others are left alone). */
  readAll(): Promise<TransportResult<RemoteItem[]>>;
  /**
   * Writes a batch. Returns the new version of each written item where the store has versions.
   * Not atomic across items in every store: the item format makes a partial write read as an
   * older state (sync-items.ts).
   */
  write(writes: readonly ItemWrite[]): Promise<TransportResult<Record<string, string | undefined>>>;
}
