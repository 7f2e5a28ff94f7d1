/**
 * The IndexedDB database behind the vault (docs/vault-format.md, "IndexedDB layout"):
 * - `meta`: the header under `'header'` (format 2: key slots and their MAC; format 1 until the
 *   first unlock upgrades it), this device's clock under `'device'`, and the encrypted list cache
 *   under `'listCache'` (list-cache.ts);
 * - `accounts`: one encrypted record per account (live or tombstone), key path `id`;
 * - `log`: encrypted activity-log entries, key path `seq` (increasing integers).
 * Nothing in these stores is plaintext except ids, clocks, deleted flags, sequence numbers, IVs,
 * slot parameters (salts, iteration counts, credential ids, passkey names, times) and MACs.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AccountRecord } from './account-record';
import type { DeviceClockState } from './device-clock';
import type { ListCacheEntry } from './list-cache';
import type { VaultHeader } from './vault-header';
import type { VaultHeaderV1 } from './vault-header-v1';

const VAULT_DB_NAME = 'sesame-vault';
const VAULT_DB_VERSION = 1;
export const HEADER_KEY = 'header';
export const SYNC_STATE_KEY = 'sync';
export const SYNC_SETTINGS_KEY = 'syncSettings';
export { DEVICE_KEY } from './device-clock';

/** A format-1 account record, only ever read (by the upgrade) or left as it was (if unreadable). */
interface AccountRecordV1 {
  readonly id: string;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

interface LogRecord {
  readonly seq: number;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/**
 * Sync's own entries in `meta` (`'sync'`: what this browser last saw agreed, `'syncSettings'`:
 * the encrypted transport settings; lib/sync/). Typed loosely here: sync parses what it reads.
 */
export interface SyncMetaValue {
  readonly kind: 'sync-state' | 'sync-settings';
  readonly data: unknown;
}

interface VaultSchema extends DBSchema {
  meta: { key: string; value: VaultHeader | VaultHeaderV1 | DeviceClockState | SyncMetaValue | ListCacheEntry };
  accounts: { key: string; value: AccountRecord | AccountRecordV1 };
  log: { key: number; value: LogRecord };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

export function openVaultDb(name: string = VAULT_DB_NAME): Promise<VaultDb> {
  return openDB<VaultSchema>(name, VAULT_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('accounts', { keyPath: 'id' });
        db.createObjectStore('log', { keyPath: 'seq' });
      }
    },
  });
}
