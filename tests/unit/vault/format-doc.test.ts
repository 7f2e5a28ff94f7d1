import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendLog } from '../../../lib/vault/activity-log';
import { createBackup } from '../../../lib/vault/backup';
import { formatRecoveryKey, generateRecoveryKey } from '../../../lib/vault/recovery-key';
import {
  addAccounts,
  addPasskeySlot,
  createVault,
  DEFAULT_ITERATIONS,
  deleteAccount,
  listAccounts,
  openListCache,
  purgeTrash,
  putAccount,
  recoveryBackupKey,
  replaceRecoverySlot,
  sealListCache,
  writeListCache,
} from '../../../lib/vault/vault';
import { LIST_CACHE_KEY } from '../../../lib/vault/list-cache';
import { encodeCachedAnswer } from '../../../lib/vault-service/cached-answer';
import { buildPopupSnapshots } from '../../../lib/vault-service/popup-snapshot';
import { newPrfSalt } from '../../../lib/vault/vault-slots';
import { DEVICE_KEY, type VaultDb } from '../../../lib/vault/vault-db';
import {
  cj,
  dataKeyFromSlot,
  gcmOpen,
  headerMacMatches,
  listCacheAccounts,
  listCacheFingerprint,
  openBackup,
  openListCacheEntry,
  openVault,
  readRecoveryKeyText,
  recoveryBackupKeyFromVault,
} from './doc-reference';
import { FAST, fakePasskey, freshDb, hotpDraft, steamDraft, storedHeader, totpDraft, unwrap } from './helpers';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

async function documentedVault() {
  const db = await freshDb();
  const key = unwrap(await createVault(db, 'doc pass', { ...FAST, now: NOW }));
  const accounts = await addAccounts(db, key, [totpDraft(), hotpDraft(), steamDraft(), totpDraft({ label: 'to purge' })], NOW);
  await appendLog(db, key, { type: 'unlocked', time: 5 });
  const passkey = fakePasskey(1);
  const prfSalt = newPrfSalt();
  const prfOutput = await passkey.prf(prfSalt);
  unwrap(await addPasskeySlot(db, key, { credentialId: passkey.credentialId, prfSalt, prfOutput, name: 'Laptop "work"' }, NOW));
  const recoveryText = formatRecoveryKey(generateRecoveryKey());
  unwrap(await replaceRecoverySlot(db, key, recoveryText, NOW));
  await deleteAccount(db, key, accounts[3]!.id, NOW); // purged below
  await purgeTrash(db, key, NOW + 31 * DAY);
  await deleteAccount(db, key, accounts[2]!.id, NOW + 31 * DAY); // in the trash
  return { db, key, accounts, prfOutput, recoveryText };
}

