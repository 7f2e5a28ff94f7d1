/**
 * The encrypted activity log (store `log`): each entry is its own AES-256-GCM record under the
 * data key, additional data `log/<seq>` (docs/vault-format.md, "Activity log"). Only the newest
 * `MAX_LOG_ENTRIES` are kept.
 */
import { decryptRecord, encryptRecord } from './crypto';
import { normalizeLogEntry, type LogEntry } from './log-entry';
import type { VaultDb } from './vault-db';
import { ERR_CHANGED_MEANWHILE, VaultError } from './vault-problems';

export type { LogEntry } from './log-entry';

export const MAX_LOG_ENTRIES = 1000;
const ERR_LOG_ENTRY_INVALID = 'err_vault_log_entry_invalid';

export const logAad = (seq: number): string => `log/${seq}`;

/**
 * Splits `items` (oldest first) into the newest `limit` to keep and the older ones to drop.
 * Pure; `appendLog` applies it to the store's keys.
 */
export function rotate<T>(items: readonly T[], limit: number = MAX_LOG_ENTRIES): { kept: T[]; dropped: T[] } {
  const cut = Math.max(0, items.length - Math.max(0, limit));
  return { kept: items.slice(cut), dropped: items.slice(0, cut) };
}

/**
 * Encrypts and appends one entry, then drops the oldest beyond `MAX_LOG_ENTRIES`, all in one
 * transaction. Only the entry's known fields are stored. Rejects with a `VaultError` if the entry
 * is not valid.
 */
export async function appendLog(db: VaultDb, key: CryptoKey, entry: LogEntry): Promise<void> {
  const clean = normalizeLogEntry(entry);
  if (!clean) throw new VaultError({ code: ERR_LOG_ENTRY_INVALID });
  const plain = new TextEncoder().encode(JSON.stringify(clean));
  // The sequence number is part of the additional data, so it is chosen before encrypting; if
  // another context appended meanwhile, encrypt again under the next number.
  for (let attempt = 0; attempt < 5; attempt++) {
    const last = await db.transaction('log').store.openKeyCursor(null, 'prev');
    const seq = (last?.key ?? 0) + 1;
    const sealed = await encryptRecord(key, logAad(seq), plain);
    const tx = db.transaction('log', 'readwrite');
    const keys = await tx.store.getAllKeys();
    if ((keys.at(-1) ?? 0) >= seq) {
      tx.abort();
      await tx.done.catch(() => undefined);
      continue;
    }
    const { dropped } = rotate([...keys, seq]);
    await Promise.all([
      tx.store.add({ seq, iv: sealed.iv, ciphertext: sealed.ciphertext }),
      ...dropped.map((k) => tx.store.delete(k)),
      tx.done,
    ]);
    return;
  }
  throw new VaultError({ code: ERR_CHANGED_MEANWHILE });
}

/** The log, newest first. Entries that do not decrypt or parse are counted in `unreadable`. */
export async function readLog(db: VaultDb, key: CryptoKey): Promise<{ entries: LogEntry[]; unreadable: number }> {
  const records = await db.getAll('log');
  const entries: LogEntry[] = [];
  let unreadable = 0;
  for (const record of records) {
    const plain = await decryptRecord(key, logAad(record.seq), record);
    let entry: LogEntry | undefined;
    if (plain.ok) {
      try {
        entry = normalizeLogEntry(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain.value)));
      } catch {
        entry = undefined;
      }
    }
    if (entry) entries.push(entry);
    else unreadable++;
  }
  return { entries: entries.reverse(), unreadable };
}

export async function clearLog(db: VaultDb): Promise<void> {
  await db.clear('log');
}
