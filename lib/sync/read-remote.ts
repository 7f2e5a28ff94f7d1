/**
 * Reading what the remote holds into authenticated versions, and what does not authenticate into
 * a report (never into the merge). Refuses, with a Problem, remote data of another vault or of a
 * newer Sesame format: then nothing is merged and nothing is written there.
 */
import type { Problem } from '../result';
import { headerMacValid } from '../vault/header-mac';
import type { VaultHeader } from '../vault/vault-header';
import { ERR_SYNC_NEWER_FORMAT, ERR_SYNC_OTHER_VAULT } from './sync-problems';
import { openBucket, parseBucketEnvelope, parseHeaderItem, parseItemName, type SyncedVersion } from './sync-items';
import type { RemoteItem } from './transport';

export interface RemoteVault {
  /** The remote header, when it is this vault's and its MAC holds under the data key. */
  readonly header?: VaultHeader;
  /** The remote header is this vault's by id but its MAC does not hold: ignored (and repaired). */
  readonly headerTampered: boolean;
  /** Every version in the items that open, with its history (an id may appear in two items, mid-move). */
  readonly versions: readonly SyncedVersion[];
  /** The rows' JSON of each item that opened, by name: a push skips an item whose rows are the same. */
  readonly plaintexts: ReadonlyMap<string, string>;
  /** Items that did not open (tampered, another key, moved), and `item#row` for rows that are not versions. */
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

export async function readRemote(
  items: readonly RemoteItem[],
  vaultId: string,
  dataKey: CryptoKey,
  rawKey: Uint8Array,
): Promise<RemoteVault | Problem> {
  const headerRead = remoteHeaderOf(items);
  if (headerRead.problem?.code === ERR_SYNC_NEWER_FORMAT) return headerRead.problem;
  if (headerRead.header && headerRead.header.vaultId !== vaultId) return { code: ERR_SYNC_OTHER_VAULT };
  const versions: SyncedVersion[] = [];
  const plaintexts = new Map<string, string>();
  const unreadable: string[] = [];
  for (const item of items) {
    if (parseItemName(item.name)?.kind !== 'bucket') continue;
    const envelope = parseBucketEnvelope(item.value);
    if (!envelope.ok) {
      if (envelope.problem.code === ERR_SYNC_NEWER_FORMAT) return envelope.problem;
      unreadable.push(item.name); // damaged: overwritten by the next push
      continue;
    }
    // Another vault's items with no header of this vault beside them: not ours to merge or replace.
    if (envelope.value.vaultId !== vaultId) {
      if (!headerRead.header) return { code: ERR_SYNC_OTHER_VAULT };
      continue; // left over from an older vault under this header: replaced by the next push
    }
    const opened = await openBucket(dataKey, vaultId, item.name, envelope.value);
    if (!opened) {
      unreadable.push(item.name);
      continue;
    }
    plaintexts.set(item.name, opened.plaintext);
    versions.push(...opened.versions);
    for (let i = 0; i < opened.damaged; i++) unreadable.push(`${item.name}#${i + 1}`);
  }
  const headerOk = headerRead.header ? await headerMacValid(headerRead.header, rawKey) : false;
  return {
    ...(headerOk ? { header: headerRead.header! } : {}),
    headerTampered: headerRead.header !== undefined && !headerOk,
    versions,
    plaintexts,
    unreadable,
  };
}
