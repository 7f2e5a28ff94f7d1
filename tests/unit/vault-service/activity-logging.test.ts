import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { toWire, type WireAccount } from '../../../lib/messaging/account-wire';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { MAX_PENDING_FAILURES } from '../../../lib/vault-service/failed-unlocks';
import type { LogEntry } from '../../../lib/vault/log-entry';
import { base32Encode, oathtoolTotp } from '../../support/oracles';

const PASS = 'long enough passphrase';
const SECRET = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]); // JBSWY3DPEHPK3PXP
const RECOVERY = ['ab1cd-ef2gh', '9876-5432'];

let dbCount = 0;
function makeService() {
  const db = openVaultDb(`activity-logging-${Date.now()}-${++dbCount}`);
  const session = memoryStore();
  const local = memoryStore();
  let now = 1_700_000_000_000;
  const deps: VaultServiceDeps = { db: () => db, session, local, now: () => now, iterations: 1000 };
  return { service: new VaultService(deps), deps, local, tick: (ms: number) => (now += ms) };
}

const draft = (issuer: string): AccountDraft => ({
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer,
  label: 'alice',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  recoveryCodes: RECOVERY.map((code) => ({ code, used: false })),
});

async function must<T>(reply: Promise<{ ok: true; value: T } | { ok: false; problem: unknown }>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`request failed: ${JSON.stringify(r.problem)}`);
  return r.value;
}

async function log(service: VaultService): Promise<LogEntry[]> {
  const { entries, unreadable } = await must(service.handle({ type: 'read-log' }));
  expect(unreadable).toBe(0);
  return [...entries];
}

