/**
 * The trash (docs/vault-format.md, "Trash"): a deleted account's tombstone keeps the account
 * for 30 days, so it can be restored (in sync too); after that its content is purged and only
 * a bare tombstone remains, so a stale copy elsewhere cannot bring it back. Pure functions over
 * opened records; vault-accounts.ts applies them to the store.
 */
import type { Account } from '../otp/account';
import type { OpenedRecord } from './account-record';
import { parseHlc } from './hybrid-logical-clock';

const TRASH_DAYS = 30;
export const TRASH_MS = TRASH_DAYS * 24 * 60 * 60 * 1000;

export interface TrashEntry {
  readonly account: Account;
  /** The tombstone's clock (the deletion's). */
  readonly clock: string;
  /** When it was deleted: the wall time of the deletion's clock. */
  readonly deletedAt: number;
  /** From this time on it is purged. */
  readonly purgeAt: number;
}

const deletedAtOf = (clock: string): number => parseHlc(clock)?.wallMs ?? 0;

/** Deleted accounts still in the trash, most recently deleted first. */
export function trashEntries(records: readonly OpenedRecord[]): TrashEntry[] {
  return records
    .flatMap((r) => {
      if (!r.deleted || !r.account) return [];
      const deletedAt = deletedAtOf(r.clock);
      return [{ account: r.account, clock: r.clock, deletedAt, purgeAt: deletedAt + TRASH_MS }];
    })
    .sort((a, b) => b.deletedAt - a.deletedAt || (a.account.id < b.account.id ? -1 : 1));
}

/** The trash entries whose 30 days are over at `now`. */
export function trashDueForPurge(records: readonly OpenedRecord[], now: number): TrashEntry[] {
  return trashEntries(records).filter((e) => e.purgeAt <= now);
}

/** The account a restore writes back: as it was deleted, edited now. */
export function restoredAccount(entry: TrashEntry, now: number): Account {
  return { ...entry.account, updatedAt: now };
}
