import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountToJson } from '../../../lib/vault/account-codec';
import { parseAccountRecord } from '../../../lib/vault/account-record';
import { readLog } from '../../../lib/vault/activity-log';
import { readBackup } from '../../../lib/vault/backup';
import { parseDeviceClockState } from '../../../lib/vault/device-clock';
import { parseHlc } from '../../../lib/vault/hybrid-logical-clock';
import { DEVICE_KEY, HEADER_KEY, openVaultDb } from '../../../lib/vault/vault-db';
import { addAccounts, listAccounts, listSlots, putAccount, unlockVault } from '../../../lib/vault/vault';
import { dataKeyFromSlot, gcmOpen, headerMacMatches, kdf } from './doc-reference';
import { dumpDatabase, format1Backup, format1Expected, loadFormat1Vault } from './format-1-fixture';
import { storedHeader, totpDraft, unwrap } from './helpers';

const EXPECTED = migratedOrders(format1Expected());

/**
 * Format 1 stored `order` as a number (0, 1, 2, …); read today it is an order key. For 0..61 the
 * key is "a" and the base-62 digit (docs/vault-format.md, "Order keys").
 */
function migratedOrders<T extends { accounts: Record<string, unknown>[] }>(expected: T): T {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return { ...expected, accounts: expected.accounts.map((a) => ({ ...a, order: `a${digits[a['order'] as number]}` })) };
}
const PASS = EXPECTED.passphrase;
const T = 1_760_000_000_000;
const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a['id']).localeCompare(String(b['id']));

afterEach(() => vi.restoreAllMocks());

