/**
 * Loads tests/fixtures/vault-format-1 (a real vault made by the format-1 code, see its README)
 * into a fresh fake-indexeddb database through the raw IndexedDB API, and dumps databases the same
 * way, so tests compare stored bytes without going through lib/vault.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIdbDump } from '../../support/idb-dump';

const FORMAT_1_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/vault-format-1');

export const format1Expected = (): { passphrase: string; backupPassphrase: string; accounts: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(path.join(FORMAT_1_DIR, 'EXPECTED.json'), 'utf8'));

export const format1Backup = (): string => readFileSync(path.join(FORMAT_1_DIR, 'backup-v1.json'), 'utf8');

const ask = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));

let loaded = 0;
/** A new database holding the fixture vault; returns its name. */
export async function loadFormat1Vault(): Promise<string> {
  const name = `format-1-${Date.now()}-${++loaded}`;
  await writeIdbDump({ text: readFileSync(path.join(FORMAT_1_DIR, 'vault.json'), 'utf8'), name });
  return name;
}

/** Every store's keys and values, read through the raw IndexedDB API. */
export async function dumpDatabase(name: string): Promise<Record<string, { keys: IDBValidKey[]; values: unknown[] }>> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: Record<string, { keys: IDBValidKey[]; values: unknown[] }> = {};
  for (const storeName of Array.from(db.objectStoreNames)) {
    const store = db.transaction(storeName).objectStore(storeName);
    const [keys, values] = await Promise.all([ask(store.getAllKeys()), ask(store.getAll())]);
    out[storeName] = { keys, values };
  }
  db.close();
  return out;
}
