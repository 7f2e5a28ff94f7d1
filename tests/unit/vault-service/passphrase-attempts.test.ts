import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { PassphraseAttempts } from '../../../lib/vault-service/passphrase-attempts';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { fail, ok, type Result } from '../../../lib/result';
import { FREE_FAILURES } from '../../../lib/vault/unlock-throttle';

const PASS = 'long enough passphrase';
let dbCount = 0;
function makeService() {
  const db = openVaultDb(`passphrase-attempts-${++dbCount}`);
  const local = memoryStore();
  let now = 1_700_000_000_000;
  const deps: VaultServiceDeps = { db: () => db, session: memoryStore(), local, now: () => now, iterations: 1000 };
  return { service: new VaultService(deps), local, tick: (ms: number) => (now += ms) };
}
const codes = (replies: Result<unknown>[]) => replies.map((r) => (r.ok ? 'ok' : r.problem.code));
const count = (replies: Result<unknown>[], code: string) => codes(replies).filter((c) => c === code).length;

describe('PassphraseAttempts: one at a time, each failure counted before the next', () => {
  it('never runs two attempts at once, and the next sees the count the previous one left', async () => {
    const local = memoryStore();
    const attempts = new PassphraseAttempts({ local, key: 'failures', now: () => 1000 });
    let running = 0;
    let most = 0;
    const seen: unknown[] = [];
    const guess = () =>
      attempts.run(async () => {
        running++;
        most = Math.max(most, running);
        seen.push((await local.get('failures')) ?? null);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        return fail('err_vault_wrong_passphrase');
      });
    const replies = await Promise.all(Array.from({ length: 8 }, guess));
    expect(most).toBe(1);
    // Each attempt read the count its predecessors left: 0, 1, 2, ... 5; then the wait began.
    expect(seen.map((s) => (s as { count: number } | null)?.count ?? 0)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(codes(replies)).toEqual([...Array(FREE_FAILURES + 1).fill('err_vault_wrong_passphrase'), 'err_unlock_wait', 'err_unlock_wait']);
  });

  it('a success resets the count; other problems do not count', async () => {
    const local = memoryStore();
    const attempts = new PassphraseAttempts({ local, key: 'failures', now: () => 1000 });
    await attempts.run(async () => fail('err_vault_wrong_passphrase'));
    await attempts.run(async () => fail('err_vault_missing'));
    expect(await local.get('failures')).toEqual({ count: 1, lastAt: 1000 });
    await attempts.run(async () => ok(null));
    expect(await local.get('failures')).toBeUndefined();
  });
});

describe('VaultService: the wrong-passphrase wait cannot be raced', () => {
  it('twenty wrong unlocks fired at once derive six keys at most; the rest wait', async () => {
    const { service, local } = makeService();
    await service.handle({ type: 'setup', passphrase: PASS });
    await service.handle({ type: 'lock' });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => service.handle({ type: 'unlock', passphrase: `wrong guess ${i}` })),
    );
    expect(count(replies, 'err_vault_wrong_passphrase')).toBe(FREE_FAILURES + 1);
    expect(count(replies, 'err_unlock_wait')).toBe(20 - FREE_FAILURES - 1);
    expect(await local.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: FREE_FAILURES + 1 });
    // Even the right passphrase waits now.
    expect(await service.handle({ type: 'unlock', passphrase: PASS })).toMatchObject({ ok: false, problem: { code: 'err_unlock_wait' } });
  });

  it('verify and passphrase change, fired at once, share one count with unlock', async () => {
    const { service, local, tick } = makeService();
    await service.handle({ type: 'setup', passphrase: PASS });
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? service.handle({ type: 'verify-passphrase', passphrase: `wrong ${i}` })
          : service.handle({ type: 'change-passphrase', current: `wrong ${i}`, next: 'a new long passphrase' }),
      ),
    );
    expect(count(replies, 'err_vault_wrong_passphrase')).toBe(FREE_FAILURES + 1);
    expect(count(replies, 'err_unlock_wait')).toBe(10 - FREE_FAILURES - 1);
    expect(await local.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: FREE_FAILURES + 1 });
    // The wait applies to every kind of attempt, the right passphrase included.
    expect(await service.handle({ type: 'verify-passphrase', passphrase: PASS })).toMatchObject({
      ok: false,
      problem: { code: 'err_unlock_wait' },
    });
    expect(await service.handle({ type: 'change-passphrase', current: PASS, next: 'a new long passphrase' })).toMatchObject({
      ok: false,
      problem: { code: 'err_unlock_wait' },
    });
    await service.handle({ type: 'lock' });
    expect(await service.handle({ type: 'unlock', passphrase: PASS })).toMatchObject({ ok: false, problem: { code: 'err_unlock_wait' } });
    tick(30_001);
    // Nothing changed the passphrase: the old one unlocks, and success resets the count.
    expect(await service.handle({ type: 'unlock', passphrase: PASS })).toMatchObject({ ok: true });
    expect(await local.get(STORE_KEYS.unlockFailures)).toBeUndefined();
  });

  it('a wrong current passphrase in a passphrase change counts toward the wait', async () => {
    const { service, local } = makeService();
    await service.handle({ type: 'setup', passphrase: PASS });
    expect(await service.handle({ type: 'change-passphrase', current: 'not it at all', next: 'a new long passphrase' })).toMatchObject({
      ok: false,
      problem: { code: 'err_vault_wrong_passphrase' },
    });
    expect(await local.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: 1 });
  });

  it('concurrent right unlocks unlock once', async () => {
    const { service } = makeService();
    await service.handle({ type: 'setup', passphrase: PASS });
    await service.handle({ type: 'lock' });
    const replies = await Promise.all([1, 2, 3].map(() => service.handle({ type: 'unlock', passphrase: PASS })));
    expect(codes(replies)).toEqual(['ok', 'ok', 'ok']);
    const log = await service.handle({ type: 'read-log' });
    expect(log.ok && log.value.entries.filter((e) => e.type === 'unlocked')).toHaveLength(1);
  });
});
