/**
 * The background's sync (lib/sync/sync-service.ts) with real vault services (lib/vault-service on
 * fake-indexeddb), a storage.sync fake that enforces the documented quotas, an in-memory WebDAV,
 * and timers the test fires by hand.
 */
import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS } from '../../../lib/vault-service/vault-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { toWire, fromWire } from '../../../lib/messaging/account-wire';
import { SyncService, WRITE_DELAY_MS, type Timers } from '../../../lib/sync/sync-service';
import type { StateReply } from '../../../lib/vault-service/protocol';
import type { SyncStatusReply } from '../../../lib/sync/protocol';
import { FakeSyncArea, FakeWebDav } from './fakes';
import { typicalAccounts } from './typical-accounts';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import type { Result } from '../../../lib/result';

const PASS = 'correct horse battery staple';
let dbCount = 0;

const draft = (issuer: string): AccountDraft => ({
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer,
  label: `${issuer.toLowerCase()}@example.com`,
  secret: crypto.getRandomValues(new Uint8Array(20)),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

class ManualTimers implements Timers {
  pending = new Map<number, { run: () => void; ms: number }>();
  private next = 0;
  set(run: () => void, ms: number): unknown {
    this.pending.set(++this.next, { run, ms });
    return this.next;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every timer due within `ms` (as if that much time passed). */
  fire(ms = Infinity): number {
    const due = [...this.pending].filter(([, t]) => t.ms <= ms);
    for (const [id, t] of due) {
      this.pending.delete(id);
      t.run();
    }
    return due.length;
  }
}

interface World {
  readonly area: FakeSyncArea;
  readonly dav: FakeWebDav;
  now: number;
  reachable: boolean;
}

function newWorld(): World {
  const world = { now: 1_750_000_000_000, reachable: true } as World & { area: FakeSyncArea; dav: FakeWebDav };
  Object.assign(world, { area: new FakeSyncArea(() => world.now), dav: new FakeWebDav() });
  return world;
}

/** One browser: a vault service and its sync service, on the shared world. */
function newBrowser(world: World) {
  const db = openVaultDb(`sync-service-${++dbCount}`);
  const local = memoryStore();
  const session = memoryStore();
  const vault = new VaultService({ db: () => db, session, local, now: () => world.now, iterations: 1000 });
  const timers = new ManualTimers();
  const notices: number[] = [];
  const periodic: boolean[] = [];
  /** At each status notice, the status read then (as an open settings page does when told). */
  const told: Promise<SyncStatusReply>[] = [];
  const sync: SyncService = new SyncService({
    vault,
    area: world.area,
    fetch: world.dav.fetch,
    canReach: async () => world.reachable,
    now: () => world.now,
    notify: async () => void notices.push(world.now),
    setPeriodic: async (on) => void periodic.push(on),
    statusChanged: () => void told.push(sync.status()),
    timers,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} },
  });
  vault.onUnlock(() => sync.onUnlocked());
  vault.onLock(() => sync.onLocked());
  vault.onWritten(() => sync.onLocalWrite());
  vault.setPassphraseFallback((d, p) => sync.unlockFallback(d, p));
  const state = async (): Promise<StateReply> => {
    const reply = await vault.handle({ type: 'state' });
    if (!reply.ok) throw new Error(reply.problem.code);
    return reply.value;
  };
  const issuers = async () => ((await state()).accounts ?? []).map((a) => a.issuer).sort();
  return { vault, sync, timers, notices, periodic, told, local, session, state, issuers };
}

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}`);
  return r.value;
};

async function browserWithVault(world: World, issuers: string[]) {
  const b = newBrowser(world);
  value(await b.vault.handle({ type: 'setup', passphrase: PASS }));
  if (issuers.length) value(await b.vault.handle({ type: 'add', drafts: issuers.map((i) => toWire(draft(i))) }));
  return b;
}

describe('SyncService', () => {
  it('turns storage.sync on: the vault is written there and the status says when', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme', 'Globex']);
    const on = value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    expect(on).toMatchObject({ outcome: 'enabled', status: { enabled: true, kind: 'browser', pending: 0, lastSyncAt: world.now } });
    expect(world.area.data.has('h')).toBe(true);
    expect(a.periodic).toEqual([true]);
  });

  it('a second browser joins with the passphrase; a wrong one counts toward the wait and changes nothing', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme', 'Globex']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    const b = newBrowser(world);
    const wrong = await b.sync.handle({ type: 'sync-join', kind: 'browser', passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ ok: false, problem: { code: 'err_sync_wrong_passphrase' } });
    expect(b.local.data.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: 1 });
    expect((await b.state()).phase).toBe('setup');
    const joined = value(await b.sync.handle({ type: 'sync-join', kind: 'browser', passphrase: PASS }));
    expect(joined.phase).toBe('unlocked');
    expect((joined.accounts ?? []).map((w) => w.issuer).sort()).toEqual(['Acme', 'Globex']);
    expect(value(await b.sync.handle({ type: 'sync-status' }))).toMatchObject({ enabled: true, kind: 'browser' });
    // Joined means: the same passphrase opens it after a lock.
    await b.vault.handle({ type: 'lock' });
    expect(value(await b.vault.handle({ type: 'unlock', passphrase: PASS })).phase).toBe('unlocked');
  });

  it("a local write syncs once shortly after; its own storage.sync echo does not, another browser's change does", async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    const b = newBrowser(world);
    value(await b.sync.handle({ type: 'sync-join', kind: 'browser', passphrase: PASS }));
    b.timers.fire(); // the sync after unlocking
    await b.sync.run();

    world.now += 1000;
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Initech'))] }));
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Hooli'))] }));
    expect([...a.timers.pending.values()].map((t) => t.ms)).toEqual([WRITE_DELAY_MS]); // two writes, one sync
    const before = new Map(world.area.data);
    a.timers.fire();
    await a.sync.run();
    const changes = Object.fromEntries(
      [...world.area.data].filter(([k, v]) => before.get(k) !== v).map(([k, v]) => [k, { newValue: JSON.parse(v) as unknown }]),
    );
    expect(Object.keys(changes).length).toBeGreaterThan(0);
    a.sync.onStoreChanged(changes); // what A's own write looks like to A
    expect(a.timers.pending.size).toBe(0);
    b.sync.onStoreChanged(changes); // and to B, once the browser's sync delivers it
    expect(b.timers.pending.size).toBe(1);
    b.timers.fire();
    await b.sync.run();
    expect(await b.issuers()).toEqual(['Acme', 'Hooli', 'Initech']);
    expect(b.notices.length).toBeGreaterThan(0);
  });

  it('a write made just before sync is turned on is in its first sync, and sets off no second one', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Globex'))] }));
    expect([...a.timers.pending.values()].map((t) => t.ms)).toEqual([WRITE_DELAY_MS]);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    expect(a.timers.pending.size).toBe(0);
    const b = newBrowser(world);
    value(await b.sync.handle({ type: 'sync-join', kind: 'browser', passphrase: PASS }));
    expect(await b.issuers()).toEqual(['Acme', 'Globex']);
    // A write made once that sync has started still gets its own.
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Initech'))] }));
    expect([...a.timers.pending.values()].map((t) => t.ms)).toEqual([WRITE_DELAY_MS]);
  });

  it("its own write echoed back as Chrome does, each object's keys sorted, starts no sync", async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Hooli'))] }));
    const before = new Map(world.area.data);
    a.timers.fire();
    await a.sync.run();
    // Chrome keeps each value as its own dictionary: the keys of every object come back sorted.
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const echo = Object.fromEntries(
      [...world.area.data].filter(([k, v]) => before.get(k) !== v).map(([k, v]) => [k, { newValue: sorted(JSON.parse(v)) }]),
    );
    // Not the bytes written: the keys are in another order (a bucket is written as {v, vault, iv, data}).
    expect(Object.entries(echo).some(([k, { newValue }]) => JSON.stringify(newValue) !== world.area.data.get(k))).toBe(true);
    a.sync.onStoreChanged(echo);
    expect(a.timers.pending.size).toBe(0);
  });

  it("a browser with its own vault merges it into the synced one with that vault's passphrase: nothing lost", async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    const c = await browserWithVault(world, ['Umbrella', 'Stark']);
    value(await c.vault.handle({ type: 'recovery-key-create', passphrase: PASS }));
    expect(value(await c.sync.handle({ type: 'sync-enable', kind: 'browser' }))).toEqual({ outcome: 'other-vault' });
    expect(value(await c.sync.handle({ type: 'sync-status' })).enabled).toBe(false);
    const wrong = await c.sync.handle({ type: 'sync-enable', kind: 'browser', passphrase: 'nope nope nope' });
    expect(wrong).toMatchObject({ ok: false, problem: { code: 'err_sync_wrong_passphrase' } });
    const merged = value(await c.sync.handle({ type: 'sync-enable', kind: 'browser', passphrase: PASS }));
    expect(merged).toMatchObject({ outcome: 'merged', added: 2, status: { enabled: true } });
    expect(await c.issuers()).toEqual(['Acme', 'Stark', 'Umbrella']);
    await a.sync.run();
    expect(await a.issuers()).toEqual(['Acme', 'Stark', 'Umbrella']);
    // C is under the synced key now: the synced vault's passphrase opens it.
    await c.vault.handle({ type: 'lock' });
    expect(value(await c.vault.handle({ type: 'unlock', passphrase: PASS })).accounts).toHaveLength(3);
  });

  it('a passphrase changed in another browser opens this one while locked, before it synced', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    const b = newBrowser(world);
    value(await b.sync.handle({ type: 'sync-join', kind: 'browser', passphrase: PASS }));
    await b.vault.handle({ type: 'lock' });
    value(await a.vault.handle({ type: 'change-passphrase', current: PASS, next: 'a brand new passphrase' }));
    a.timers.fire();
    await a.sync.run();
    const unlocked = value(await b.vault.handle({ type: 'unlock', passphrase: 'a brand new passphrase' }));
    expect(unlocked.phase).toBe('unlocked');
    await b.vault.handle({ type: 'lock' });
    expect(await b.vault.handle({ type: 'unlock', passphrase: PASS })).toMatchObject({
      ok: false,
      problem: { code: 'err_vault_wrong_passphrase' },
    });
  });

  it('a lock stops syncing: no timer, no periodic alarm, and a sync asked for runs nothing', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Hooli'))] }));
    expect(a.timers.pending.size).toBe(1);
    await a.vault.handle({ type: 'lock' });
    expect(a.timers.pending.size).toBe(0);
    expect(a.periodic.at(-1)).toBe(false);
    expect(await a.sync.run()).toBeUndefined();
    expect(await a.sync.handle({ type: 'sync-now' })).toMatchObject({ ok: false, problem: { code: 'err_locked' } });
    expect(value(await a.sync.handle({ type: 'sync-status' }))).toMatchObject({ enabled: true, pending: 1 });
    expect(value(await a.sync.handle({ type: 'sync-status' })).kind).toBeUndefined(); // no details while locked
  });

  it('turning sync off keeps the accounts here and the synced copy there', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    const items = world.area.data.size;
    expect(value(await a.sync.handle({ type: 'sync-disable' })).enabled).toBe(false);
    expect(await a.issuers()).toEqual(['Acme']);
    expect(world.area.data.size).toBe(items);
    expect(await a.sync.handle({ type: 'sync-now' })).toMatchObject({ ok: false, problem: { code: 'err_sync_off' } });
  });

  it('a vault too large for storage.sync is refused whole with how many would fit; nothing is written and sync stays off', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, []);
    const big = typicalAccounts(900).map((acc) => toWire(fromWire(toWire(acc))));
    value(await a.vault.handle({ type: 'add', drafts: big.map(({ id: _i, order: _o, createdAt: _c, updatedAt: _u, ...d }) => d) }));
    const refused = await a.sync.handle({ type: 'sync-enable', kind: 'browser' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problem.code).toBe('err_sync_too_large');
    const [fits, total] = refused.problem.params!.map(Number);
    expect(total).toBe(900);
    expect(fits).toBeGreaterThan(500);
    expect(fits).toBeLessThan(900);
    expect(world.area.data.size).toBe(0);
    expect(value(await a.sync.handle({ type: 'sync-status' })).enabled).toBe(false);
  }, 60_000);

  it("WebDAV: refused without the origin's permission; with it, a second browser joins and edits reach the first", async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    const target = { kind: 'webdav' as const, url: world.dav.base, username: world.dav.user, password: world.dav.password };
    world.reachable = false;
    expect(await a.sync.handle({ type: 'sync-enable', ...target })).toMatchObject({ ok: false, problem: { code: 'err_sync_permission' } });
    world.reachable = true;
    expect(await a.sync.handle({ type: 'sync-enable', ...target, password: 'wrong' })).toMatchObject({
      ok: false,
      problem: { code: 'err_sync_unauthorized' },
    });
    const on = value(await a.sync.handle({ type: 'sync-enable', ...target }));
    expect(on).toMatchObject({ outcome: 'enabled', status: { kind: 'webdav', url: world.dav.base, username: 'alice' } });
    expect(JSON.stringify(on)).not.toContain(world.dav.password);
    const b = newBrowser(world);
    value(await b.sync.handle({ type: 'sync-join', ...target, passphrase: PASS }));
    value(await b.vault.handle({ type: 'add', drafts: [toWire(draft('Stark'))] }));
    b.timers.fire();
    await b.sync.run();
    // The server goes down: the status says so, nothing changes here, and the next sync completes.
    world.dav.faults.push({ fault: { status: 503 } }, { fault: { status: 503 } });
    const down = value(await a.sync.handle({ type: 'sync-now' }));
    expect(down.problem?.code).toBe('err_sync_unavailable');
    expect(await a.issuers()).toEqual(['Acme']);
    const up = value(await a.sync.handle({ type: 'sync-now' }));
    expect(up.problem).toBeUndefined();
    expect(await a.issuers()).toEqual(['Acme', 'Stark']);
  });
});

describe('SyncService tells open pages when the status changes (the status notice)', () => {
  type Browser = ReturnType<typeof newBrowser>;
  /** The status an open page shows: what it read at the last notice. A notice since `from` must be there. */
  const shownSince = async (b: Browser, from: number): Promise<SyncStatusReply> => {
    expect(b.told.length, 'no notice since').toBeGreaterThan(from);
    return b.told.at(-1)!;
  };
  const now = async (b: Browser) => value(await b.sync.handle({ type: 'sync-status' }));

  it('a page that reads at each notice shows every change: on, a write here, the sync after it, off', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    let from = a.told.length;
    value(await a.sync.handle({ type: 'sync-enable', kind: 'browser' }));
    expect(await shownSince(a, from)).toMatchObject({ enabled: true, kind: 'browser', pending: 0, lastSyncAt: world.now, syncing: false });

    from = a.told.length;
    value(await a.vault.handle({ type: 'add', drafts: [toWire(draft('Hooli'))] }));
    expect(await shownSince(a, from)).toMatchObject({ pending: 1 });

    world.now += 60_000;
    from = a.told.length;
    a.timers.fire(); // the sync the background runs on its own after a write
    await a.sync.run();
    expect(await shownSince(a, from)).toEqual(await now(a));
    expect(await now(a)).toMatchObject({ pending: 0, lastSyncAt: world.now, syncing: false });

    from = a.told.length;
    value(await a.sync.handle({ type: 'sync-disable' }));
    expect(await shownSince(a, from)).toEqual(await now(a));
    expect(await now(a)).toMatchObject({ enabled: false });
  });

  it('a sync is shown running while it runs, then its problem, then the problem gone', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    const target = { kind: 'webdav' as const, url: world.dav.base, username: world.dav.user, password: world.dav.password };
    value(await a.sync.handle({ type: 'sync-enable', ...target }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atServer = new Promise<void>((resolve) => (reached = resolve));
    // The server holds the first request, then it and the retry find no server.
    world.dav.faults.push(
      {
        fault: {
          before: async () => {
            reached();
            await held;
            throw new TypeError('Failed to fetch');
          },
        },
      },
      { fault: 'network' },
    );
    let from = a.told.length;
    const running = a.sync.handle({ type: 'sync-now' });
    await atServer;
    expect(await shownSince(a, from)).toMatchObject({ syncing: true });
    release();
    expect(value(await running).problem?.code).toBe('err_sync_unavailable');
    expect(await shownSince(a, from)).toMatchObject({ syncing: false, problem: { code: 'err_sync_unavailable' } });

    from = a.told.length;
    value(await a.sync.handle({ type: 'sync-now' }));
    const shown = await shownSince(a, from);
    expect(shown.problem).toBeUndefined();
    expect(shown).toEqual(await now(a));
  });

  it('a lost permission, a lock and an unlock are told too; nothing is told while nothing happens', async () => {
    const world = newWorld();
    const a = await browserWithVault(world, ['Acme']);
    const target = { kind: 'webdav' as const, url: world.dav.base, username: world.dav.user, password: world.dav.password };
    value(await a.sync.handle({ type: 'sync-enable', ...target }));
    world.reachable = false;
    let from = a.told.length;
    await a.sync.tick(); // the periodic alarm
    expect(await shownSince(a, from)).toMatchObject({ problem: { code: 'err_sync_permission' } });

    from = a.told.length;
    await a.vault.handle({ type: 'lock' });
    expect((await shownSince(a, from)).kind).toBeUndefined(); // no details while locked
    from = a.told.length;
    value(await a.vault.handle({ type: 'unlock', passphrase: PASS }));
    await expect.poll(() => a.told.length).toBeGreaterThan(from); // the unlock listeners run after the reply
    expect(await a.told.at(-1)).toMatchObject({ kind: 'webdav' });

    // Reading the status tells nothing (a page that reads when told must not cause another notice).
    from = a.told.length;
    await now(a);
    await now(a);
    expect(a.told.length).toBe(from);
  });
});
