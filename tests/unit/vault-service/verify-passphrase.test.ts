import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb, HEADER_KEY } from '../../../lib/vault/vault-db';

const PASS = 'long enough passphrase';
let dbCount = 0;

function makeService() {
  const db = openVaultDb(`verify-passphrase-${Date.now()}-${++dbCount}`);
  const session = memoryStore();
  const local = memoryStore();
  const deps: VaultServiceDeps = { db: () => db, session, local, now: () => 1_700_000_000_000, iterations: 1000 };
  return { service: new VaultService(deps), db, session, local };
}

describe("VaultService 'verify-passphrase'", () => {
  it('accepts the vault passphrase and changes nothing: header, session key and lock state stay', async () => {
    const { service, db, session } = makeService();
    expect((await service.handle({ type: 'setup', passphrase: PASS })).ok).toBe(true);
    const header = await (await db).get('meta', HEADER_KEY);
    const key = await session.get(STORE_KEYS.sessionDataKey);
    expect(await service.handle({ type: 'verify-passphrase', passphrase: PASS })).toEqual({ ok: true, value: null });
    expect(await (await db).get('meta', HEADER_KEY)).toEqual(header);
    expect(await session.get(STORE_KEYS.sessionDataKey)).toEqual(key);
    expect(await service.isUnlocked()).toBe(true);
  });

  it('refuses a wrong passphrase, stays unlocked and counts the failure toward the unlock throttle', async () => {
    const { service, local } = makeService();
    await service.handle({ type: 'setup', passphrase: PASS });
    const reply = await service.handle({ type: 'verify-passphrase', passphrase: 'not the passphrase' });
    expect(reply).toEqual({ ok: false, problem: { code: 'err_vault_wrong_passphrase' } });
    expect(await service.isUnlocked()).toBe(true);
    expect(await local.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: 1 });
    for (let i = 0; i < 5; i++) await service.handle({ type: 'verify-passphrase', passphrase: 'still wrong' });
    expect(await service.handle({ type: 'verify-passphrase', passphrase: PASS })).toMatchObject({
      ok: false,
      problem: { code: 'err_unlock_wait' },
    });
  });

  it('answers err_locked while the vault is locked', async () => {
    const { service } = makeService();
    await service.handle({ type: 'setup', passphrase: PASS });
    await service.handle({ type: 'lock' });
    expect(await service.handle({ type: 'verify-passphrase', passphrase: PASS })).toEqual({ ok: false, problem: { code: 'err_locked' } });
  });
});
