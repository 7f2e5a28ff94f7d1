/**
 * The accounts in a format-2 vault (docs/vault-format.md, "Account records"): every write gives
 * the record a new clock from this device's hybrid logical clock and seals it with its id, clock
 * and deleted flag as additional data. A delete writes a tombstone that keeps the account for the
 * trash. Every function encrypts first and then writes in ONE transaction (all or nothing); the
 * device clock is advanced in that same transaction, and only if no other write took clocks since
 * it was read.
 */
import type { Account, AccountDraft } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { accountToJson, ERR_ACCOUNT_INVALID, parseStoredAccount } from './account-codec';
import {
  accountRecordAad,
  openAccountRecord,
  parseAccountRecord,
  sealAccountRecord,
  sealPurgedTombstone,
  type AccountRecord,
  type OpenedRecord,
} from './account-record';
import { DEVICE_KEY, issueClocks, parseDeviceClockState } from './device-clock';
import { abortQuietly, commitAll } from './idb-write';
import { compareOrderKeys, orderKeysBetween } from './order-key';
import { LIST_CACHE_KEY, recordsFingerprint } from './list-cache';
import { restoredAccount, trashDueForPurge, trashEntries, type TrashEntry } from './trash';
import { HEADER_KEY, type VaultDb } from './vault-db';
import { VAULT_VERSION } from './vault-header';
import { ERR_CHANGED_MEANWHILE, ERR_NOT_UPGRADED, ERR_TRASH_MISSING, VaultError } from './vault-problems';

const WRITE_ATTEMPTS = 5;

/** A stored record as read, checked for shape (`record` undefined if it fails), with its additional data: all that needs no key. */
interface SealedRecord {
  readonly id: string;
  readonly record: AccountRecord | undefined;
  readonly aad: string;
}
type SealedRecords = readonly SealedRecord[];

/** The stored records as an unlock reads them ahead (`readSealedRecords`), with what it needs to open the list cache. */
export interface SealedVault {
  readonly records: SealedRecords;
  /** `recordsFingerprint` of these records (null: one of them is not a format-2 record). */
  readonly fingerprint: Promise<string | null>;
  /** What `meta` / `"listCache"` held, read in the same transaction (not yet opened). */
  readonly listCache: unknown;
}

function sealedRecords(values: readonly { id: unknown }[]): SealedRecords {
  return values.map((value) => {
    const record = parseAccountRecord(value);
    return { id: String(value.id), record, aad: record ? accountRecordAad(record.id, record.clock, record.deleted) : '' };
  });
}

function sealedVault(values: readonly { id: unknown }[], listCache: unknown): SealedVault {
  const records = sealedRecords(values);
  const fingerprint = recordsFingerprint(records.map((r) => r.record));
  fingerprint.catch(() => undefined);
  return { records, fingerprint, listCache };
}

/**
 * The stored account records, still sealed but checked for shape and with their additional data
 * made, and the list cache: an unlock reads them while it derives the key, so only their
 * decryption waits for it. Read in one transaction with the header, and only from a vault in the
 * current format: an unlock rewrites every record of a format-1 vault (upgrade-format-1.ts), so
 * then nothing is read ahead (undefined) and the records are read after the unlock.
 */
export async function readSealedRecords(db: VaultDb): Promise<SealedVault | undefined> {
  const tx = db.transaction(['meta', 'accounts'], 'readonly');
  const meta = tx.objectStore('meta');
  const [header, listCache, records] = await Promise.all([
    meta.get(HEADER_KEY),
    meta.get(LIST_CACHE_KEY),
    tx.objectStore('accounts').getAll(),
    tx.done,
  ]);
  return (header as { version?: unknown } | undefined)?.version === VAULT_VERSION ? sealedVault(records, listCache) : undefined;
}

/**
 * Every stored record opened with `key` (all decryptions started at once); those that fail shape,
 * authentication or parsing are listed by id. `sealed`: the records if already being read
 * (`readSealedRecords`).
 */
