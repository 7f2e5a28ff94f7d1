import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenedRecord } from '../../../lib/vault/account-record';
import { conflictCopyId, joinStates, joinVersions, mergeRecordSets } from '../../../lib/sync/merge-records';
import { account, clock, DEVICES, live, purged, snapshot, trashed } from './model';

const IDS = ['t1', 't2', 'h1', 'h2'];

/**
 * One version of one of a few accounts, as real histories make them: a clock names one write, so
 * the content (label, deleted or not) follows from the clock; what may differ between copies of
 * one write is an HOTP counter raised by a merge, and a trash tombstone purged after 30 days.
 * Purges are generated for TOTP accounts only: a purged tombstone no longer holds the account, so
 * it forgets an HOTP counter floor (docs/vault-format.md, "Sync: merging", states that limit).
 */
const version = fc
  .record({
    id: fc.constantFrom(...IDS),
    ms: fc.integer({ min: 1, max: 6 }),
    counter: fc.integer({ min: 0, max: 2 }),
    device: fc.constantFrom(...DEVICES),
    purge: fc.boolean(),
    raise: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ id, ms, counter, device, purge, raise }): OpenedRecord => {
    const c = clock(ms, counter, device);
    const seed = ms * 7 + counter * 3 + DEVICES.indexOf(device);
    const acc = account(id, { label: `v${seed % 3}`, ...(id.startsWith('h') ? { counter: (seed % 5) + raise } : {}) });
    if (seed % 4 !== 0) return live(acc, c);
    return purge && !id.startsWith('h') ? purged(id, c) : trashed(acc, c);
  });
const state = fc.array(version, { maxLength: 8 }).map((vs) => joinStates(new Map(), new Map(vs.map((v) => [v.id, v]))));

describe('the join of two states', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(state, state, state, (a, b, c) => {
        expect(snapshot(joinStates(a, b).values())).toEqual(snapshot(joinStates(b, a).values()));
        expect(snapshot(joinStates(joinStates(a, b), c).values())).toEqual(snapshot(joinStates(a, joinStates(b, c)).values()));
        expect(snapshot(joinStates(a, a).values())).toEqual(snapshot(a.values()));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the later clock, and never a smaller HOTP counter than either side had', () => {
    fc.assert(
      fc.property(version, version, (x, y) => {
        fc.pre(x.id === y.id);
        const joined = joinVersions(x, y);
        expect(joined.clock).toBe(x.clock > y.clock ? x.clock : y.clock);
        const counters = [x, y].flatMap((v) => (v.account?.type === 'hotp' ? [v.account.counter] : []));
        if (joined.account?.type === 'hotp') expect(joined.account.counter).toBe(Math.max(...counters));
      }),
      { numRuns: 400 },
    );
  });

  it('an older live copy never brings back a deleted account, and an older deletion never hides a newer edit', () => {
    const acc = account('t1');
    expect(joinVersions(live(acc, clock(1, 0, DEVICES[0])), trashed(acc, clock(2, 0, DEVICES[1]))).deleted).toBe(true);
    expect(joinVersions(purged('t1', clock(2, 0, DEVICES[1])), live(acc, clock(1, 5, DEVICES[2]))).deleted).toBe(true);
    expect(joinVersions(trashed(acc, clock(1, 0, DEVICES[0])), live({ ...acc, label: 'new' }, clock(3, 0, DEVICES[1])))).toMatchObject({
      deleted: false,
      account: { label: 'new' },
    });
  });

  it('at equal clocks the purged tombstone replaces its trash version on every side', () => {
    const c = clock(4, 0, DEVICES[0]);
    expect(joinVersions(trashed(account('t1'), c), purged('t1', c)).account).toBeUndefined();
    expect(joinVersions(purged('t1', c), trashed(account('t1'), c)).account).toBeUndefined();
  });
});

describe('conflict copies', () => {
  const base = clock(1, 0, DEVICES[0]);
  const mine = live(account('t1', { label: 'renamed here' }), clock(5, 0, DEVICES[0]));
  const theirs = live(account('t1', { label: 'renamed there' }), clock(6, 0, DEVICES[1]));
  /** Both built on `base`, neither seeing the other: concurrent. */
  const histories = {
    localHistory: (v: OpenedRecord) => [base, v.clock].sort(),
    remoteHistory: (v: OpenedRecord) => [base, v.clock].sort(),
  };

  it('keep the losing version of an account changed on both sides without seeing each other, as a marked copy', () => {
    const { merged, conflicts } = mergeRecordSets([mine], [theirs], histories);
    const copyId = conflictCopyId('t1', mine.clock);
    expect(conflicts).toEqual([{ id: 't1', copyId }]);
    expect(merged.find((r) => r.id === 't1')).toMatchObject({ clock: theirs.clock, account: { label: 'renamed there' } });
    expect(merged.find((r) => r.id === copyId)).toMatchObject({
      deleted: false,
      clock: mine.clock,
      account: { id: copyId, label: 'renamed here', conflictOf: { id: 't1', clock: mine.clock } },
    });
    expect(copyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('every device that notices the conflict makes the same copy (either side, any order)', () => {
    const here = mergeRecordSets([mine], [theirs], histories);
    const there = mergeRecordSets([theirs], [mine], histories);
    expect(snapshot(here.merged)).toEqual(snapshot(there.merged));
  });

  it("no copy when one version is in the other one's past, however long ago", () => {
    // "theirs" was made on a device that had seen "mine" (its history holds mine's clock).
    const after = { localHistory: () => [mine.clock], remoteHistory: (v: OpenedRecord) => [mine.clock, v.clock].sort() };
    expect(mergeRecordSets([mine], [theirs], after).conflicts).toEqual([]);
    // "mine" was made here after seeing "theirs".
    const older = live(account('t1', { label: 'older' }), clock(3, 0, DEVICES[1]));
    expect(
      mergeRecordSets([mine], [older], { localHistory: () => [older.clock, mine.clock].sort(), remoteHistory: () => [older.clock] })
        .conflicts,
    ).toEqual([]);
    // A device's own earlier version is in the past of its later one.
    const myOlder = live(account('t1', { label: 'my older push' }), clock(4, 0, DEVICES[0]));
    expect(
      mergeRecordSets([mine], [myOlder], { localHistory: () => [mine.clock], remoteHistory: () => [myOlder.clock] }).conflicts,
    ).toEqual([]);
  });

  it('no copy for a losing deletion, or when the loser differs only in place, pin or counter', () => {
    expect(mergeRecordSets([trashed(account('t1'), clock(5, 0, DEVICES[0]))], [theirs], histories).conflicts).toEqual([]);
    const moved = live(account('t1', { order: 'a5', pinned: true }), clock(5, 0, DEVICES[0]));
    expect(mergeRecordSets([moved], [live(account('t1'), clock(6, 0, DEVICES[1]))], histories).conflicts).toEqual([]);
  });

  it('a deletion that wins over a concurrent edit keeps the edit as a copy (nothing lost)', () => {
    const deleted = trashed(account('t1'), clock(7, 0, DEVICES[1]));
    const { merged, conflicts } = mergeRecordSets([mine], [deleted], histories);
    expect(merged.find((r) => r.id === 't1')!.deleted).toBe(true);
    expect(conflicts).toHaveLength(1);
    expect(merged.find((r) => r.id === conflicts[0]!.copyId)).toMatchObject({ deleted: false, account: { label: 'renamed here' } });
  });

  it('with nothing known of their pasts, two differing versions are both kept', () => {
    expect(mergeRecordSets([mine], [theirs]).conflicts).toHaveLength(1);
  });
});
