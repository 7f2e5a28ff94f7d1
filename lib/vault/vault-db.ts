/**
 * The IndexedDB database behind the vault (docs/vault-format.md, "IndexedDB layout"):
 * - `meta`: one record under the key `'header'` (format version, KDF, wrapped data key);
 * - `accounts`: one encrypted record per account, key path `id`;
 * - `log`: encrypted activity-log entries, key path `seq` (increasing integers).
 * Nothing in these stores is plaintext except ids, sequence numbers, IVs and KDF parameters.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { VaultHeader } from './vault-header';

export const VAULT_DB_NAME = 'sesame-vault';
export const VAULT_DB_VERSION = 1;
export const HEADER_KEY = 'header';

export interface AccountRecord {
  readonly id: string;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface LogRecord {
  readonly seq: number;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface VaultSchema extends DBSchema {
  meta: { key: string; value: VaultHeader };
  accounts: { key: string; value: AccountRecord };
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