describe('docs/vault-format.md is enough to decrypt a format-2 vault', () => {
  it('a reader written from the document opens it by passphrase, passkey PRF output and recovery key, checks the MAC, and reads every record and the log', async () => {
    const { db, key, accounts, prfOutput, recoveryText } = await documentedVault();
    const header = await storedHeader(db);
    expect(header.slots.map((s) => s.kind)).toEqual(['passphrase', 'passkey', 'recovery']);
    const records = (await db.getAll('accounts')) as never[];

    const byPassphrase = openVault(header as never, records, 0, 'doc pass');
    const byPasskey = openVault(header as never, records, 1, prfOutput);
    const byRecovery = openVault(header as never, records, 2, readRecoveryKeyText(recoveryText));
    const raw = Buffer.from(await crypto.subtle.exportKey('raw', key));
    for (const opened of [byPassphrase, byPasskey, byRecovery]) expect(opened.dataKey).toEqual(raw);

    expect(byPassphrase.accounts.map((a) => a['id']).sort()).toEqual([accounts[0]!.id, accounts[1]!.id].sort());
    const totp = byPassphrase.accounts.find((a) => a['id'] === accounts[0]!.id)!;
    expect(totp['issuer']).toBe(accounts[0]!.issuer);
    expect(Buffer.from(totp['secret'] as string, 'base64')).toEqual(Buffer.from(accounts[0]!.secret));
    expect(byPassphrase.trash.map((a) => a['id'])).toEqual([accounts[2]!.id]);
    expect(byPassphrase.purged).toEqual([accounts[3]!.id]);

    // Every record's clock is in the documented form, and the device clock is the latest of them.
    const device = (await db.get('meta', DEVICE_KEY)) as { deviceId: string; clock: string };
    const clocks = (records as { clock: string }[]).map((r) => r.clock);
    for (const clock of clocks) expect(clock).toMatch(new RegExp(`^[0-9a-f]{12}-[0-9a-f]{4}-${device.deviceId}$`));
    expect(device.clock).toBe([...clocks].sort().at(-1));

    // The log decrypts with the data key as in format 1.
    const [entry] = await db.getAll('log');
    expect(JSON.parse(gcmOpen(raw, entry!.iv, entry!.ciphertext, `log/${entry!.seq}`).toString('utf8'))).toEqual({
      type: 'unlocked',
      time: 5,
    });
  });

  it('the MAC the document describes is the stored one, and any change to the header breaks it', async () => {
    const { db, key } = await documentedVault();
    const header = await storedHeader(db);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    expect(headerMacMatches(header as never, raw)).toBe(true);
    const edits: ((h: any) => void)[] = [
      (h) => void (h.revision += 1),
      (h) => void h.slots.reverse(),
      (h) => void h.slots.pop(),
      (h) => void (h.slots[1].params.name = 'Laptop'),
      (h) => void (h.slots[2].backupKey.iv = new Uint8Array(12)),
    ];
    for (const edit of edits) {
      const copy = structuredClone(header);
      edit(copy);
      expect(headerMacMatches(copy as never, raw)).toBe(false);
    }
  });

  it('the slot additional data is the canonical JSON of the documented fields', async () => {
    const { db, key } = await documentedVault();
    const header = await storedHeader(db);
    const raw = Buffer.from(await crypto.subtle.exportKey('raw', key));
    const aad = cj({
      context: 'sesame-vault/slot/v2',
      vaultId: header.vaultId,
      id: header.slots[1]!.id,
      kind: 'passkey',
      params: header.slots[1]!.params,
    });
    expect(aad).toContain('"name":"Laptop \\"work\\""');
    expect(aad.startsWith('{"context":"sesame-vault/slot/v2","id":')).toBe(true);
    expect(dataKeyFromSlot(header as never, 0, 'doc pass')).toEqual(raw);
  });

  it('a backup made with the recovery slot opens, per the document, with the passphrase or the recovery key', async () => {
    const { db, key, accounts, recoveryText } = await documentedVault();
    const header = await storedHeader(db);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    const recovery = unwrap(await recoveryBackupKey(db, key))!;
    // The escrowed recovery backup key is HKDF of the recovery key, as §2.2 says.
    expect(recoveryBackupKeyFromVault(header as never, raw)).toEqual(Buffer.from(recovery.key));
    const text = await createBackup(accounts.slice(0, 2), 'backup pass', NOW, { ...FAST, recovery });
    const byPass = openBackup(text, { passphrase: 'backup pass' });
    const byRecovery = openBackup(text, { recoveryKey: readRecoveryKeyText(recoveryText) });
    expect(byRecovery).toEqual(byPass);
    expect(byPass.accounts.map((a) => a['label'])).toEqual(['alice@example.com', 'bob']);
  });
});

/** Writes the list cache as the background does (vault-service.ts, keepListCache): the first screen, sealed for the records listed. */
async function writeListCacheAsBackground(
  db: VaultDb,
  key: CryptoKey,
): Promise<{ fingerprint: string; text: string; firstScreen: string }> {
  const listed = await listAccounts(db, key);
  const { firstScreen } = buildPopupSnapshots(listed.accounts, listed.unreadable.length);
  const text = encodeCachedAnswer(firstScreen, listed.unreadable);
  await writeListCache(db, await sealListCache(key, listed.fingerprint!, text));
  return { fingerprint: listed.fingerprint!, text, firstScreen };
}

