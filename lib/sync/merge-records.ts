/**
 * Merging two sets of account records, the heart of sync (docs/vault-format.md, "Sync: merging").
 * Pure: opened records in, opened records out; no crypto except a hash for conflict-copy ids.
 *
 * Per account id the **join** of two versions is a state-based CRDT (a last-writer-wins register
 * with a max-counter beside it), so it is commutative, associative and idempotent:
 * - the version with the later hybrid logical clock wins (clock strings compare as the clocks,
 *   the device id breaking ties); a deletion is a version like any other (a tombstone), so an
 *   older live copy never brings a deleted account back, and a newer edit is never hidden;
 * - equal clocks are the same write: a purged tombstone beats the trash tombstone it came from,
 *   and anything else is ordered by its content so every device picks the same;
 * - an HOTP counter never goes back: the winner keeps the larger counter of the two versions,
 *   even when the version that lost had it (RFC 4226 §7.2: a server refuses codes for used
 *   counters, so a counter that went back would show codes that no longer work).
 *
 * On top of the join, concurrent edits are kept: when this device's version and the remote's are
 * concurrent (neither in the other's past, by their histories: version-history.ts), the losing
 * version is kept as a **conflict copy**: a new account whose id and clock are derived from the
 * losing version alone, so every device that notices the same conflict makes the very same copy.
 * Histories travel with the versions, so this holds however a store loses or reorders writes (a
 * browser's own sync keeping one browser's item over another's, a write read back before it was
 * replaced).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Account } from '../otp/account';
import { accountToJson } from '../vault/account-codec';
import type { OpenedRecord } from '../vault/account-record';
import { concurrent, type History } from './version-history';

/** Clocks compare as strings (hybrid-logical-clock.ts: the string form sorts as the clock does). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Live 0, in the trash 1, purged 2: at equal clocks the purge (content dropped) wins. */
const stateRank = (r: OpenedRecord): number => (!r.deleted ? 0 : r.account ? 1 : 2);

const withoutCounter = (account: Account): Account => (account.type === 'hotp' ? { ...account, counter: 0 } : account);

/** The account's JSON (secret in Base64), the HOTP counter left out: a stable content key. */
const contentKey = (r: OpenedRecord): string => (r.account ? JSON.stringify(accountToJson(withoutCounter(r.account))) : '');

/** Positive if `a` wins over `b`: later clock, then purged over trash over live, then content. */
function compareVersions(a: OpenedRecord, b: OpenedRecord): number {
  return compareText(a.clock, b.clock) || stateRank(a) - stateRank(b) || compareText(contentKey(a), contentKey(b));
}

/** `winner`, with the larger HOTP counter of the two when both hold an HOTP account. */
function withCounterFloor(winner: OpenedRecord, other: OpenedRecord): OpenedRecord {
  const w = winner.account;
  const o = other.account;
  if (w?.type !== 'hotp' || o?.type !== 'hotp' || o.counter <= w.counter) return winner;
  return { ...winner, account: { ...w, counter: o.counter } };
}

/** The join of two versions of one account (same id). */
export function joinVersions(a: OpenedRecord, b: OpenedRecord): OpenedRecord {
  if (a.id !== b.id) throw new RangeError('joinVersions takes two versions of one account');
  return compareVersions(a, b) >= 0 ? withCounterFloor(a, b) : withCounterFloor(b, a);
}

/** The join of two whole states (by id). */
export function joinStates(a: ReadonlyMap<string, OpenedRecord>, b: ReadonlyMap<string, OpenedRecord>): Map<string, OpenedRecord> {
  const out = new Map(a);
  for (const [id, version] of b) {
    const mine = out.get(id);
    out.set(id, mine ? joinVersions(mine, version) : version);
  }
  return out;
}

// ---- conflict copies ----

const CONFLICT_COPY_CONTEXT = 'sesame-sync/conflict-copy/v1';

