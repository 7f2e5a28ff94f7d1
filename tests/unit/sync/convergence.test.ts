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
import { account, DEVICES, snapshot } from './model';

type Op =
  | { kind: 'edit'; device: number; id: number; action: 'rename' | 'delete' | 'restore' | 'step' | 'move' }
  | { kind: 'pull'; device: number }
  | { kind: 'push'; device: number; fate: 'ok' | 'fails' | 'twice' }
  | { kind: 'time'; ms: number };

const IDS = ['t0', 't1', 'h0', 'h1'];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), device: fc.nat(2), id: fc.nat(3), action: fc.constantFrom('rename', 'delete', 'restore', 'step', 'move') }),
  fc.record({ kind: fc.constant('pull' as const), device: fc.nat(2) }),
  fc.record({ kind: fc.constant('push' as const), device: fc.nat(2), fate: fc.constantFrom('ok', 'ok', 'fails', 'twice') }),
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 5 }) }),
);

interface Device {
  state: Map<string, OpenedRecord>;
  agreed: Map<string, string>;
  hlc: Hlc;
  /** The remote version this device last pulled (a push is conditional on it, like If-Match). */
  pulledAt: number;
  /** The state it would push (its state right after its last pull and merge, plus edits since). */
  skew: number;
}

interface Store {
  state: Map<string, OpenedRecord>;
  version: number;
}

/** Which rename labels a version already contains (its ancestry), keyed by id and clock. */
type Ancestry = Map<string, Set<string>>;
const key = (r: OpenedRecord) => `${r.id}@${r.clock}`;

function simulate(ops: readonly Op[], conditional: boolean) {
  let now = 1_000;
  let labels = 0;
  const store: Store = { state: new Map(), version: 0 };
  const ancestry: Ancestry = new Map();
  const renames: { id: string; label: string }[] = [];
  const maxCounter = new Map<string, number>();
  const devices: Device[] = DEVICES.map((id, i) => ({ state: new Map(), agreed: new Map(), hlc: zeroHlc(id), pulledAt: -1, skew: [0, 7, -4][i]! }));

  // Every account starts on device 0, synced everywhere.
  const d0 = devices[0]!;
  for (const id of IDS) {
    d0.hlc = tick(d0.hlc, now);
    const r: OpenedRecord = { id, clock: formatHlc(d0.hlc), deleted: false, account: account(id) };
    d0.state.set(id, r);
    ancestry.set(key(r), new Set());
  }
  const track = (r: OpenedRecord, from: OpenedRecord | undefined, label?: string) => {
    const known = new Set(from ? ancestry.get(key(from)) : []);
    if (label) known.add(label);
    ancestry.set(key(r), known);
    if (r.account?.type === 'hotp') maxCounter.set(r.id, Math.max(maxCounter.get(r.id) ?? 0, r.account.counter));
  };
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

  const pull = (d: Device) => {
    const { merged } = mergeRecordSets([...d.state.values()], [...store.state.values()], d.agreed);
    trackMerged(merged);
    d.state = new Map(merged.map((r) => [r.id, r]));
    for (const r of merged) {
      const theirs = store.state.get(r.id);
      if (theirs && theirs.clock === r.clock && JSON.stringify(snapshot([theirs])) === JSON.stringify(snapshot([r]))) d.agreed.set(r.id, r.clock);
    }
    const latest = merged.map((r) => parseHlc(r.clock)!).reduce((a, b) => (a && a.wallMs * 1e5 + a.counter > b.wallMs * 1e5 + b.counter ? a : b), undefined as Hlc | undefined);
    if (latest) d.hlc = receive(d.hlc, latest, now + d.skew);
    d.pulledAt = store.version;
  };
  const push = (d: Device) => {
    // Conditional (WebDAV If-Match): refused if another push landed since this device's pull.
    if (conditional && d.pulledAt !== store.version) return;
    store.state = conditional ? new Map(d.state) : joinStatesOverwrite(store.state, d.state);
    store.version++;
    d.pulledAt = store.version;
    for (const r of d.state.values()) d.agreed.set(r.id, r.clock);
  };

  for (const o of ops) {
    if (o.kind === 'time') {
      now += o.ms;
      continue;
    }
    const d = devices[o.device]!;
    if (o.kind === 'pull') pull(d);
    else if (o.kind === 'push') {
      if (o.fate === 'fails') continue;
      push(d);
      if (o.fate === 'twice') push(d); // delivered again: refused (conditional) or the same write again
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
      track(r, current, label);
      if (label) renames.push({ id, label });
    }
  }
  // Then everyone syncs normally for a few rounds (the store accepts each push).
  for (let round = 0; round < 3; round++) for (const d of devices) {
    pull(d);
    push(d);
  }
  return { devices, store, ancestry, renames, maxCounter };
}

/** An unconditional store (storage.sync): each record pushed replaces the one there. */
function joinStatesOverwrite(store: Map<string, OpenedRecord>, pushed: Map<string, OpenedRecord>): Map<string, OpenedRecord> {
  return new Map([...store, ...pushed]);
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
    const latest = [...ancestry.keys()].filter((k) => k.startsWith(`${id}@`)).map((k) => k.slice(id.length + 1)).sort().at(-1);
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
        const final = [...run.devices[0]!.state.values()];
        for (const { id, label } of run.renames) {
          const kept = final.some((r) => r.account && (r.account.label === label || (ancestry(run, r).has(label) && (r.id === id || r.account.conflictOf))));
          expect(kept, `rename ${label} of ${id}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with an unconditional store (storage.sync): every device converges, the newest edit wins, counters never go back', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 60 }), (ops) => {
        const run = simulate(ops, false);
        checkConverged(run);
        checkNewestAndCounters(run);
      }),
      { numRuns: 300 },
    );
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

function ancestry(run: ReturnType<typeof simulate>, r: OpenedRecord): Set<string> {
  return run.ancestry.get(`${r.id}@${r.clock}`) ?? new Set();
}
