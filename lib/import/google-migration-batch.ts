/**
 * Collects the QR codes of a multi-part Google Authenticator export ("Scan QR code 1 of 2").
 * Each code carries `batch_id` (shared by all codes of one export), `batch_index` and `batch_size`
 * (lib/import/google-migration.ts). The UI keeps a {@link MigrationCollector}, adds each scanned
 * code with {@link addMigrationPart}, shows {@link progress} ("2 of 3 scanned"), and adds accounts
 * only once {@link collectedAccounts} returns them (every part scanned) and the user confirms.
 *
 * Pure and immutable: every call returns a new state. Codes of different exports (different
 * batch ids) are kept apart; a code scanned twice is ignored.
 */
import type { AccountDraft } from '../otp/account';
import type { Problem } from '../result';
import type { DecodedMigration, SkippedMigrationAccount } from './google-migration';

interface CollectedBatch {
  readonly id: number;
  readonly size: number;
  /** Indexed by `batch.index`; `undefined` where that code is not scanned yet. */
  readonly parts: readonly (DecodedMigration | undefined)[];
}

export interface MigrationCollector {
  /** One entry per export, in the order first scanned. */
  readonly batches: readonly CollectedBatch[];
  /**
   * What the last {@link addMigrationPart} did: `added`, `repeated` (that code was already
   * scanned; nothing changed) or `conflict` (same batch id but a different size; ignored).
   */
  readonly last: 'none' | 'added' | 'repeated' | 'conflict';
}

export const EMPTY_MIGRATION_COLLECTOR: MigrationCollector = { batches: [], last: 'none' };

/** Adds one decoded QR code of an export. */
export function addMigrationPart(state: MigrationCollector, decoded: DecodedMigration): MigrationCollector {
  const { id, index, size } = decoded.batch;
  const at = state.batches.findIndex((b) => b.id === id);
  const existing = state.batches[at];
  if (!existing) {
    const parts = Array.from({ length: size }, (_, i) => (i === index ? decoded : undefined));
    return { batches: [...state.batches, { id, size, parts }], last: 'added' };
  }
  if (existing.size !== size) return { ...state, last: 'conflict' };
  if (existing.parts[index]) return { ...state, last: 'repeated' };
  const parts = existing.parts.map((p, i) => (i === index ? decoded : p));
  return { batches: state.batches.map((b, i) => (i === at ? { ...b, parts } : b)), last: 'added' };
}

export interface MigrationProgress {
  /** QR codes scanned so far. */
  readonly scanned: number;
  /** QR codes in all the exports seen so far. */
  readonly size: number;
  /** Every code of every export seen is scanned (false while nothing is scanned). */
  readonly complete: boolean;
}

/** Progress over all exports seen ("2 of 3 scanned"). */
export function progress(state: MigrationCollector): MigrationProgress {
  const all = batchProgress(state);
  const scanned = all.reduce((n, b) => n + b.scanned, 0);
  const size = all.reduce((n, b) => n + b.size, 0);
  return { scanned, size, complete: size > 0 && scanned === size };
}

/** Progress of each export separately, with the 1-based numbers of the codes still missing. */
export function batchProgress(state: MigrationCollector): (MigrationProgress & { readonly id: number; readonly missing: number[] })[] {
  return state.batches.map((b) => {
    const missing = b.parts.flatMap((p, i) => (p ? [] : [i + 1]));
    return { id: b.id, scanned: b.size - missing.length, size: b.size, complete: missing.length === 0, missing };
  });
}

/**
 * The accounts of every export in scan order (by export, then by code index), with those that
 * could not be imported, once every code is scanned; `null` before that.
 */
export function collectedAccounts(state: MigrationCollector): { accounts: AccountDraft[]; skipped: SkippedMigrationAccount[] } | null {
  if (!progress(state).complete) return null;
  const parts = state.batches.flatMap((b) => b.parts).filter((p): p is DecodedMigration => p !== undefined);
  return { accounts: parts.flatMap((p) => p.accounts), skipped: parts.flatMap((p) => p.skipped) };
}

/** A problem to show for the last add, if it did not add anything. */
export function lastAddProblem(state: MigrationCollector, decoded: DecodedMigration): Problem | null {
  if (state.last === 'repeated')
    return { code: 'err_migration_batch_repeat', params: [String(decoded.batch.index + 1), String(decoded.batch.size)] };
  if (state.last === 'conflict') return { code: 'err_migration_batch_different' };
  return null;
}
