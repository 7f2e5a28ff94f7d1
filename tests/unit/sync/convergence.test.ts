/**
 * Three devices edit the same accounts offline and sync through one store in a random order, with
 * pushes that fail, pushes delivered twice, and device clocks that disagree. The merge under test
 * is lib/sync/merge-records.ts (pure, no crypto), driven the way the engine drives it: pull,
 * merge with what this device last saw agreed, push. After a few rounds of ordinary syncs at the
 * end, every device must hold the same state, and nothing may be lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import type { OpenedRecord } from '../../../lib/vault/account-record';
import { formatHlc, parseHlc, receive, tick, zeroHlc, type Hlc } from '../../../lib/vault/hybrid-logical-clock';
import { joinStates, mergeRecordSets } from '../../../lib/sync/merge-records';
import { normalizeHistory } from '../../../lib/sync/version-history';

import { account, DEVICES, snapshot } from './model';

type Op =
  | { kind: 'edit'; device: number; id: number; action: 'rename' | 'delete' | 'restore' | 'step' | 'move' }
  | { kind: 'pull'; device: number }
  | { kind: 'push'; device: number; fate: 'ok' | 'fails' | 'twice' }
  | { kind: 'time'; ms: number };

const IDS = ['t0', 't1', 'h0', 'h1'];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    device: fc.nat(2),
    id: fc.nat(3),
    action: fc.constantFrom('rename', 'delete', 'restore', 'step', 'move'),
  }),
  fc.record({ kind: fc.constant('pull' as const), device: fc.nat(2) }),
  fc.record({ kind: fc.constant('push' as const), device: fc.nat(2), fate: fc.constantFrom('ok', 'ok', 'fails', 'twice') }),
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 5 }) }),
);

interface Device {
  readonly id: string;
  state: Map<string, OpenedRecord>;
  /** id → [clock, history]: the version held after the last pull and its history, as the engine keeps it. */
  held: Map<string, readonly [string, readonly string[]]>;
  hlc: Hlc;
  /** The store version this device last pulled (a conditional push needs it unchanged). */
  pulledAt: number;
  skew: number;
}

interface Row {
  version: OpenedRecord;
  history: readonly string[];
}

/** Two "items", as the store holds accounts in buckets: a write replaces a whole bucket. */
const bucket = (id: string) => (id.endsWith('0') ? 0 : 1);

interface Store {
  buckets: [Map<string, Row>, Map<string, Row>];
  version: number;
}

/** Which rename labels a version already contains (its ancestry), keyed by id and clock. */
type Ancestry = Map<string, Set<string>>;
const key = (r: OpenedRecord) => `${r.id}@${r.clock}`;

