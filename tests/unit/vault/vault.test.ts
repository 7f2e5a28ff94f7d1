import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import { decryptRecord, encryptRecord } from '../../../lib/vault/crypto';
import { parseAccountRecord, type AccountRecord } from '../../../lib/vault/account-record';
import { type VaultDb } from '../../../lib/vault/vault-db';
import {
  accountRecordAad,
  addAccounts,
  changePassphrase,
  createVault,
  deleteAccount,
  exportDataKey,
  hasVault,
  importDataKey,
  listAccounts,
  putAccount,
  putAccounts,
  unlockVault,
  VaultError,
} from '../../../lib/vault/vault';
import { readStoredHeader } from '../../../lib/vault/vault-header-store';
import { FAST, freshDb, hotpDraft, steamDraft, storedHeader, tamperHeader, totpDraft, unwrap } from './helpers';

const PASS = 'correct horse battery staple';
const NOW = 1_700_000_000_000;

async function vaultWithAccounts(): Promise<{ db: VaultDb; key: CryptoKey; accounts: Account[] }> {
  const db = await freshDb();
  const created = await createVault(db, PASS, FAST);
  if (!created.ok) throw new Error('create failed');
  const accounts = await addAccounts(db, created.value, [totpDraft(), hotpDraft(), steamDraft()], NOW);
  return { db, key: created.value, accounts };
}

/** The stored (format-2) record of an account. */
const recordOf = async (db: VaultDb, id: string): Promise<AccountRecord> => parseAccountRecord(await db.get('accounts', id))!;
const aadOf = (r: AccountRecord) => accountRecordAad(r.id, r.clock, r.deleted);

afterEach(() => vi.restoreAllMocks());

describe('creating and unlocking', () => {
  it('creates a vault once and refuses a second one', async () => {
    const db = await freshDb();
    expect(await hasVault(db)).toBe(false);
    expect((await createVault(db, PASS, FAST)).ok).toBe(true);
    expect(await hasVault(db)).toBe(true);
    expect(await createVault(db, 'other', FAST)).toEqual({ ok: false, problem: { code: 'err_vault_exists' } });
  });

  it('refuses an empty passphrase', async () => {
    expect(await createVault(await freshDb(), '', FAST)).toEqual({ ok: false, problem: { code: 'err_vault_passphrase_empty' } });
  });

  it('reports a missing vault', async () => {
    expect(await unlockVault(await freshDb(), PASS, FAST)).toEqual({ ok: false, problem: { code: 'err_vault_missing' } });
  });

  it('round-trips accounts: the unlocked key reads what the created key wrote', async () => {
    const { db, accounts } = await vaultWithAccounts();
    const key = unwrap(await unlockVault(db, PASS, FAST));
    const listed = await listAccounts(db, key);
    expect(listed.unreadable).toEqual([]);
    expect(listed.accounts).toEqual(accounts);
    expect(accounts.map((a) => a.type)).toEqual(['totp', 'hotp', 'steam']);
    expect(accounts.map((a) => a.order)).toEqual(['a0', 'a1', 'a2']); // order keys, increasing
    expect(accounts.every((a) => a.createdAt === NOW && a.updatedAt === NOW)).toBe(true);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(3);
  });

  it('wrong passphrase is a clear Problem', async () => {
    const { db } = await vaultWithAccounts();
    expect(await unlockVault(db, 'Correct horse battery staple', FAST)).toEqual({
      ok: false,
      problem: { code: 'err_vault_wrong_passphrase' },
    });
  });

  it('treats the passphrase as NFC text (composed and decomposed é unlock alike)', async () => {
    const db = await freshDb();
    await createVault(db, 'caf\u00e9', FAST);
    expect((await unlockVault(db, 'cafe\u0301', FAST)).ok).toBe(true);
  });

  it('exports the data key as 32 raw bytes and imports it back (service-worker restart)', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const raw = await exportDataKey(key);
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(raw.length).toBe(32);
    const again = await importDataKey(raw);
    expect((await listAccounts(db, again)).accounts).toEqual(accounts);
    expect(await exportDataKey(again)).toEqual(raw);
    await expect(importDataKey(new Uint8Array(16))).rejects.toThrow();
  });
});