describe('a real format-1 vault (made by the format-1 code)', () => {
  it('is what the fixture says: format 1, 600,000 iterations, five account records, three log entries', async () => {
    const dump = await dumpDatabase(await loadFormat1Vault());
    expect(dump['meta']!.values[0]).toMatchObject({
      format: 'sesame-vault',
      version: 1,
      kdf: { name: 'PBKDF2-SHA256', iterations: 600_000 },
    });
    expect(dump['accounts']!.values).toHaveLength(5);
    expect(dump['log']!.values).toHaveLength(3);
  });

  it('is upgraded on its first unlock: same accounts, log kept, one passphrase slot reusing the format-1 salt, records re-encrypted with clocks', async () => {
    const name = await loadFormat1Vault();
    const before = await dumpDatabase(name);
    const v1 = before['meta']!.values[0] as { kdf: { salt: Uint8Array; iterations: number } };
    const db = await openVaultDb(name);
    const key = unwrap(await unlockVault(db, PASS, { now: T }));

    const { accounts, unreadable } = await listAccounts(db, key);
    expect(unreadable).toEqual([]);
    expect(accounts.map((a) => accountToJson(a, 'base32')).sort(byId)).toEqual([...EXPECTED.accounts].sort(byId));
    expect((await readLog(db, key)).entries.map((e) => e.type)).toEqual(['account-deleted', 'account-edited', 'unlocked']);

    const header = await storedHeader(db);
    expect(header).toMatchObject({ format: 'sesame-vault', version: 2, revision: 1 });
    expect(header.slots).toHaveLength(1);
    expect(header.slots[0]).toMatchObject({
      kind: 'passphrase',
      params: { kdf: 'PBKDF2-SHA256', iterations: 600_000, salt: v1.kdf.salt, createdAt: T },
    });
    expect(unwrap(await listSlots(db, key)).map((s) => s.kind)).toEqual(['passphrase']);

    const device = parseDeviceClockState(await db.get('meta', DEVICE_KEY))!;
    const records = (await db.getAll('accounts')).map((r) => parseAccountRecord(r)!);
    expect(records.map((r) => r.id).sort()).toEqual(before['accounts']!.keys.map(String).sort());
    for (const r of records) expect(parseHlc(r.clock)).toMatchObject({ wallMs: T, deviceId: device.deviceId });
    expect(new Set(records.map((r) => r.clock)).size).toBe(records.length);
    // The log records are untouched (same key, same additional data in both formats).
    expect(await db.getAll('log')).toEqual(before['log']!.values);

    // A reader written from the document opens the upgraded vault, and the data key is format 1's.
    // (The slot reuses format 1's salt and iterations, so one PBKDF2 run serves both.)
    const rawKey = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    const oldHeader = before['meta']!.values[0] as {
      kdf: { salt: Uint8Array; iterations: number };
      wrappedKey: { iv: Uint8Array; ciphertext: Uint8Array };
    };
    const wrappingKey = kdf(PASS, oldHeader.kdf.salt, oldHeader.kdf.iterations);
    expect(dataKeyFromSlot(header as never, 0, PASS, wrappingKey)).toEqual(Buffer.from(rawKey));
    expect(headerMacMatches(header as never, rawKey)).toBe(true);
    const v1Key = gcmOpen(wrappingKey, oldHeader.wrappedKey.iv, oldHeader.wrappedKey.ciphertext, 'sesame-vault/data-key/v1');
    expect(v1Key).toEqual(Buffer.from(rawKey));

    // The next unlock finds format 2 and changes nothing; new writes work.
    const upgraded = await dumpDatabase(name);
    expect((await unlockVault(db, PASS)).ok).toBe(true);
    expect(await dumpDatabase(name)).toEqual(upgraded);
    await addAccounts(db, key, [totpDraft({ label: 'after the upgrade' })], T + 1);
    await putAccount(db, key, accounts[0]!, T + 2);
    expect((await listAccounts(db, key)).accounts).toHaveLength(6);
    db.close();
  });

  it('opens with the passphrase typed in decomposed form (NFC), and not with a wrong one, which changes nothing', async () => {
    const name = await loadFormat1Vault();
    const db = await openVaultDb(name);
    const before = await dumpDatabase(name);
    expect(await unlockVault(db, 'Format one fixture, cafe!')).toEqual({ ok: false, problem: { code: 'err_vault_wrong_passphrase' } });
    expect(await dumpDatabase(name)).toEqual(before);
    expect((await unlockVault(db, PASS.normalize('NFD'))).ok).toBe(true);
    db.close();
  });

  it('an upgrade that fails inside its transaction leaves the format-1 vault exactly as it was, and the next unlock upgrades it', async () => {
    const name = await loadFormat1Vault();
    const before = await dumpDatabase(name);
    const db = await openVaultDb(name);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++calls === 4) throw new DOMException('disk full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    expect(await unlockVault(db, PASS)).toEqual({ ok: false, problem: { code: 'err_vault_upgrade_failed' } });
    expect(calls).toBe(4);
    vi.restoreAllMocks();
    expect(await dumpDatabase(name)).toEqual(before);
    expect((await unlockVault(db, PASS)).ok).toBe(true);
    expect((await storedHeader(db)).version).toBe(2);
    db.close();
  });

  it('an upgrade that fails before writing (encryption fails) leaves it as it was too', async () => {
    const name = await loadFormat1Vault();
    const before = await dumpDatabase(name);
    const db = await openVaultDb(name);
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    let calls = 0;
    vi.spyOn(crypto.subtle, 'encrypt').mockImplementation((...args: Parameters<SubtleCrypto['encrypt']>) =>
      ++calls === 3 ? Promise.reject(new Error('interrupted')) : encrypt(...args),
    );
    expect(await unlockVault(db, PASS)).toEqual({ ok: false, problem: { code: 'err_vault_upgrade_failed' } });
    vi.restoreAllMocks();
    expect(await dumpDatabase(name)).toEqual(before);
    db.close();
  });

  it('a damaged format-1 record is left as it was and still reported; the others are upgraded', async () => {
    const name = await loadFormat1Vault();
    const db = await openVaultDb(name);
    const [victim] = (await db.getAll('accounts')) as { id: string; iv: Uint8Array; ciphertext: Uint8Array }[];
    const damaged = { ...victim!, ciphertext: new Uint8Array(victim!.ciphertext).map((b, i) => (i === 3 ? b ^ 1 : b)) };
    await db.put('accounts', damaged);
    const key = unwrap(await unlockVault(db, PASS));
    const listed = await listAccounts(db, key);
    expect(listed.unreadable).toEqual([victim!.id]);
    expect(listed.accounts).toHaveLength(4);
    expect(await db.get('accounts', victim!.id)).toEqual(damaged);
    db.close();
  });

  it('with a work factor below the target, the upgraded slot gets a fresh salt at the target', async () => {
    const name = await loadFormat1Vault();
    const db = await openVaultDb(name);
    const v1 = (await db.get('meta', HEADER_KEY)) as { kdf: { salt: Uint8Array } };
    unwrap(await unlockVault(db, PASS, { iterations: 600_001 }));
    const slot = (await storedHeader(db)).slots[0]!;
    if (slot.kind !== 'passphrase') throw new Error('passphrase slot expected');
    expect(slot.params.iterations).toBe(600_001);
    expect(slot.params.salt).not.toEqual(v1.kdf.salt);
    expect((await unlockVault(db, PASS, { iterations: 600_001 })).ok).toBe(true);
    db.close();
  }, 60_000);
});

describe('a real version-1 backup file', () => {
  it('still imports with its passphrase', async () => {
    const accounts = unwrap(await readBackup(format1Backup(), EXPECTED.backupPassphrase));
    expect(accounts.map((a) => accountToJson(a, 'base32'))).toEqual(EXPECTED.accounts);
    expect((await readBackup(format1Backup(), PASS)).ok).toBe(false);
  });
});
