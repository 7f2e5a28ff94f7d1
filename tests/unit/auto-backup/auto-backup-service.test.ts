import { describe, expect, it } from 'vitest';
import { AutoBackupService, AUTO_BACKUP_KEYS, type AutoBackupDeps } from '../../../lib/auto-backup/auto-backup-service';
import { isBackupDue, parseAutoBackupSettings } from '../../../lib/auto-backup/auto-backup-schedule';
import { memoryStore } from '../../../lib/store/key-value-store';
import { readBackup } from '../../../lib/vault/backup';
import { generateDataKey, open, seal } from '../../../lib/vault/crypto';
import { DRAFT_DEFAULTS, type Account } from '../../../lib/otp/account';

const DAY = 24 * 60 * 60 * 1000;
const PASS = 'backup passphrase 1';
const VAULT_PASS = 'the vault passphrase';
const T0 = 1_700_000_000_000;
const account: Account = {
  ...DRAFT_DEFAULTS,
  id: 'a1',
  type: 'totp',
  issuer: 'Acme',
  label: 'alice',
  secret: new Uint8Array([1, 2, 3, 4, 5]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  order: 'a0',
  createdAt: T0,
  updatedAt: T0,
};

async function setup() {
  const dataKey = await generateDataKey();
  const session = memoryStore();
  const local = memoryStore();
  const saved: { name: string; text: string }[] = [];
  let now = T0;
  let unlocked = true;
  const timers: (number | null)[] = [];
  const deps: AutoBackupDeps = {
    session,
    local,
    iterations: 1000,
    now: () => now,
    accounts: async () => (unlocked ? [account] : null),
    // The vault's data key, usable only while "unlocked", as VaultService does.
    seal: async (plain, aad) => (unlocked ? seal(dataKey, plain, aad) : null),
    open: async (sealed, aad) => (unlocked ? ((await open(dataKey, sealed, aad)) ?? null) : null),
    checkPassphrase: async (p) =>
      p === VAULT_PASS ? { ok: true, value: null } : { ok: false, problem: { code: 'err_vault_wrong_passphrase' } },
    save: async (name, text) => void saved.push({ name, text }),
    setTimer: async (p) => void timers.push(p),
  };
  return {
    service: new AutoBackupService(deps),
    session,
    local,
    saved,
    timers,
    tick: (ms: number) => (now += ms),
    lock: () => (unlocked = false),
    unlock: () => (unlocked = true),
  };
}

describe('isBackupDue / parseAutoBackupSettings', () => {
  it('is off by default and for malformed settings', () => {
    expect(parseAutoBackupSettings(undefined)).toEqual({ schedule: 'off' });
    expect(parseAutoBackupSettings({ schedule: 'hourly', lastAt: 'x' })).toEqual({ schedule: 'off' });
    expect(isBackupDue({ schedule: 'off' }, T0)).toBe(false);
  });
  it('is due at once, then after a day or a week', () => {
    expect(isBackupDue({ schedule: 'daily' }, T0)).toBe(true);
    expect(isBackupDue({ schedule: 'daily', lastAt: T0 }, T0 + DAY / 2)).toBe(false);
    expect(isBackupDue({ schedule: 'daily', lastAt: T0 }, T0 + DAY)).toBe(true);
    expect(isBackupDue({ schedule: 'weekly', lastAt: T0 }, T0 + 3 * DAY)).toBe(false);
    expect(isBackupDue({ schedule: 'weekly', lastAt: T0 }, T0 + 7 * DAY)).toBe(true);
    expect(isBackupDue({ schedule: 'weekly', lastAt: T0 }, T0 - 1000)).toBe(true); // clock set back
  });
});

describe('AutoBackupService', () => {
  it('is off until enabled; enabling saves a backup at once that opens with the passphrase alone', async () => {
    const { service, saved, timers, session, local } = await setup();
    expect((await service.handle({ type: 'auto-backup-status' })).ok && (await service.status())).toEqual({
      schedule: 'off',
      armed: false,
    });
    await service.tick();
    expect(saved).toHaveLength(0);

    const reply = await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    expect(reply).toEqual({ ok: true, value: { schedule: 'daily', lastAt: T0, armed: true } });
    expect(timers).toEqual([60]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('sesame-backup-2023-11-14.json');
    const opened = await readBackup(saved[0]!.text, PASS);
    expect(opened.ok && opened.value.map((a) => [a.issuer, Array.from(a.secret)])).toEqual([['Acme', [1, 2, 3, 4, 5]]]);
    expect((await readBackup(saved[0]!.text, 'another passphrase')).ok).toBe(false);

    // The passphrase is nowhere in storage; only the derived key, and only in session storage.
    const stored = JSON.stringify([...session.data, ...local.data]);
    expect(stored).not.toContain(PASS);
    expect(JSON.stringify([...local.data])).not.toContain('key');
  });

  it('saves again only when due, and only while unlocked', async () => {
    const { service, saved, tick, lock, unlock } = await setup();
    await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    tick(DAY / 2);
    await service.tick();
    expect(saved).toHaveLength(1);
    tick(DAY);
    lock();
    await service.tick();
    expect(saved).toHaveLength(1);
    expect(await service.status()).toMatchObject({ lastProblem: 'err_auto_backup_locked' });
    unlock();
    await service.tick();
    expect(saved).toHaveLength(2);
    expect(await service.status()).toEqual({ schedule: 'daily', lastAt: T0 + 1.5 * DAY, armed: true });
    const [first, second] = saved.map((s) => JSON.parse(s.text) as { iv: string; kdf: { salt: string } });
    expect(second!.kdf.salt).toBe(first!.kdf.salt); // same derived key
    expect(second!.iv).not.toBe(first!.iv); // a new IV for every file
  });

  it('pauses after a browser restart (session storage gone) until the passphrase is given again', async () => {
    const { service, saved, session, tick } = await setup();
    await service.handle({ type: 'auto-backup-enable', schedule: 'weekly', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    session.data.clear();
    tick(8 * DAY);
    await service.tick();
    expect(saved).toHaveLength(1);
    expect(await service.status()).toMatchObject({ schedule: 'weekly', armed: false, lastProblem: 'err_auto_backup_paused' });
    await service.handle({ type: 'auto-backup-enable', schedule: 'weekly', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    expect(saved).toHaveLength(2);
  });

  it('keeps the backup key only wrapped under the data key: after a lock, storage.session opens nothing', async () => {
    const { service, session, saved, lock, unlock, tick } = await setup();
    await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    const stored = (await session.get(AUTO_BACKUP_KEYS.sessionKey)) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['iterations', 'salt', 'wrappedKey']);
    // The raw key (PBKDF2 of the passphrase with the stored salt) appears nowhere in storage.
    const file = JSON.parse(saved[0]!.text) as { kdf: { salt: string; iterations: number } };
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASS), 'PBKDF2', false, ['deriveBits']);
    const raw = new Uint8Array(
      await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: 'SHA-256', salt: Buffer.from(file.kdf.salt, 'base64'), iterations: file.kdf.iterations },
        material,
        256,
      ),
    );
    const everything = JSON.stringify([...session.data]);
    expect(everything).not.toContain(Array.from(raw).join(','));
    expect(everything).not.toContain(Buffer.from(raw).toString('base64'));
    lock();
    await service.onVaultLocked();
    tick(2 * DAY);
    await service.tick();
    expect(saved).toHaveLength(1);
    expect(await service.status()).toMatchObject({ lastProblem: 'err_auto_backup_locked', armed: true });
    unlock();
    await service.tick();
    expect(saved).toHaveLength(2);
    expect((await readBackup(saved[1]!.text, PASS)).ok).toBe(true);
  });

  it('a raw key left in storage.session by an older version is removed, and the schedule pauses', async () => {
    const { service, session } = await setup();
    await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    await session.set(AUTO_BACKUP_KEYS.sessionKey, { key: Array(32).fill(7), salt: Array(16).fill(1), iterations: 1000 });
    await service.onVaultLocked();
    expect(await session.get(AUTO_BACKUP_KEYS.sessionKey)).toBeUndefined();
    expect(await service.status()).toMatchObject({ armed: false });
  });

  it('turning it on needs the vault passphrase: a wrong one changes nothing', async () => {
    const { service, saved, session, timers } = await setup();
    const reply = await service.handle({
      type: 'auto-backup-enable',
      schedule: 'daily',
      passphrase: PASS,
      vaultPassphrase: 'not the vault one',
    });
    expect(reply).toEqual({ ok: false, problem: { code: 'err_vault_wrong_passphrase' } });
    expect(saved).toEqual([]);
    expect(timers).toEqual([]);
    expect(session.data.size).toBe(0);
    expect(await service.status()).toEqual({ schedule: 'off', armed: false });
  });

  it('refuses a short passphrase and enabling while locked; disabling forgets the key', async () => {
    const { service, session, timers, lock, unlock } = await setup();
    expect(
      await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: 'short', vaultPassphrase: VAULT_PASS }),
    ).toMatchObject({ ok: false, problem: { code: 'err_passphrase_short' } });
    lock();
    expect(
      await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: PASS, vaultPassphrase: VAULT_PASS }),
    ).toMatchObject({ ok: false, problem: { code: 'err_auto_backup_locked' } });
    unlock();
    await service.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: PASS, vaultPassphrase: VAULT_PASS });
    expect(await session.get(AUTO_BACKUP_KEYS.sessionKey)).toBeDefined();
    expect(await service.handle({ type: 'auto-backup-disable' })).toEqual({ ok: true, value: { schedule: 'off', armed: false } });
    expect(await session.get(AUTO_BACKUP_KEYS.sessionKey)).toBeUndefined();
    expect(timers.at(-1)).toBeNull();
  });
});