describe('integrity', () => {
  it('a tampered ciphertext is reported as unreadable, the other accounts still load', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const victim = accounts[1]!;
    const record = await recordOf(db, victim.id);
    const ciphertext = new Uint8Array(record.ciphertext);
    ciphertext[5]! ^= 0x01;
    await db.put('accounts', { ...record, ciphertext });
    const listed = await listAccounts(db, key);
    expect(listed.unreadable).toEqual([victim.id]);
    expect(listed.accounts.map((a) => a.id)).toEqual([accounts[0]!.id, accounts[2]!.id]);
    expect(await decryptRecord(key, aadOf(record), { iv: record.iv, ciphertext })).toEqual({
      ok: false,
      problem: { code: 'err_vault_record_tampered' },
    });
  });

  it('swapping two records between ids makes both fail', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const [a, b] = [accounts[0]!.id, accounts[1]!.id];
    const ra = await recordOf(db, a);
    const rb = await recordOf(db, b);
    await db.put('accounts', { ...ra, iv: rb.iv, ciphertext: rb.ciphertext });
    await db.put('accounts', { ...rb, iv: ra.iv, ciphertext: ra.ciphertext });
    const listed = await listAccounts(db, key);
    expect(listed.unreadable.sort()).toEqual([a, b].sort());
    expect(listed.accounts.map((x) => x.id)).toEqual([accounts[2]!.id]);
  });

  it('a record copied to a new id fails (the id is the additional data)', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const r = await recordOf(db, accounts[0]!.id);
    await db.put('accounts', { ...r, id: 'copied' });
    expect((await listAccounts(db, key)).unreadable).toEqual(['copied']);
  });

  it('a record that decrypts but claims another id inside is refused', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    // Encrypt account 0's plaintext correctly under id "other": authentic, but inconsistent.
    const r = await recordOf(db, accounts[0]!.id);
    const plain = unwrap(await decryptRecord(key, aadOf(r), r));
    const sealed = await encryptRecord(key, accountRecordAad('other', r.clock, false), plain);
    await db.put('accounts', { id: 'other', clock: r.clock, deleted: false, ...sealed });
    expect((await listAccounts(db, key)).unreadable).toEqual(['other']);
  });

  describe('header tamper (the passphrase slot)', () => {
    const tamper = async (edit: (h: Record<string, any>) => unknown) => {
      const { db } = await vaultWithAccounts();
      await tamperHeader(db, edit);
      return unlockVault(db, PASS, FAST);
    };
    const flip = (bytes: Uint8Array, i: number) => {
      const copy = new Uint8Array(bytes);
      copy[i]! ^= 0x80;
      return copy;
    };
    const slot = (h: Record<string, any>) => h.slots[0];
    const wrongPassphrase = { ok: false, problem: { code: 'err_vault_wrong_passphrase' } };
    it('a flipped bit in the wrapped key fails to unlock', async () => {
      expect(await tamper((h) => void (slot(h).wrappedKey.ciphertext = flip(slot(h).wrappedKey.ciphertext, 3)))).toEqual(wrongPassphrase);
    });
    it('a changed wrap IV fails to unlock', async () => {
      expect(await tamper((h) => void (slot(h).wrappedKey.iv = flip(slot(h).wrappedKey.iv, 0)))).toEqual(wrongPassphrase);
    });
    it('a changed salt fails to unlock', async () => {
      expect(await tamper((h) => void (slot(h).params.salt = flip(slot(h).params.salt, 0)))).toEqual(wrongPassphrase);
    });
    it('changed iterations fail to unlock (bound as additional data)', async () => {
      expect(await tamper((h) => void (slot(h).params.iterations = 1001))).toEqual(wrongPassphrase);
    });
    it('a changed slot id or vault id fails to unlock (bound as additional data)', async () => {
      expect(await tamper((h) => void (slot(h).id = crypto.randomUUID()))).toEqual(wrongPassphrase);
      expect(await tamper((h) => void (h.vaultId = crypto.randomUUID()))).toEqual(wrongPassphrase);
    });
    it('a changed revision or MAC is found by the header MAC', async () => {
      const tampered = { ok: false, problem: { code: 'err_vault_header_tampered' } };
      expect(await tamper((h) => void (h.revision = 7))).toEqual(tampered);
      expect(await tamper((h) => void (h.mac = flip(h.mac, 31)))).toEqual(tampered);
    });
    it('a newer version is reported as unsupported', async () => {
      expect(await tamper((h) => ({ ...h, version: 3 }))).toEqual({
        ok: false,
        problem: { code: 'err_vault_unsupported_version', params: ['3'] },
      });
    });
    it('a mangled header is reported as damaged', async () => {
      const corrupt = { ok: false, problem: { code: 'err_vault_header_corrupt' } };
      expect(await tamper((h) => ({ ...h, slots: undefined }))).toEqual(corrupt);
      expect(await tamper((h) => ({ ...h, slots: [] }))).toEqual(corrupt);
      expect(await tamper((h) => ({ ...h, extra: 1 }))).toEqual(corrupt);
      expect(await tamper((h) => void (slot(h).wrappedKey.ciphertext = new Uint8Array(10)))).toEqual(corrupt);
      expect(await tamper((h) => void (slot(h).params.extra = 'x'))).toEqual(corrupt);
      expect(await tamper((h) => void (slot(h).kind = 'fingerprint'))).toEqual(corrupt);
      expect(await tamper((h) => void (slot(h).params.iterations = 1e12))).toEqual(corrupt);
      expect(await tamper((h) => void (h.mac = new Uint8Array(8)))).toEqual(corrupt);
    });
  });
});

