/**
 * The engine's view of this browser's vault (IndexedDB, lib/vault/): read everything it needs
 * in one go, and write a merge result in ONE transaction that first checks nothing changed since
 * the read (an edit made while sync ran is never overwritten: the merge is redone instead).
 */
import { accountToJson } from '../vault/account-codec';
import { openAccountRecord, parseAccountRecord, type AccountRecord, type OpenedRecord } from '../vault/account-record';
import { DEVICE_KEY, parseDeviceClockState } from '../vault/device-clock';
import { bytesEqual } from '../vault/encoding';
import { headerMacValid } from '../vault/header-mac';
import { formatHlc, parseHlc, receive } from '../vault/hybrid-logical-clock';
import { abortQuietly, commitAll } from '../vault/idb-write';
import { HEADER_KEY, SYNC_STATE_KEY, type VaultDb } from '../vault/vault-db';
import { parseStoredHeader, type VaultHeader } from '../vault/vault-header';
import { parseSyncState, syncStateValue, type SyncState } from './sync-state';

interface LocalRecord {
  readonly raw: AccountRecord;
  readonly opened: OpenedRecord;
}

export interface LocalVault {
  readonly header: VaultHeader;
  readonly records: ReadonlyMap<string, LocalRecord>;
  /** Ids of stored records that do not open: left exactly as they are, never merged over. */
  readonly unreadable: ReadonlySet<string>;
  readonly state: SyncState | undefined;
  /** This browser's device id (§4.3). */
  readonly deviceId: string | undefined;
}

/** Reads the vault; undefined header problems come back as `'missing' | 'tampered'`. */
export async function readLocalVault(db: VaultDb, dataKey: CryptoKey, rawKey: Uint8Array): Promise<LocalVault | 'missing' | 'tampered'> {
  const stored = parseStoredHeader(await db.get('meta', HEADER_KEY));
  if (!stored.ok || stored.value.version !== 2) return 'missing';
  const header = stored.value.header;
  if (!(await headerMacValid(header, rawKey))) return 'tampered';
  const records = new Map<string, LocalRecord>();
  const unreadable = new Set<string>();
  for (const value of await db.getAll('accounts')) {
    const raw = parseAccountRecord(value);
    const opened = raw ? await openAccountRecord(dataKey, raw) : undefined;
    if (raw && opened?.ok) records.set(raw.id, { raw, opened: opened.value });
    else unreadable.add(String((value as { id?: unknown }).id));
  }
  const device = parseDeviceClockState(await db.get('meta', DEVICE_KEY));
  return { header, records, unreadable, state: parseSyncState(await db.get('meta', SYNC_STATE_KEY)), deviceId: device?.deviceId };
}

/** The same version: clock, deleted flag and content (HOTP counter included). */
export function sameVersion(a: OpenedRecord | undefined, b: OpenedRecord | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.clock !== b.clock || a.deleted !== b.deleted) return false;
  if (!a.account || !b.account) return a.account === b.account;
  return JSON.stringify(accountToJson(a.account)) === JSON.stringify(accountToJson(b.account));
}

export interface LocalCommit {
  /** The header this merge started from (the commit is refused if it changed meanwhile). */
  readonly readHeader: VaultHeader;
  /** A new header to store, if any. */
  readonly header?: VaultHeader;
  /** Records to store, each with the clock the stored record had when read (undefined: none). */
  readonly writes: readonly { readonly record: AccountRecord; readonly readClock: string | undefined }[];
  /** The latest clock among the merged records: this device's clock moves past it. */
  readonly latestClock?: string;
  readonly state: SyncState;
  readonly now: number;
}

/**
 * Writes a merge result in one transaction. Returns false (nothing written) if the header or any
 * record it replaces changed since it was read: the caller merges again.
 */
export async function commitLocal(db: VaultDb, commit: LocalCommit): Promise<boolean> {
  const tx = db.transaction(['meta', 'accounts'], 'readwrite');
  const meta = tx.objectStore('meta');
  const accounts = tx.objectStore('accounts');
  const stored = parseStoredHeader(await meta.get(HEADER_KEY));
  const header = stored.ok && stored.value.version === 2 ? stored.value.header : undefined;
  if (!header || header.revision !== commit.readHeader.revision || !bytesEqual(header.mac, commit.readHeader.mac)) {
    await abortQuietly(tx);
    return false;
  }
  for (const { record, readClock } of commit.writes) {
    const current = parseAccountRecord(await accounts.get(record.id));
    if (current?.clock !== readClock) {
      await abortQuietly(tx);
      return false;
    }
  }
  const device = parseDeviceClockState(await meta.get(DEVICE_KEY));
  const latest = parseHlc(commit.latestClock);
  const deviceClock = device ? parseHlc(device.clock) : undefined;
  // Receiving a later clock (hybrid-logical-clock.ts `receive`): this browser's next edit is later than everything it has seen.
  const nextDevice =
    device && deviceClock && latest && commit.latestClock! > device.clock
      ? { deviceId: device.deviceId, clock: formatHlc(receive(deviceClock, latest, commit.now)) }
      : undefined;
  await commitAll(tx, [
    ...(commit.header ? [() => meta.put(commit.header!, HEADER_KEY)] : []),
    ...commit.writes.map(
      ({ record }) =>
        () =>
          accounts.put(record),
    ),
    ...(nextDevice ? [() => meta.put(nextDevice, DEVICE_KEY)] : []),
    () => meta.put(syncStateValue(commit.state), SYNC_STATE_KEY),
  ]);
  return true;
}