/**
 * The id of the conflict copy of version `clock` of account `id`: the first 16 bytes of
 * SHA-256(UTF-8(context "\n" id "\n" clock)) as a UUID (RFC 9562 version 8, variant 10).
 */
export function conflictCopyId(id: string, clock: string): string {
  const bytes = sha256(new TextEncoder().encode(`${CONFLICT_COPY_CONTEXT}\n${id}\n${clock}`)).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What a user would miss if the version were dropped: everything but its place, pin, counter and
 * edit time (a concurrent reorder, pin or code step is no reason for a copy; the counter merges
 * by maximum anyway).
 */
function substance(account: Account): string {
  const { order: _order, pinned: _pinned, updatedAt: _updatedAt, ...rest } = accountToJson(withoutCounter(account));
  return JSON.stringify(rest);
}

/** The conflict copy of `loser`: a live account, marked, with a derived id and the loser's clock. */
function conflictCopy(loser: OpenedRecord & { account: Account }): OpenedRecord {
  const id = conflictCopyId(loser.id, loser.clock);
  const account = { ...loser.account, id, conflictOf: { id: loser.id, clock: loser.clock } } as Account;
  return { id, clock: loser.clock, deleted: false, account };
}

/**
 * The conflict copy to keep when `local` and `remote` (two versions of one account, with their
 * histories) are concurrent and the loser holds something the winner does not; undefined
 * otherwise. A losing deletion gets no copy: the account simply stays.
 */
function conflictCopyFor(
  local: OpenedRecord,
  remote: OpenedRecord,
  localHistory: History,
  remoteHistory: History,
): OpenedRecord | undefined {
  if (!concurrent({ clock: local.clock, history: localHistory }, { clock: remote.clock, history: remoteHistory })) return undefined;
  const localWins = compareVersions(local, remote) >= 0;
  const winner = localWins ? local : remote;
  const loser = localWins ? remote : local;
  if (loser.deleted || !loser.account) return undefined;
  if (winner.account && substance(winner.account) === substance(loser.account)) return undefined;
  return conflictCopy(loser);
}

export interface MergeOutcome {
  /** Every account's merged version (live, trash, purged), sorted by id. */
  readonly merged: OpenedRecord[];
  /** The conflicts found: the account and the copy that keeps its losing version. */
  readonly conflicts: { readonly id: string; readonly copyId: string }[];
}

export interface MergeView {
  /** The history of this device's version of an account (its own clock included). */
  readonly localHistory: (version: OpenedRecord) => History;
  /** The history of the remote's version. */
  readonly remoteHistory: (version: OpenedRecord) => History;
}

/** A version's history when nothing more is known: itself. */
const ownHistory = (version: OpenedRecord): History => [version.clock];

/** Merges this device's records with the remote's (see above for the conflict rule). */
export function mergeRecordSets(
  local: readonly OpenedRecord[],
  remote: readonly OpenedRecord[],
  view: MergeView = { localHistory: ownHistory, remoteHistory: ownHistory },
): MergeOutcome {
  const mine = new Map(local.map((r) => [r.id, r]));
  const theirs = new Map<string, OpenedRecord>(); // the remote may hold one id twice (mid-move between items)
  for (const r of remote) theirs.set(r.id, theirs.has(r.id) ? joinVersions(theirs.get(r.id)!, r) : r);
  const merged = joinStates(mine, theirs);
  const conflicts: { id: string; copyId: string }[] = [];
  for (const [id, l] of mine) {
    const r = theirs.get(id);
    const copy = r && conflictCopyFor(l, r, view.localHistory(l), view.remoteHistory(r));
    if (!copy) continue;
    conflicts.push({ id, copyId: copy.id });
    const existing = merged.get(copy.id);
    merged.set(copy.id, existing ? joinVersions(existing, copy) : copy);
  }
  return { merged: [...merged.values()].sort((a, b) => compareText(a.id, b.id)), conflicts };
}
