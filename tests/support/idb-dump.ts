/**
 * Writes a database dump (tests/fixtures/vault-format-1/vault.json's shape: every store's key path
 * and entries, each `Uint8Array` as `{ "$bytes": "<Base64>" }`) into IndexedDB through the raw
 * API, so a test loads a real vault without going through lib/vault. Self-contained (no imports,
 * no closures): the end-to-end tests pass it to the extension's service worker with
 * `worker.evaluate`, the unit tests call it under fake-indexeddb.
 *
 * The database is opened at the dump's version; stores are created only if it is new, so writing
 * into the database the extension already made leaves its schema as it is. Resolves with the
 * database's version.
 */
export async function writeIdbDump({ text, name }: { text: string; name?: string }): Promise<number> {
  const fromJson = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fromJson);
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const bytes = record['$bytes'];
      if (typeof bytes === 'string' && Object.keys(record).length === 1) return Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromJson(v)]));
    }
    return value;
  };
  const dump = JSON.parse(text) as {
    name: string;
    version: number;
    stores: Record<string, { keyPath: string | null; entries: { key: IDBValidKey; value: unknown }[] }>;
  };
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name ?? dump.name, dump.version);
    req.onupgradeneeded = () => {
      for (const [store, { keyPath }] of Object.entries(dump.stores))
        req.result.createObjectStore(store, keyPath === null ? undefined : { keyPath });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction(Object.keys(dump.stores), 'readwrite');
  for (const [store, { keyPath, entries }] of Object.entries(dump.stores)) {
    for (const { key, value } of entries) tx.objectStore(store).put(fromJson(value), keyPath === null ? key : undefined);
  }
  await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
  const version = db.version;
  db.close();
  return version;
}