describe('VaultService activity log', () => {
  it('logs add, edit, copy, fill, export, delete and passphrase change, newest first', async () => {
    const { service, tick } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    const [added] = await must(service.handle({ type: 'add', drafts: [toWire(draft('Acme'))] }));
    const a = added as WireAccount;
    tick(1000);
    await must(service.handle({ type: 'update', account: { ...a, issuer: 'Acme Corp' } }));
    tick(1000);
    await must(service.handle({ type: 'log-event', event: { type: 'code-copied', accountId: a.id } }));
    await must(service.handle({ type: 'log-event', event: { type: 'code-filled', accountId: a.id, site: 'acme.example' } }));
    await service.logExported('aegis-plain'); // the background logs the exports it builds
    await must(service.handle({ type: 'change-passphrase', current: PASS, next: `${PASS} 2` }));
    await must(service.handle({ type: 'delete', id: a.id }));

    const ref = { accountId: a.id, label: 'alice' };
    const t0 = 1_700_000_000_000;
    expect(await log(service)).toEqual([
      { type: 'account-deleted', time: t0 + 2000, ...ref, issuer: 'Acme Corp' },
      { type: 'passphrase-changed', time: t0 + 2000 },
      { type: 'exported', time: t0 + 2000, kind: 'aegis-plain' },
      { type: 'code-filled', time: t0 + 2000, ...ref, issuer: 'Acme Corp', site: 'acme.example' },
      { type: 'code-copied', time: t0 + 2000, ...ref, issuer: 'Acme Corp' },
      { type: 'account-edited', time: t0 + 1000, ...ref, issuer: 'Acme Corp' },
      { type: 'account-added', time: t0, ...ref, issuer: 'Acme' },
    ]);
  });

  it('logs one "imported" entry for an import', async () => {
    const { service } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    await must(service.handle({ type: 'add', drafts: [toWire(draft('One')), toWire(draft('Two'))], source: 'import' }));
    expect(await log(service)).toEqual([{ type: 'imported', time: 1_700_000_000_000, count: 2 }]);
  });

  it('refuses an event about an unknown account and logs nothing while locked', async () => {
    const { service } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    const bad = await service.handle({ type: 'log-event', event: { type: 'code-copied', accountId: 'nope' } });
    expect(bad).toMatchObject({ ok: false, problem: { code: 'err_log_event_invalid' } });
    await must(service.handle({ type: 'lock' }));
    expect(await service.handle({ type: 'read-log' })).toMatchObject({ ok: false, problem: { code: 'err_locked' } });
    expect(await service.handle({ type: 'log-event', event: { type: 'code-copied', accountId: 'x' } })).toMatchObject({ ok: false });
    // A page cannot claim an export happened: only the background, which builds them, logs them.
    expect(await service.handle({ type: 'log-event', event: { type: 'exported', kind: 'x' } as never })).toMatchObject({ ok: false });
  });

  it('counts failed unlocks while locked (times only, in storage.local) and logs them after the next unlock', async () => {
    const { service, local, tick } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    await must(service.handle({ type: 'lock' }));
    const failedAt: number[] = [];
    for (let i = 0; i < 2; i++) {
      tick(60_000); // past the unlock throttle's delay
      failedAt.push(1_700_000_000_000 + 60_000 * (i + 1));
      expect(await service.handle({ type: 'unlock', passphrase: 'wrong passphrase' })).toMatchObject({ ok: false });
    }
    expect(local.data.get(STORE_KEYS.pendingUnlockFailures)).toEqual(failedAt);
    tick(60_000);
    await must(service.handle({ type: 'unlock', passphrase: PASS }));
    // Written after the unlock's answer; reading the log waits for it.
    expect(await log(service)).toEqual([
      { type: 'unlocked', time: 1_700_000_000_000 + 180_000 },
      { type: 'unlock-failed', time: failedAt[1] },
      { type: 'unlock-failed', time: failedAt[0] },
    ]);
    expect(local.data.has(STORE_KEYS.pendingUnlockFailures)).toBe(false);
  });

  it('keeps at most MAX_PENDING_FAILURES pending failure times', async () => {
    const { service, local } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    await must(service.handle({ type: 'lock' }));
    local.data.set(
      STORE_KEYS.pendingUnlockFailures,
      Array.from({ length: MAX_PENDING_FAILURES }, (_, i) => i),
    );
    local.data.delete(STORE_KEYS.unlockFailures);
    await service.handle({ type: 'unlock', passphrase: 'wrong passphrase' });
    const pending = local.data.get(STORE_KEYS.pendingUnlockFailures) as number[];
    expect(pending).toHaveLength(MAX_PENDING_FAILURES);
    expect(pending[0]).toBe(1);
  });

  it('clears the log', async () => {
    const { service } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    await must(service.handle({ type: 'add', drafts: [toWire(draft('Acme'))] }));
    expect(await log(service)).toHaveLength(1);
    await must(service.handle({ type: 'clear-log' }));
    expect(await log(service)).toEqual([]);
  });

  it('never puts a secret, a code or a recovery code into any entry', async () => {
    const { service, tick } = makeService();
    await must(service.handle({ type: 'setup', passphrase: PASS }));
    const [a] = (await must(service.handle({ type: 'add', drafts: [toWire(draft('Acme'))] }))) as WireAccount[];
    await must(
      service.handle({
        type: 'update',
        account: {
          ...a!,
          recoveryCodes: [
            { code: RECOVERY[0]!, used: true },
            { code: RECOVERY[1]!, used: false },
          ],
        },
      }),
    );
    // A page that tries to sneak a code into an event: only the known fields survive.
    const now = 1_700_000_000_000;
    const code = oathtoolTotp(SECRET, now);
    await must(service.handle({ type: 'log-event', event: { type: 'code-copied', accountId: a!.id, code } as never }));
    await must(
      service.handle({
        type: 'log-event',
        event: { type: 'code-filled', accountId: a!.id, site: 'acme.example', code, secret: a!.secret } as never,
      }),
    );
    tick(1000);
    await must(service.handle({ type: 'lock' }));
    await service.handle({ type: 'unlock', passphrase: code });
    tick(60_000);
    await must(service.handle({ type: 'unlock', passphrase: PASS }));
    await must(service.handle({ type: 'change-passphrase', current: PASS, next: `${PASS}!` }));
    await must(service.handle({ type: 'delete', id: a!.id }));

    const entries = await log(service);
    expect(entries.map((e) => e.type)).toEqual([
      'account-deleted',
      'passphrase-changed',
      'unlocked',
      'unlock-failed',
      'code-filled',
      'code-copied',
      'account-edited',
      'account-added',
    ]);
    const text = JSON.stringify(entries);
    for (const needle of [code, base32Encode(SECRET), 'JBSWY3DP', ...RECOVERY, PASS, SECRET.join(',')]) expect(text).not.toContain(needle);
  });
});