function simulate(ops: readonly Op[], conditional: boolean) {
  let now = 1_000;
  let labels = 0;
  const store: Store = { buckets: [new Map(), new Map()], version: 0 };
  const ancestry: Ancestry = new Map();
  const renames: { id: string; label: string; deletedSince?: true }[] = [];
  const maxCounter = new Map<string, number>();
  const devices: Device[] = DEVICES.map((id, i) => ({
    id,
    state: new Map(),
    held: new Map(),
    hlc: zeroHlc(id),
    pulledAt: -1,
    skew: [0, 7, -4][i]!,
  }));
  /** As the engine: the held version's history, or, for an edit made since, that plus the edit. */
  const localHistory = (d: Device, v: OpenedRecord): string[] => {
    const held = d.held.get(v.id);
    if (!held) return [v.clock];
    return normalizeHistory(held[0] === v.clock ? [...held[1], v.clock] : [...held[1], held[0], v.clock]);
  };

  // Every account starts on device 0.
  const d0 = devices[0]!;
  for (const id of IDS) {
    d0.hlc = tick(d0.hlc, now);
    const r: OpenedRecord = { id, clock: formatHlc(d0.hlc), deleted: false, account: account(id) };
    d0.state.set(id, r);
    ancestry.set(key(r), new Set());
  }
  const trackMerged = (merged: Iterable<OpenedRecord>) => {
    for (const r of merged) {
      if (!ancestry.has(key(r))) {
        // A conflict copy: it carries the losing version's labels.
        const origin = r.account?.conflictOf;
        ancestry.set(key(r), new Set(origin ? ancestry.get(`${origin.id}@${origin.clock}`) : []));
      }
      if (r.account?.type === 'hotp') maxCounter.set(r.id, Math.max(maxCounter.get(r.id) ?? 0, r.account.counter));
    }
  };
  const storeRows = (): Row[] => [...store.buckets[0].values(), ...store.buckets[1].values()];

  const pull = (d: Device) => {
    const rows = storeRows();
    const remoteHistories = new Map(rows.map((r) => [key(r.version), r.history]));
    const { merged } = mergeRecordSets(
      [...d.state.values()],
      rows.map((r) => r.version),
      {
        localHistory: (v) => localHistory(d, v),
        remoteHistory: (v) => remoteHistories.get(key(v)) ?? [v.clock],
      },
    );
    trackMerged(merged);
    const next = new Map<string, readonly [string, readonly string[]]>();
    for (const r of merged) {
      const mine = d.state.get(r.id);
      const history = normalizeHistory([
        ...(mine?.clock === r.clock ? localHistory(d, mine) : []),
        ...(remoteHistories.get(key(r)) ?? []),
        r.clock,
      ]);
      next.set(r.id, [r.clock, history]);
    }
    d.held = next;
    d.state = new Map(merged.map((r) => [r.id, r]));
    const latest = merged
      .map((r) => r.clock)
      .sort()
      .at(-1);
    if (latest) d.hlc = receive(d.hlc, parseHlc(latest)!, now + d.skew);
    d.pulledAt = store.version;
  };
  /** What the device would write now: each version with its history (as the engine computes it). */
  const outgoing = (d: Device): Row[] => [...d.state.values()].map((v) => ({ version: v, history: localHistory(d, v) }));
  const write = (rows: Row[], pulledAt: number): boolean => {
    if (conditional && pulledAt !== store.version) return false; // If-Match: refused
    for (const b of [0, 1] as const)
      store.buckets[b] = new Map(rows.filter((r) => bucket(r.version.id) === b).map((r) => [r.version.id, r]));
    store.version++;
    return true;
  };
  let delayed: { rows: Row[]; pulledAt: number } | undefined;

  for (const o of ops) {
    if (delayed && o.kind !== 'time') {
      write(delayed.rows, delayed.pulledAt); // a duplicate delivered late (refused if conditional and stale)
      delayed = undefined;
    }
    if (o.kind === 'time') {
      now += o.ms;
      continue;
    }
    const d = devices[o.device]!;
    if (o.kind === 'pull') pull(d);
    else if (o.kind === 'push') {
      if (o.fate === 'fails') continue;
      const rows = outgoing(d);
      const pulledAt = d.pulledAt;
      if (write(rows, pulledAt)) d.pulledAt = store.version;
      if (o.fate === 'twice') delayed = { rows, pulledAt };
    } else {
      const id = IDS[o.id]!;
      const current = d.state.get(id);
      if (!current) continue;
      let next: Account | undefined = current.account;
      let deleted = current.deleted;
      let label: string | undefined;
      if (o.action === 'rename' && !current.deleted && next) next = { ...next, label: (label = `L${++labels}`) };
      else if (o.action === 'delete' && !current.deleted) deleted = true;
      else if (o.action === 'restore' && current.deleted && current.account) deleted = false;
      else if (o.action === 'step' && !current.deleted && next?.type === 'hotp') next = { ...next, counter: next.counter + 1 };
      else if (o.action === 'move' && !current.deleted && next) next = { ...next, order: next.order === 'a0' ? 'a5' : 'a0' };
      else continue;
      d.hlc = tick(d.hlc, now + d.skew);
      const r = { id, clock: formatHlc(d.hlc), deleted, account: next } as OpenedRecord;
      d.state.set(id, r);
      const known = new Set(ancestry.get(key(current)));
      if (label) known.add(label);
      ancestry.set(key(r), known);
      if (r.account?.type === 'hotp') maxCounter.set(r.id, Math.max(maxCounter.get(r.id) ?? 0, r.account.counter));
      if (label) renames.push({ id, label });
      // A deletion that has the rename in its past: the account's last state there has no name to keep.
      if (deleted && !current.deleted)
        for (const rename of renames) if (rename.id === id && known.has(rename.label)) rename.deletedSince = true;
    }
  }
  if (delayed) write(delayed.rows, delayed.pulledAt);
  // Then everyone syncs normally for a few rounds (pull, then a write that lands).
  for (let round = 0; round < 3; round++)
    for (const d of devices) {
      pull(d);
      if (write(outgoing(d), d.pulledAt)) d.pulledAt = store.version;
    }
  return { devices, store: { state: new Map(storeRows().map((r) => [r.version.id, r.version])) }, ancestry, renames, maxCounter };
}