describe('KDF parameters are data', () => {
  it('unlock re-wraps the same data key when stored iterations are below the target', async () => {
    const { db, accounts } = await vaultWithAccounts();
    const before = await storedHeader(db);
    const recordsBefore = await db.getAll('accounts');
    const key = unwrap(await unlockVault(db, PASS, { iterations: 2000 }));
    const after = await storedHeader(db);
    const [slotBefore, slotAfter] = [before.slots[0]!, after.slots[0]!];
    if (slotBefore.kind !== 'passphrase' || slotAfter.kind !== 'passphrase') throw new Error('passphrase slots expected');
    expect(slotBefore.params.iterations).toBe(1000);
    expect(slotAfter.params.iterations).toBe(2000);
    expect(slotAfter.params.salt).not.toEqual(slotBefore.params.salt);
    expect(slotAfter.id).toBe(slotBefore.id);
    expect(after.revision).toBe(before.revision + 1);
    expect(await db.getAll('accounts')).toEqual(recordsBefore);
    expect((await listAccounts(db, key)).accounts).toEqual(accounts);
    // Unlocks again with the stored (raised) parameters, and does not touch a header already strong enough.
    expect((await unlockVault(db, PASS, FAST)).ok).toBe(true);
    expect(await storedHeader(db)).toEqual(after);
  });

  it('a wrong passphrase does not re-wrap', async () => {
    const { db } = await vaultWithAccounts();
    const before = await storedHeader(db);
    await unlockVault(db, 'nope', { iterations: 2000 });
    expect(await storedHeader(db)).toEqual(before);
  });
});

describe('changing the passphrase', () => {
  it('keeps every account, does not re-encrypt them, and retires the old passphrase', async () => {
    const { db, accounts } = await vaultWithAccounts();
    const recordsBefore = await db.getAll('accounts');
    expect(await changePassphrase(db, PASS, 'new passphrase', FAST)).toEqual({ ok: true, value: undefined });
    expect(await db.getAll('accounts')).toEqual(recordsBefore);
    expect(await unlockVault(db, PASS, FAST)).toEqual({ ok: false, problem: { code: 'err_vault_wrong_passphrase' } });
    const key = unwrap(await unlockVault(db, 'new passphrase', FAST));
    expect((await listAccounts(db, key)).accounts).toEqual(accounts);
  });

  it('with the wrong old passphrase changes nothing', async () => {
    const { db } = await vaultWithAccounts();
    const before = await storedHeader(db);
    expect(await changePassphrase(db, 'wrong', 'new', FAST)).toEqual({ ok: false, problem: { code: 'err_vault_wrong_passphrase' } });
    expect(await storedHeader(db)).toEqual(before);
  });

  it('refuses an empty new passphrase', async () => {
    const { db } = await vaultWithAccounts();
    expect(await changePassphrase(db, PASS, '', FAST)).toEqual({ ok: false, problem: { code: 'err_vault_passphrase_empty' } });
  });

  it('a header read ahead of an unlock that changed meanwhile is not trusted: the stored one decides', async () => {
    const { db, accounts } = await vaultWithAccounts();
    const readAhead = () => readStoredHeader(db);
    const [before, before2] = [readAhead(), readAhead()];
    await Promise.all([before, before2]);
    expect(await changePassphrase(db, PASS, 'new passphrase', FAST)).toEqual({ ok: true, value: undefined });
    // The old header still holds the old passphrase's slot: it must not open the vault now.
    expect(await unlockVault(db, PASS, FAST, before)).toEqual({ ok: false, problem: { code: 'err_vault_wrong_passphrase' } });
    // Nor keep the new passphrase out.
    const key = unwrap(await unlockVault(db, 'new passphrase', FAST, before2));
    expect((await listAccounts(db, key)).accounts).toEqual(accounts);
    // Unchanged, the header read ahead is the one used.
    expect((await unlockVault(db, 'new passphrase', FAST, readAhead())).ok).toBe(true);
  });
});

