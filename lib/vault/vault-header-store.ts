/**
 * Reading and replacing the vault header in IndexedDB. Every change goes through `commitHeader`,
 * which checks the current header's MAC with the caller's data key first (so a tampered header is
 * never re-signed), bumps the revision, signs, and writes only if nobody changed the header since
 * it was read.
 */
import { fail, ok, type Result } from '../result';
import { bytesEqual } from './encoding';
import { headerMacValid, signHeader } from './header-mac';
import { abortQuietly, commitAll } from './idb-write';
import type { KeySlot } from './key-slots';
import { HEADER_KEY, type VaultDb } from './vault-db';
import { parseStoredHeader, slotListProblem, type StoredHeader, type VaultHeader } from './vault-header';
import { ERR_CHANGED_MEANWHILE, ERR_HEADER_CORRUPT, ERR_HEADER_TAMPERED, ERR_NOT_UPGRADED, ERR_VAULT_MISSING } from './vault-problems';

export async function hasVault(db: VaultDb): Promise<boolean> {
  return (await db.count('meta', HEADER_KEY)) > 0;
}

/** The stored header of either format (not yet authenticated). */
export async function readStoredHeader(db: VaultDb): Promise<Result<StoredHeader>> {
  const stored = await db.get('meta', HEADER_KEY);
  return stored === undefined ? fail(ERR_VAULT_MISSING) : parseStoredHeader(stored);
}

/** Whether `stored` is `header` (the same revision and MAC: every change makes a new MAC). */
function isSameHeader(stored: Result<StoredHeader>, header: VaultHeader): boolean {
  return (
    stored.ok &&
    stored.value.version === 2 &&
    stored.value.header.revision === header.revision &&
    bytesEqual(stored.value.header.mac, header.mac)
  );
}

/** Whether `header` is still the stored header. */
export async function isStoredHeader(db: VaultDb, header: VaultHeader): Promise<boolean> {
  return isSameHeader(await readStoredHeader(db), header);
}

/** The format-2 header, authenticated with the raw data key the caller holds. */
export async function verifiedHeader(db: VaultDb, rawDataKey: Uint8Array): Promise<Result<VaultHeader>> {
  const stored = await readStoredHeader(db);
  if (!stored.ok) return stored;
  if (stored.value.version !== 2) return fail(ERR_NOT_UPGRADED);
  const header = stored.value.header;
  return (await headerMacValid(header, rawDataKey)) ? ok(header) : fail(ERR_HEADER_TAMPERED);
}

/**
 * Writes `current` with `slots` instead of its slots, the next revision and a new MAC, in one
 * transaction, provided the stored header is still `current` (same revision and MAC).
 */
export async function commitHeader(
  db: VaultDb,
  current: VaultHeader,
  slots: readonly KeySlot[],
  rawDataKey: Uint8Array,
): Promise<Result<VaultHeader>> {
  if (slotListProblem(slots)) return fail(ERR_HEADER_CORRUPT); // a programming error: callers check the rules first
  const next = await signHeader(
    { format: current.format, version: current.version, vaultId: current.vaultId, revision: current.revision + 1, slots },
    rawDataKey,
  );
  const tx = db.transaction('meta', 'readwrite');
  if (!isSameHeader(parseStoredHeader(await tx.store.get(HEADER_KEY)), current)) {
    await abortQuietly(tx);
    return fail(ERR_CHANGED_MEANWHILE);
  }
  await commitAll(tx, [() => tx.store.put(next, HEADER_KEY)]);
  return ok(next);
}