async function readRecords(
  db: VaultDb,
  key: CryptoKey,
  sealed?: Promise<SealedVault | undefined>,
): Promise<{ records: OpenedRecord[]; unreadable: string[]; fingerprint: Promise<string | null> }> {
  const vault = (await sealed) ?? sealedVault(await db.getAll('accounts'), undefined);
  const values = vault.records;
  const opened = await Promise.all(
    values.map(({ record, aad }): Promise<Result<OpenedRecord>> =>
      record ? openAccountRecord(key, record, aad) : Promise.resolve(fail(ERR_ACCOUNT_INVALID, 'record')),
    ),
  );
  const records: OpenedRecord[] = [];
  const unreadable: string[] = [];
  opened.forEach((result, i) => (result.ok ? records.push(result.value) : unreadable.push(values[i]!.id)));
  return { records, unreadable, fingerprint: vault.fingerprint };
}

const byOrder = (a: Account, b: Account): number =>
  compareOrderKeys(a.order, b.order) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every live account, sorted by `order` (then creation time). Records that fail to decrypt or
 * parse (tampered, swapped, rolled forward, damaged) are not dropped silently: their ids are
 * listed in `unreadable`. Tombstones are checked too, but not listed with the accounts: `trash`
 * holds those in the trash (as `listTrash`), so an unlock can purge the expired ones
 * (`purgeTrash`) without opening every record a second time. `fingerprint`: the records'
 * (list-cache.ts), to seal a list cache made from this list for exactly these records.
 */
export async function listAccounts(
  db: VaultDb,
  key: CryptoKey,
  sealed?: Promise<SealedVault | undefined>,
): Promise<{ accounts: Account[]; unreadable: string[]; trash: TrashEntry[]; fingerprint: string | null }> {
  const { records, unreadable, fingerprint } = await readRecords(db, key, sealed);
  const accounts = records.flatMap((r) => (r.deleted ? [] : [r.account]));
  return { accounts: accounts.sort(byOrder), unreadable, trash: trashEntries(records), fingerprint: await fingerprint };
}

/** Round-trips an account through its stored JSON form, so only a valid, clean account is written. */
function validated(candidate: Account): Account {
  let result: Result<Account>;
  try {
    result = parseStoredAccount(accountToJson(candidate, 'base64'), 'base64');
  } catch {
    result = fail(ERR_ACCOUNT_INVALID, 'account');
  }
  if (!result.ok) throw new VaultError(result.problem);
  return result.value;
}

/** The clocks stored records carry now (by id), so a new write is later than each. */
async function storedClocks(db: VaultDb, ids: readonly string[]): Promise<string[]> {
  const stored = await Promise.all(ids.map((id) => db.get('accounts', id)));
  return stored.flatMap((value) => {
    const record = parseAccountRecord(value);
    return record ? [record.clock] : [];
  });
}

/**
 * Seals `count` records with fresh clocks (via `seal`) and writes them with the new device clock
 * in one transaction: `add` refuses existing ids, `put` replaces. If another write took clocks
 * meanwhile, seals again with later ones.
 */
async function writeRecords(
  db: VaultDb,
  now: number,
  ids: readonly string[],
  mode: 'add' | 'put',
  seal: (clocks: readonly string[]) => Promise<AccountRecord[]>,
): Promise<void> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const state = parseDeviceClockState(await db.get('meta', DEVICE_KEY));
    if (!state) throw new VaultError({ code: ERR_NOT_UPGRADED });
    const { clocks, next } = issueClocks(state, now, ids.length, mode === 'put' ? await storedClocks(db, ids) : []);
    const records = await seal(clocks);
    const tx = db.transaction(['meta', 'accounts'], 'readwrite');
    const meta = tx.objectStore('meta');
    const accounts = tx.objectStore('accounts');
    const current = parseDeviceClockState(await meta.get(DEVICE_KEY));
    if (current?.clock !== state.clock) {
      await abortQuietly(tx);
      continue;
    }
    await commitAll(tx, [
      () => meta.put(next, DEVICE_KEY),
      ...records.map((r) => () => (mode === 'add' ? accounts.add(r) : accounts.put(r))),
    ]);
    return;
  }
  throw new VaultError({ code: ERR_CHANGED_MEANWHILE });
}

/**
 * Adds accounts in ONE transaction: all or nothing. Each gets a random id, an order after the
 * last existing account, and `createdAt = updatedAt = now`. Any id/order/timestamps on the drafts
 * are ignored. Rejects with a `VaultError` (nothing written) if a draft is invalid.
 */
