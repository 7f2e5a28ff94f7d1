/**
 * Reading what the remote holds into authenticated versions, and what does not authenticate into
 * a report (never into the merge). Refuses, with a Problem, remote data of another vault or of a
 * newer Sesame format: then nothing is merged and nothing is written there.
 */
import type { Problem } from '../result';
import { openAccountRecord, type AccountRecord } from '../vault/account-record';
import { headerMacValid } from '../vault/header-mac';
import type { VaultHeader } from '../vault/vault-header';
import type { LocalRecord } from './local-vault';
import { ERR_SYNC_NEWER_FORMAT, ERR_SYNC_OTHER_VAULT } from './sync-problems';
import { parseBucket, parseHeaderItem, parseItemName, type ParsedBucket } from './sync-items';
import type { RemoteItem } from './transport';

export interface RemoteVault {
  /** The remote header, when it is this vault's and its MAC holds under the data key. */
  readonly header?: VaultHeader;
  /** The remote header is this vault's by id but its MAC does not hold: ignored (and repaired). */
  readonly headerTampered: boolean;
  /** Every version that authenticates (an id may appear in two items, mid-move). */
  readonly records: readonly LocalRecord[];
  /** This vault's records that do not authenticate: kept on the remote as they are, never merged. */
  readonly passThrough: readonly AccountRecord[];
  /** Their ids (and `#damaged` for each row that is not a record at all), for the report. */
  readonly unreadable: readonly string[];
}

export interface RemoteHeaderRead {
  readonly header?: VaultHeader;
  readonly problem?: Problem;
}

/** The header item as read: a header (not yet authenticated), a problem, or nothing. */
export function remoteHeaderOf(items: readonly RemoteItem[]): RemoteHeaderRead {
  const item = items.find((i) => parseItemName(i.name)?.kind === 'header');
  if (!item) return {};
  const parsed = parseHeaderItem(item.value);
  return parsed.ok ? { header: parsed.value } : { problem: parsed.problem };
}

export async function readRemote(items: readonly RemoteItem[], vaultId: string, dataKey: CryptoKey, rawKey: Uint8Array): Promise<RemoteVault | Problem> {
  const headerRead = remoteHeaderOf(items);
  if (headerRead.problem?.code === ERR_SYNC_NEWER_FORMAT) return headerRead.problem;
  if (headerRead.header && headerRead.header.vaultId !== vaultId) return { code: ERR_SYNC_OTHER_VAULT };
  const buckets: ParsedBucket[] = [];
  for (const item of items) {
    if (parseItemName(item.name)?.kind !== 'bucket') continue;
    const bucket = parseBucket(item.value);
    if (!bucket.ok) {
      if (bucket.problem.code === ERR_SYNC_NEWER_FORMAT) return bucket.problem;
      continue; // a damaged item: overwritten by the next push
    }
    // Another vault's records with no header of this vault beside them: not ours to merge or replace.
    if (bucket.value.vaultId !== vaultId && !headerRead.header) return { code: ERR_SYNC_OTHER_VAULT };
    if (bucket.value.vaultId === vaultId) buckets.push(bucket.value);
  }
  const headerOk = headerRead.header ? await headerMacValid(headerRead.header, rawKey) : false;
  const records: LocalRecord[] = [];
  const passThrough: AccountRecord[] = [];
  const unreadable: string[] = [];
  for (const bucket of buckets) {
    for (let i = 0; i < bucket.malformed; i++) unreadable.push('#damaged');
    for (const raw of bucket.records) {
      const opened = await openAccountRecord(dataKey, raw);
      if (opened.ok) records.push({ raw, opened: opened.value });
      else {
        passThrough.push(raw);
        unreadable.push(raw.id);
      }
    }
  }
  return {
    ...(headerOk ? { header: headerRead.header! } : {}),
    headerTampered: headerRead.header !== undefined && !headerOk,
    records,
    passThrough,
    unreadable,
  };
}
