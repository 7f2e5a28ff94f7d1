import { describe, expect, it, vi } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { toWire } from '../../../lib/messaging/account-wire';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import type { Settings } from '../../../lib/settings/settings';
import { readPopupSnapshot } from '../../../lib/vault-service/popup-snapshot';
import { format1Expected, loadFormat1Vault } from '../vault/format-1-fixture';

let dbCount = 0;
function makeService(overrides: Partial<VaultServiceDeps> = {}) {
  const db = openVaultDb(`service-test-${++dbCount}`);
  const session = memoryStore();
  const local = memoryStore();
  let now = 1_700_000_000_000;
  const activity: { unlocked: boolean; settings: Settings }[] = [];
  const deps: VaultServiceDeps = {
    db: () => db,
    session,
    local,
    now: () => now,
    iterations: 1000,
    onActivity: (a) => activity.push(a),
    ...overrides,
  };
  return { service: new VaultService(deps), deps, session, local, activity, tick: (ms: number) => (now += ms) };
}

const draft: AccountDraft = {
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer: 'Acme',
  label: 'alice',
  secret: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

describe('VaultService', () => {
  it('starts in setup, refuses a short passphrase, then is unlocked after setup', async () => {
    const { service } = makeService();
    expect((await service.handle({ type: 'state' })).ok && (await service.handle({ type: 'state' }))).toMatchObject({
      value: { phase: 'setup' },
    });
    const short = await service.handle({ type: 'setup', passphrase: 'short' });
    expect(short).toMatchObject({ ok: false, problem: { code: 'err_passphrase_short' } });
    const done = await service.handle({ type: 'setup', passphrase: 'long enough' });
    expect(done).toMatchObject({ ok: true, value: { phase: 'unlocked', accounts: [] } });
  });

  it('keeps the data key only in the session store, and forgets it on lock', async () => {
    const { service, session, local } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    expect(session.data.get(STORE_KEYS.sessionDataKey)).toHaveLength(32);
    expect([...local.data.keys()]).not.toContain(STORE_KEYS.sessionDataKey);
    await service.handle({ type: 'lock' });
    expect(session.data.has(STORE_KEYS.sessionDataKey)).toBe(false);
    expect(await service.handle({ type: 'add', drafts: [toWire(draft)] })).toMatchObject({ ok: false, problem: { code: 'err_locked' } });
  });

  it('a lock runs every onLock listener after the key is gone, even when one of them fails', async () => {
    const { service } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    const seen: boolean[] = [];
    service.onLock(async () => {
      throw new Error('a failing listener');
    });
    service.onLock(async () => void seen.push(await service.isUnlocked()));
    await service.handle({ type: 'lock' });
    expect(seen).toEqual([false]);
    expect(await service.sealWithDataKey(new Uint8Array(4), 'x')).toBeNull();
  });

  it('a restarted service worker picks the key up from storage.session and stays unlocked', async () => {
    const first = makeService();
    await first.service.handle({ type: 'setup', passphrase: 'long enough' });
    await first.service.handle({ type: 'add', drafts: [toWire(draft)] });
    const restarted = new VaultService({ ...first.deps });
    const state = await restarted.handle({ type: 'state' });
    expect(state).toMatchObject({ ok: true, value: { phase: 'unlocked' } });
    expect(state.ok && state.value.accounts?.map((a) => a.issuer)).toEqual(['Acme']);
  });

  it('a browser restart (empty session) is locked; the right passphrase unlocks', async () => {
    const first = makeService();
    await first.service.handle({ type: 'setup', passphrase: 'long enough' });
    await first.service.handle({ type: 'add', drafts: [toWire(draft)] });
    const restarted = new VaultService({ ...first.deps, session: memoryStore() });
    expect(await restarted.handle({ type: 'state' })).toMatchObject({ value: { phase: 'locked' } });
    expect(await restarted.handle({ type: 'unlock', passphrase: 'wrong one!' })).toMatchObject({
      ok: false,
      problem: { code: 'err_vault_wrong_passphrase' },
    });
    const unlocked = await restarted.handle({ type: 'unlock', passphrase: 'long enough' });
    expect(unlocked.ok && unlocked.value.accounts?.length).toBe(1);
  });

  it('after 5 wrong passphrases in a row, the next try is refused until a wait has passed', async () => {
    const { service, tick } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    await service.handle({ type: 'lock' });
    for (let i = 0; i < 5; i++)
      expect(await service.handle({ type: 'unlock', passphrase: `wrong ${i}` })).toMatchObject({
        problem: { code: 'err_vault_wrong_passphrase' },
      });
    // The sixth is still tried (the throttle starts after 5 failures), and sets a wait.
    await service.handle({ type: 'unlock', passphrase: 'wrong 6' });
    const waiting = await service.handle({ type: 'unlock', passphrase: 'long enough' });
    expect(waiting).toMatchObject({ ok: false, problem: { code: 'err_unlock_wait' } });
    const state = await service.handle({ type: 'state' });
    expect(state.ok && state.value.retryAt).toBeGreaterThan(0);
    tick(30_001);
    expect(await service.handle({ type: 'unlock', passphrase: 'long enough' })).toMatchObject({ ok: true });
  });

  it('reports activity with the auto-lock setting so the background can re-arm its alarm', async () => {
    const { service, activity } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    await service.handle({ type: 'set-settings', settings: { autoLockMinutes: 5, timeOffsetSeconds: 0 } });
    await expect.poll(() => activity.at(-1)).toEqual({ unlocked: true, settings: { autoLockMinutes: 5, timeOffsetSeconds: 0 } });
  });

  it('touch (a popup painted from its snapshot) re-arms the auto-lock; while locked it answers err_locked', async () => {
    const { service, activity } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    const before = activity.length;
    expect(await service.handle({ type: 'touch' })).toEqual({ ok: true, value: null });
    await expect.poll(() => activity.length).toBeGreaterThan(before);
    expect(activity.at(-1)).toMatchObject({ unlocked: true });
    await service.handle({ type: 'lock' });
    expect(await service.handle({ type: 'touch' })).toMatchObject({ ok: false, problem: { code: 'err_locked' } });
  });

  it('advances an HOTP counter and stores it', async () => {
    const { service } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    const hotp: AccountDraft = {
      ...DRAFT_DEFAULTS,
      type: 'hotp',
      issuer: 'H',
      label: 'x',
      secret: new Uint8Array(10),
      algorithm: 'SHA1',
      digits: 6,
      counter: 7,
    };
    const added = await service.handle({ type: 'add', drafts: [toWire(hotp)] });
    const id = added.ok ? added.value[0]!.id : '';
    const next = await service.handle({ type: 'hotp-next', id });
    expect(next).toMatchObject({ ok: true, value: { counter: 8 } });
    const state = await service.handle({ type: 'state' });
    expect(state.ok && state.value.accounts?.[0]).toMatchObject({ counter: 8 });
  });

  it('an invalid account is refused with a message and nothing is stored', async () => {
    const { service } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    const bad = { ...toWire(draft), digits: 12 } as never;
    const reply = await service.handle({ type: 'add', drafts: [toWire(draft), bad] });
    expect(reply.ok).toBe(false);
    const state = await service.handle({ type: 'state' });
    expect(state.ok && state.value.accounts).toEqual([]);
  });
});

describe('VaultService: what the popup reads without asking (popup snapshot, vault flag)', () => {
  const snapshot = (session: ReturnType<typeof memoryStore>) => readPopupSnapshot(session.data.get(STORE_KEYS.popupSnapshot));
  /** The snapshot is written once the answer that listed the accounts is on its way. */
  const snapshotSoon = (session: ReturnType<typeof memoryStore>) =>
    vi.waitFor(() => {
      const read = snapshot(session);
      if (read.kind !== 'ready') throw new Error(`snapshot: ${read.kind}`);
      return read;
    });

  it('keeps the list in storage.session while unlocked, rebuilds it after a change, and drops it with the key at a lock', async () => {
    const { service, session, local } = makeService();
    expect(local.data.has(STORE_KEYS.vaultExists)).toBe(false);
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    expect(local.data.get(STORE_KEYS.vaultExists)).toBe(true);
    expect(await snapshotSoon(session)).toEqual({ kind: 'ready', accounts: [], unreadable: 0, more: 0 });

    await service.handle({
      type: 'add',
      drafts: [toWire({ ...draft, note: 'in the note', recoveryCodes: [{ code: 'R-1', used: false }] })],
    });
    // Rebuilt without a popup asking (the next popup paints from it again).
    expect(await snapshotSoon(session)).toMatchObject({
      kind: 'ready',
      accounts: [{ issuer: 'Acme', label: 'alice', secret: draft.secret }],
    });
    expect(session.data.get(STORE_KEYS.popupSnapshot)).not.toContain('in the note');
    expect(session.data.get(STORE_KEYS.popupSnapshot)).not.toContain('R-1');

    // The first screen's snapshot: here the same short list.
    expect(session.data.get(STORE_KEYS.popupFirstScreen)).toBe(session.data.get(STORE_KEYS.popupSnapshot));

    await service.handle({ type: 'lock' });
    expect(session.data.has(STORE_KEYS.popupFirstScreen)).toBe(false);
    expect(session.data.has(STORE_KEYS.popupSnapshot)).toBe(false);
    expect(session.data.has(STORE_KEYS.sessionDataKey)).toBe(false);
    // The flag says only that a vault exists: the popup shows the unlock form.
    expect(local.data.get(STORE_KEYS.vaultExists)).toBe(true);

    const unlocked = await service.handle({ type: 'unlock', passphrase: 'long enough' });
    expect(unlocked.ok).toBe(true);
    expect(await snapshotSoon(session)).toMatchObject({ kind: 'ready', accounts: [{ issuer: 'Acme' }] });
  });

  it('never keeps a deleted account or a used HOTP code: "ask" from before the write until the new list is kept', async () => {
    const { service, session } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    const added = await service.handle({
      type: 'add',
      drafts: [toWire(draft), toWire({ ...draft, type: 'hotp', issuer: 'Counter', counter: 0 } as AccountDraft)],
    });
    const [totp, hotp] = added.ok ? added.value : [];
    expect(await snapshotSoon(session)).toMatchObject({ accounts: [{}, {}] });
    const kept: unknown[] = [];
    const set = session.set.bind(session);
    session.set = async (key, value) => {
      if (key === STORE_KEYS.popupSnapshot || key === STORE_KEYS.popupFirstScreen) kept.push(readPopupSnapshot(value));
      return set(key, value);
    };
    await service.handle({ type: 'delete', id: totp!.id });
    await vi.waitFor(() => expect(snapshot(session)).toMatchObject({ kind: 'ready', accounts: [{ id: hotp!.id }] }));
    await service.handle({ type: 'hotp-next', id: hotp!.id });
    await vi.waitFor(() => expect(snapshot(session)).toMatchObject({ kind: 'ready', accounts: [{ id: hotp!.id, counter: 1 }] }));
    // Every snapshot written since the delete: "ask", or the list after the write.
    for (const read of kept) {
      if ((read as { kind: string }).kind === 'ask') continue;
      expect(read).toMatchObject({ kind: 'ready' });
      const accounts = (read as { accounts: { id: string; counter?: number }[] }).accounts;
      expect(accounts.map((a) => a.id)).toEqual([hotp!.id]);
    }
    expect(
      kept
        .filter((r) => (r as { kind: string }).kind === 'ready')
        .map((r) => (r as { accounts: { counter?: number }[] }).accounts[0]!.counter),
    ).toEqual([0, 0, 1, 1]);
  });

  it('follows a change of accounts made outside its requests (a sync), without a popup asking', async () => {
    const { service, session } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    await service.handle({ type: 'add', drafts: [toWire(draft)] });
    expect(await snapshotSoon(session)).toMatchObject({ accounts: [{ issuer: 'Acme' }] });
    // What sync does: write records itself, then tell the service.
    const db = await service.database();
    await db.clear('accounts');
    await service.accountsChanged();
    await vi.waitFor(() => expect(snapshot(session)).toEqual({ kind: 'ready', accounts: [], unreadable: 0, more: 0 }));
  });

  it('a lock while the accounts are being decrypted leaves no list behind', async () => {
    const { service, session } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    await service.handle({ type: 'add', drafts: [toWire(draft)] });
    const listing = service.handle({ type: 'state' });
    await service.lock();
    await listing;
    // The snapshot would be written in a task queued with the answer: let queued tasks run first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.data.has(STORE_KEYS.popupSnapshot)).toBe(false);
    expect(await service.unlockedAccounts()).toBeNull();
  });

  it("the popup's unlock (answer: 'list') is answered with the list it keeps for the popup, and the same list is kept", async () => {
    const { service, session } = makeService();
    await service.handle({ type: 'setup', passphrase: 'long enough' });
    await service.handle({ type: 'add', drafts: [toWire({ ...draft, note: 'in the note', sites: ['https://acme.test'] })] });
    await service.handle({ type: 'lock' });

    const reply = await service.handle({ type: 'unlock', passphrase: 'long enough', answer: 'list' });
    if (!reply.ok) throw new Error(reply.problem.code);
    expect(reply.value).toMatchObject({ phase: 'unlocked', unreadable: [] });
    expect(reply.value.accounts).toBeUndefined();
    expect(readPopupSnapshot(reply.value.list)).toMatchObject({
      kind: 'ready',
      unreadable: 0,
      accounts: [{ issuer: 'Acme', label: 'alice', secret: draft.secret }],
    });
    expect(reply.value.list).not.toContain('in the note');
    expect(reply.value.list).not.toContain('acme.test');
    await snapshotSoon(session);
    expect(session.data.get(STORE_KEYS.popupSnapshot)).toBe(reply.value.list);
    // Asked again while unlocked: the same answer, from the cache. Without `answer`: the whole accounts.
    expect(await service.handle({ type: 'unlock', passphrase: 'long enough', answer: 'list' })).toMatchObject({
      ok: true,
      value: { list: reply.value.list },
    });
    const whole = await service.handle({ type: 'unlock', passphrase: 'long enough' });
    expect(whole.ok && whole.value.list).toBeUndefined();
    expect(whole.ok && whole.value.accounts?.[0]).toMatchObject({ note: 'in the note' });
  });

  it('a vault made before the flag existed gets it on the first state request', async () => {
    const first = makeService();
    await first.service.handle({ type: 'setup', passphrase: 'long enough' });
    first.local.data.delete(STORE_KEYS.vaultExists);
    // A new worker on the same profile, locked (empty session).
    const second = new VaultService({ ...first.deps, session: memoryStore() });
    expect(await second.handle({ type: 'state' })).toMatchObject({ ok: true, value: { phase: 'locked' } });
    expect(first.local.data.get(STORE_KEYS.vaultExists)).toBe(true);
  });
});

describe('VaultService: an unlock that rewrites the records', () => {
  it('a format-1 vault (upgraded by its first unlock) answers every account, not the records read before the upgrade', async () => {
    const expected = format1Expected();
    const name = await loadFormat1Vault();
    const { service, session } = makeService({ db: () => openVaultDb(name) });
    const reply = await service.handle({ type: 'unlock', passphrase: expected.passphrase });
    expect(reply.ok && reply.value.phase).toBe('unlocked');
    const issuers = (reply.ok ? (reply.value.accounts ?? []) : []).map((a) => a.issuer).sort();
    expect(issuers).toEqual(expected.accounts.map((a) => String(a['issuer'])).sort());
    expect(reply.ok && reply.value.unreadable).toEqual([]);
    await vi.waitFor(() =>
      expect(readPopupSnapshot(session.data.get(STORE_KEYS.popupSnapshot))).toMatchObject({ kind: 'ready', unreadable: 0 }),
    );
  });
});
