import { describe, expect, it } from 'vitest';
import { decodeMigrationUri, type DecodedMigration } from '../../../lib/import/google-migration';
import {
  addMigrationPart,
  batchProgress,
  collectedAccounts,
  EMPTY_MIGRATION_COLLECTOR,
  lastAddProblem,
  progress,
} from '../../../lib/import/google-migration-batch';
import { uriLines, zbarimgTexts } from './google-migration-fixtures';

const decoded = (uri: string): DecodedMigration => {
  const r = decodeMigrationUri(uri);
  if (!r.ok) throw new Error(r.problem.code);
  return r.value;
};

describe('collecting a multi-part Google Authenticator export', () => {
  const [first, second] = zbarimgTexts()['Exported-QR-codes.png']!.map(decoded) as [DecodedMigration, DecodedMigration];

  it('shows "1 of 2" and adds nothing until every part is scanned, in either order', () => {
    let state = addMigrationPart(EMPTY_MIGRATION_COLLECTOR, first);
    expect(first.batch).toMatchObject({ index: 1, size: 2 }); // zbarimg read part 2 first
    expect(progress(state)).toEqual({ scanned: 1, size: 2, complete: false });
    expect(batchProgress(state)[0]!.missing).toEqual([1]);
    expect(collectedAccounts(state)).toBeNull();
    state = addMigrationPart(state, second);
    expect(progress(state)).toEqual({ scanned: 2, size: 2, complete: true });
    const all = collectedAccounts(state)!;
    expect(all.accounts).toHaveLength(20);
    expect(all.accounts[0]!.label).toBe('Test1'); // by batch index, not scan order
    expect(all.accounts[19]!.label).toBe('testscan');
  });

  it('ignores a part scanned twice and says so', () => {
    const once = addMigrationPart(EMPTY_MIGRATION_COLLECTOR, first);
    const twice = addMigrationPart(once, first);
    expect(twice.last).toBe('repeated');
    expect(twice.batches).toBe(once.batches);
    expect(lastAddProblem(twice, first)).toEqual({ code: 'err_migration_batch_repeat', params: ['2', '2'] });
  });

  it('keeps exports with different batch ids apart', () => {
    const single = decoded(uriLines('example_export.txt')[0]!);
    const state = addMigrationPart(addMigrationPart(EMPTY_MIGRATION_COLLECTOR, first), single);
    expect(batchProgress(state).map((b) => [b.id, b.scanned, b.size])).toEqual([
      [first.batch.id, 1, 2],
      [single.batch.id, 1, 1],
    ]);
    expect(progress(state)).toEqual({ scanned: 2, size: 3, complete: false });
    expect(collectedAccounts(state)).toBeNull();
    const done = addMigrationPart(state, second);
    expect(collectedAccounts(done)!.accounts).toHaveLength(21);
  });

  it('ignores a part whose batch size disagrees with earlier parts of the same id', () => {
    const odd = { ...second, batch: { ...second.batch, size: 3 } };
    const state = addMigrationPart(addMigrationPart(EMPTY_MIGRATION_COLLECTOR, first), odd);
    expect(state.last).toBe('conflict');
    expect(progress(state)).toEqual({ scanned: 1, size: 2, complete: false });
    expect(lastAddProblem(state, odd)?.code).toBe('err_migration_batch_different');
  });

  it('reports nothing scanned as not complete', () => {
    expect(progress(EMPTY_MIGRATION_COLLECTOR)).toEqual({ scanned: 0, size: 0, complete: false });
    expect(collectedAccounts(EMPTY_MIGRATION_COLLECTOR)).toBeNull();
  });
});