function checkConverged({ devices, store }: ReturnType<typeof simulate>) {
  const first = snapshot(devices[0]!.state.values());
  for (const d of devices) expect(snapshot(d.state.values())).toEqual(first);
  expect(snapshot(store.state.values())).toEqual(first);
}

function checkNewestAndCounters({ devices, ancestry, maxCounter }: ReturnType<typeof simulate>) {
  const final = devices[0]!.state;
  // Every id ends at the latest version anyone wrote: an edit made after another is never lost.
  for (const id of IDS) {
    const latest = [...ancestry.keys()]
      .filter((k) => k.startsWith(`${id}@`))
      .map((k) => k.slice(id.length + 1))
      .sort()
      .at(-1);
    expect(final.get(id)!.clock).toBe(latest);
  }
  // HOTP counters never went back.
  for (const [id, counter] of maxCounter) {
    const r = final.get(id)!;
    if (r.account?.type === 'hotp') expect(r.account.counter).toBe(counter);
  }
}

describe('three devices, random edits and deliveries', () => {
  it('with conditional writes (WebDAV): every device converges, the newest edit wins, counters never go back, and every rename survives in the account or a conflict copy', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 60 }), (ops) => {
        const run = simulate(ops, true);
        checkConverged(run);
        checkNewestAndCounters(run);
        checkRenamesKept(run);
      }),
      { numRuns: 300 },
    );
  });

  it('with an unconditional store that keeps the last write of each item (storage.sync), and late duplicates: the same', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 60 }), (ops) => {
        const run = simulate(ops, false);
        checkConverged(run);
        checkNewestAndCounters(run);
        checkRenamesKept(run);
      }),
      { numRuns: 300 },
    );
  });

  it('two browsers renaming one account between syncs, the store keeping the later write (Firefox), keep both names', () => {
    const ops: Op[] = [
      { kind: 'push', device: 0, fate: 'ok' },
      { kind: 'pull', device: 1 },
      { kind: 'edit', device: 0, id: 0, action: 'rename' },
      { kind: 'time', ms: 3 },
      { kind: 'edit', device: 1, id: 0, action: 'rename' },
      { kind: 'pull', device: 0 },
      { kind: 'pull', device: 1 },
      { kind: 'push', device: 0, fate: 'ok' },
      { kind: 'push', device: 1, fate: 'ok' }, // unconditional: replaces device 0's write unseen
    ];
    const run = simulate(ops, false);
    checkConverged(run);
    checkRenamesKept(run);
    expect([...run.devices[0]!.state.values()].filter((r) => r.account?.conflictOf)).toHaveLength(1);
  });

  it('a rename then a deletion on one browser, against a later rename on another: the account lives on with the later name, no copy', () => {
    const ops: Op[] = [
      { kind: 'push', device: 0, fate: 'ok' },
      { kind: 'edit', device: 0, id: 2, action: 'rename' },
      { kind: 'pull', device: 1 },
      { kind: 'edit', device: 1, id: 2, action: 'rename' },
      { kind: 'edit', device: 0, id: 2, action: 'delete' },
      { kind: 'time', ms: 1 },
      { kind: 'pull', device: 0 },
    ];
    const run = simulate(ops, false);
    checkConverged(run);
    checkNewestAndCounters(run);
    const h0 = run.devices[0]!.state.get('h0')!;
    expect(run.renames.map((r) => r.label)).toEqual(['L1', 'L2']);
    expect(h0.deleted).toBe(false);
    expect(h0.account?.label).toBe('L2');
    expect([...run.devices[0]!.state.values()].filter((r) => r.account?.conflictOf)).toEqual([]);
  });

  it('a browser that wrote a version, then finds it edited three times elsewhere, keeps no needless copy', () => {
    const ops: Op[] = [
      { kind: 'push', device: 0, fate: 'ok' },
      { kind: 'edit', device: 0, id: 0, action: 'rename' },
      { kind: 'push', device: 0, fate: 'ok' },
      ...[1, 2, 1].flatMap((device): Op[] => [
        { kind: 'pull', device },
        { kind: 'edit', device, id: 0, action: 'rename' },
        { kind: 'push', device, fate: 'ok' },
      ]),
    ];
    const run = simulate(ops, true);
    checkConverged(run);
    expect([...run.devices[0]!.state.values()].filter((r) => r.account?.conflictOf)).toEqual([]);
  });

  it("a write read back by its own browser and then replaced by the store with another browser's still counts as concurrent", () => {
    const ops: Op[] = [
      { kind: 'push', device: 0, fate: 'ok' },
      { kind: 'pull', device: 1 },
      { kind: 'edit', device: 0, id: 0, action: 'rename' },
      { kind: 'edit', device: 1, id: 0, action: 'rename' },
      { kind: 'pull', device: 0 },
      { kind: 'push', device: 0, fate: 'ok' },
      { kind: 'pull', device: 0 }, // reads its own write back
      { kind: 'push', device: 1, fate: 'ok' }, // the store keeps this one instead (device 1 never saw device 0's)
      { kind: 'time', ms: 1 },
    ];
    const run = simulate(ops, false);
    checkConverged(run);
    checkRenamesKept(run);
    expect([...run.devices[0]!.state.values()].filter((r) => r.account?.conflictOf)).toHaveLength(1);
  });

  it('the final state is the join of every version written, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        const run = simulate(ops, true);
        const all = run.devices.reduce((acc, d) => joinStates(acc, d.state), new Map<string, OpenedRecord>());
        expect(snapshot(all.values())).toEqual(snapshot(run.devices[1]!.state.values()));
      }),
      { numRuns: 100 },
    );
  });
});

/** Every rename is in the final version of its account (or an ancestor of it), or in a conflict copy. */
/**
 * Every rename survives, in the account or a conflict copy, unless a deletion came after it on its
 * own line (renamed to L1, then deleted, on one device): that deletion may lose to a concurrent
 * edit elsewhere, and a losing deletion gets no copy (merge-records.ts), so the account lives on
 * with the other edit and without L1. Found by this property (seed -294142119, once in about 20,000
 * runs); the case is pinned below.
 */
function checkRenamesKept(run: ReturnType<typeof simulate>) {
  const final = [...run.devices[0]!.state.values()];
  for (const { id, label, deletedSince } of run.renames) {
    if (deletedSince) continue;
    const kept = final.some(
      (r) => r.account && (r.account.label === label || (ancestry(run, r).has(label) && (r.id === id || r.account.conflictOf))),
    );
    expect(kept, `rename ${label} of ${id}`).toBe(true);
  }
}

function ancestry(run: ReturnType<typeof simulate>, r: OpenedRecord): Set<string> {
  return run.ancestry.get(`${r.id}@${r.clock}`) ?? new Set();
}