export async function addAccounts(db: VaultDb, key: CryptoKey, drafts: readonly AccountDraft[], now: number): Promise<Account[]> {
  const { accounts: existing } = await listAccounts(db, key);
  const last = existing.reduce<string | undefined>(
    (max, a) => (max === undefined || compareOrderKeys(a.order, max) > 0 ? a.order : max),
    undefined,
  );
  const keys = orderKeysBetween(last, undefined, drafts.length);
  const accounts = drafts.map((draft, i) =>
    validated({ ...draft, id: crypto.randomUUID(), order: keys[i]!, createdAt: now, updatedAt: now }),
  );
  await writeRecords(
    db,
    now,
    accounts.map((a) => a.id),
    'add',
    (clocks) => Promise.all(accounts.map((a, i) => sealAccountRecord(key, a, clocks[i]!, false))),
  );
  return accounts;
}

/** Writes several accounts in one transaction (e.g. a reorder), setting `updatedAt = now` on each. */
export async function putAccounts(db: VaultDb, key: CryptoKey, accounts: readonly Account[], now: number): Promise<Account[]> {
  const updated = accounts.map((a) => validated({ ...a, updatedAt: now }));
  await writeRecords(
    db,
    now,
    updated.map((a) => a.id),
    'put',
    (clocks) => Promise.all(updated.map((a, i) => sealAccountRecord(key, a, clocks[i]!, false))),
  );
  return updated;
}

/**
 * Writes one account (new contents, same id; an HOTP counter step too), setting `updatedAt = now`
 * and a new clock. Rejects with a `VaultError` if invalid.
 */
export async function putAccount(db: VaultDb, key: CryptoKey, account: Account, now: number): Promise<Account> {
  const [updated] = await putAccounts(db, key, [account], now);
  return updated!;
}

/**
 * Deletes an account: its record becomes a tombstone that keeps the account for the trash (or, if
 * the record could not be read, a bare tombstone). Nothing happens if there is no live record.
 */
export async function deleteAccount(db: VaultDb, key: CryptoKey, id: string, now: number): Promise<void> {
  const value = await db.get('accounts', id);
  if (value === undefined) return;
  const record = parseAccountRecord(value);
  const opened = record ? await openAccountRecord(key, record) : undefined;
  if (opened?.ok && opened.value.deleted) return;
  const account = opened?.ok ? opened.value.account : undefined;
  await writeRecords(db, now, [id], 'put', ([clock]) =>
    Promise.all([account ? sealAccountRecord(key, account, clock!, true) : sealPurgedTombstone(key, id, clock!)]),
  );
}

/** Deleted accounts still in the trash, most recently deleted first. */
export async function listTrash(db: VaultDb, key: CryptoKey): Promise<TrashEntry[]> {
  return trashEntries((await readRecords(db, key)).records);
}

/** Brings an account back from the trash (a new live version, edited now). */
export async function restoreAccount(db: VaultDb, key: CryptoKey, id: string, now: number): Promise<Result<Account>> {
  const entry = (await listTrash(db, key)).find((e) => e.account.id === id);
  if (!entry) return fail(ERR_TRASH_MISSING);
  const account = validated(restoredAccount(entry, now));
  await writeRecords(db, now, [id], 'put', ([clock]) => Promise.all([sealAccountRecord(key, account, clock!, false)]));
  return ok(account);
}

/**
 * Purges tombstones deleted 30 days or more before `now`: each keeps its id, clock and deleted
 * flag but no longer holds the account. One transaction; a record changed meanwhile is left for
 * the next purge. Returns how many were purged. `trash`: the trash as just listed
 * (`listAccounts`), so the records need not be read and opened again; an entry that changed
 * since is left alone like any record changed meanwhile.
 */
export async function purgeTrash(db: VaultDb, key: CryptoKey, now: number, trash?: readonly TrashEntry[]): Promise<number> {
  const due = trash ? trash.filter((e) => e.purgeAt <= now) : trashDueForPurge((await readRecords(db, key)).records, now);
  if (due.length === 0) return 0;
  const purged = await Promise.all(due.map((e) => sealPurgedTombstone(key, e.account.id, e.clock)));
  const tx = db.transaction('accounts', 'readwrite');
  const current = await Promise.all(purged.map((r) => tx.store.get(r.id)));
  const unchanged = purged.filter((r, i) => {
    const stored = parseAccountRecord(current[i]);
    return stored?.deleted === true && stored.clock === r.clock;
  });
  await commitAll(
    tx,
    unchanged.map((r) => () => tx.store.put(r)),
  );
  return unchanged.length;
}