describe('docs/vault-format.md §4.4 is enough to check and open the list cache', () => {
  it('a reader written from the document computes the fingerprint Sesame sealed the cache for, opens it and reads the first screen', async () => {
    const { db, key, accounts } = await documentedVault(); // live, in the trash and purged records
    await addAccounts(
      db,
      key,
      Array.from({ length: 33 }, (_, i) => totpDraft({ label: `user${i}`, secret: new Uint8Array(20).fill(i + 1) })),
      NOW,
    );
    // One record that is well-formed but does not open: it is in the fingerprint, and listed as unreadable.
    const hotp = (await db.get('accounts', accounts[1]!.id))!;
    const flipped = new Uint8Array(hotp.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    await db.put('accounts', { ...hotp, ciphertext: flipped });
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));

    const written = await writeListCacheAsBackground(db, key);
    const values = await db.getAll('accounts');
    const fingerprint = listCacheFingerprint(values);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).toBe(written.fingerprint);

    const opened = openListCacheEntry(raw, fingerprint!, await db.get('meta', LIST_CACHE_KEY));
    expect(opened).toEqual({ list: written.firstScreen, unreadable: [accounts[1]!.id] });

    // The list holds the first 30 of the 34 live accounts, each as its record holds it, without notes, recovery codes, sites or times.
    const { total, accounts: listed } = listCacheAccounts(opened.list);
    expect(total).toBe(34);
    expect(listed).toHaveLength(30);
    const live = openVault(
      (await storedHeader(db)) as never,
      values.filter((r) => r.id !== accounts[1]!.id) as never,
      0,
      'doc pass',
    ).accounts;
    for (const a of listed) {
      const record = live.find((r) => r['id'] === a['id'])!;
      expect(a.secret).toEqual(Buffer.from(record['secret'] as string, 'base64'));
      expect([a['issuer'], a['label'], a['type'], a['order']]).toEqual([
        record['issuer'],
        record['label'],
        record['type'],
        record['order'],
      ]);
      for (const field of ['note', 'recoveryCodes', 'sites', 'createdAt', 'updatedAt']) expect(a).not.toHaveProperty(field);
    }
  });

  it('after one record write the fingerprint differs, the cache no longer opens, and Sesame finds the same new fingerprint', async () => {
    const { db, key, accounts } = await documentedVault();
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    const written = await writeListCacheAsBackground(db, key);
    const entry = await db.get('meta', LIST_CACHE_KEY);
    expect(openListCacheEntry(raw, listCacheFingerprint(await db.getAll('accounts'))!, entry).list).toBe(written.firstScreen);

    await putAccount(db, key, accounts[0]!, NOW + 1);
    const after = listCacheFingerprint(await db.getAll('accounts'));
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(written.fingerprint);
    expect(() => openListCacheEntry(raw, after!, entry)).toThrow();
    // The entry itself is intact: it opens only for the records it was sealed for.
    expect(openListCacheEntry(raw, written.fingerprint, entry).list).toBe(written.firstScreen);
    expect((await listAccounts(db, key)).fingerprint).toBe(after);
    expect(await openListCache(key, after!, entry)).toBeNull();
  });

  it('an empty store is fingerprinted from its count alone, records in id order by UTF-16 code units; a record that is not a format-2 record leaves no fingerprint', async () => {
    const db = await freshDb();
    const key = unwrap(await createVault(db, 'doc pass', { ...FAST, now: NOW }));
    const empty = createHash('sha256').update(new Uint8Array(4)).digest('hex');
    expect(listCacheFingerprint(await db.getAll('accounts'))).toBe(empty);
    expect((await listAccounts(db, key)).fingerprint).toBe(empty);

    // Ids outside ASCII: UTF-16 code-unit order puts U+1F600 (a surrogate pair, D83D DE00) before U+FFFF,
    // where code-point or UTF-8 byte order would not.
    const [added] = await addAccounts(db, key, [totpDraft()], NOW);
    const record = (await db.get('accounts', added!.id))!;
    for (const id of ['\uffff', '\u{1F600}', 'z']) await db.put('accounts', { ...record, id });
    const values = await db.getAll('accounts');
    expect(values.map((r) => r.id).slice(-2)).toEqual(['\u{1F600}', '\uffff']);
    expect(listCacheFingerprint(values)).toBe((await listAccounts(db, key)).fingerprint);
    expect(listCacheFingerprint([...values].reverse())).toBe(listCacheFingerprint(values));

    await db.put('accounts', { id: 'format-1', iv: new Uint8Array(12), ciphertext: new Uint8Array(40) });
    expect(listCacheFingerprint(await db.getAll('accounts'))).toBeNull();
    expect((await listAccounts(db, key)).fingerprint).toBeNull();
  });
});

describe('default work factor', () => {
  it('is at least 600,000 PBKDF2 iterations (OWASP 2023) and is what createVault uses with no options', async () => {
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const db = await freshDb();
    expect((await createVault(db, 'slow but safe')).ok).toBe(true);
    expect((await storedHeader(db)).slots[0]!.params).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: DEFAULT_ITERATIONS });
  }, 60_000);

  it('is what createBackup uses with no options', async () => {
    const file = JSON.parse(await createBackup([], 'slow but safe', 0));
    expect(file.kdf.iterations).toBe(DEFAULT_ITERATIONS);
  }, 60_000);
});