describe('writing accounts', () => {
  it('addAccounts places new accounts after the last and ignores ids on drafts', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const added = await addAccounts(db, key, [{ ...totpDraft({ label: 'second' }), id: accounts[0]!.id, order: -5 } as never], NOW + 1);
    expect(added[0]!.order).toBe('a3');
    expect(added[0]!.id).not.toBe(accounts[0]!.id);
    expect((await listAccounts(db, key)).accounts.map((a) => a.label)).toEqual(['alice@example.com', 'bob', 'gamer', 'second']);
  });

  it('addAccounts is all or nothing when a draft is invalid', async () => {
    const { db, key } = await vaultWithAccounts();
    const before = await db.getAll('accounts');
    const bad = totpDraft({ digits: 9 as never });
    const attempt = addAccounts(db, key, [totpDraft({ label: 'ok 1' }), bad, totpDraft({ label: 'ok 2' })], NOW);
    await expect(attempt).rejects.toBeInstanceOf(VaultError);
    await expect(attempt).rejects.toMatchObject({ problem: { code: 'err_vault_account_invalid', params: ['digits'] } });
    expect(await db.getAll('accounts')).toEqual(before);
  });

  it('addAccounts is all or nothing when a write fails mid-transaction', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const before = await db.getAll('accounts');
    // Inject a failing put: the second new account gets an id that already exists.
    const ids = ['fresh-id-1', accounts[0]!.id, 'fresh-id-3'];
    vi.spyOn(crypto, 'randomUUID').mockImplementation(() => ids.shift() as `${string}-${string}-${string}-${string}-${string}`);
    await expect(addAccounts(db, key, [totpDraft(), totpDraft(), totpDraft()], NOW)).rejects.toBeTruthy();
    expect(await db.getAll('accounts')).toEqual(before);
    expect(await db.get('accounts', 'fresh-id-1')).toBeUndefined();
  });

  it('putAccount stores the change and updates updatedAt', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const saved = await putAccount(db, key, { ...accounts[0]!, label: 'renamed' }, NOW + 5);
    expect(saved.updatedAt).toBe(NOW + 5);
    expect(saved.createdAt).toBe(NOW);
    expect((await listAccounts(db, key)).accounts[0]).toEqual(saved);
  });

  it('putAccount refuses an invalid account', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    await expect(putAccount(db, key, { ...accounts[0]!, secret: new Uint8Array() }, NOW)).rejects.toMatchObject({
      problem: { code: 'err_vault_account_invalid', params: ['secret'] },
    });
  });

  it('putAccounts reorders in one go', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const reversed = accounts.map((a, i) => ({ ...a, order: `a${9 - i}` }));
    await putAccounts(db, key, reversed, NOW + 9);
    const listed = (await listAccounts(db, key)).accounts;
    expect(listed.map((a) => a.id)).toEqual([...accounts].reverse().map((a) => a.id));
    expect(listed.every((a) => a.updatedAt === NOW + 9)).toBe(true);
  });

  it('putAccounts writes nothing if one account is invalid', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const before = await db.getAll('accounts');
    const edits = [
      { ...accounts[0]!, order: 'a9' },
      { ...accounts[1]!, issuer: 7 as never },
    ];
    await expect(putAccounts(db, key, edits, NOW)).rejects.toBeInstanceOf(VaultError);
    expect(await db.getAll('accounts')).toEqual(before);
  });

  it('deleteAccount takes the account out of the list (its record becomes a tombstone)', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    await deleteAccount(db, key, accounts[1]!.id, NOW + 1);
    expect((await listAccounts(db, key)).accounts.map((a) => a.id)).toEqual([accounts[0]!.id, accounts[2]!.id]);
    expect((await recordOf(db, accounts[1]!.id)).deleted).toBe(true);
  });
});
