import { describe, expect, it } from 'vitest';
import { addAccounts, createVault, deleteAccount, listAccounts, putAccount, readSealedRecords } from '../../../lib/vault/vault';
import { LIST_CACHE_KEY, openListCache, recordsFingerprint, sealListCache, writeListCache } from '../../../lib/vault/list-cache';
import { generateDataKey } from '../../../lib/vault/crypto';
import { FAST, freshDb, totpDraft, unwrap } from './helpers';

const NOW = 1_750_000_000_000;

async function vaultWithAccounts() {
  const db = await freshDb();
  const key = unwrap(await createVault(db, 'list cache pass', FAST));
  const accounts = await addAccounts(db, key, [totpDraft({ label: 'one' }), totpDraft({ label: 'two' })], NOW);
  return { db, key, accounts };
}

async function fingerprintNow(db: Awaited<ReturnType<typeof freshDb>>, key: CryptoKey): Promise<string> {
  const { fingerprint } = await listAccounts(db, key);
  if (fingerprint === null) throw new Error('no fingerprint');
  return fingerprint;
}

describe('the list cache', () => {
  it('opens with the data key for the records it was sealed for, and gives back its text', async () => {
    const { db, key } = await vaultWithAccounts();
    const fingerprint = await fingerprintNow(db, key);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await writeListCache(db, await sealListCache(key, fingerprint, 'the first screen'));
    const sealed = await readSealedRecords(db);
    expect(await sealed?.fingerprint).toBe(fingerprint);
    expect(await openListCache(key, fingerprint, sealed?.listCache)).toBe('the first screen');
  });

  it('holds the text encrypted: none of it is in the stored entry', async () => {
    const { db, key } = await vaultWithAccounts();
    const text = 'needle-issuer needle-secret-text';
    await writeListCache(db, await sealListCache(key, await fingerprintNow(db, key), text));
    const stored = (await db.get('meta', LIST_CACHE_KEY)) as { ciphertext: Uint8Array };
    expect(Buffer.from(stored.ciphertext).includes(Buffer.from('needle'))).toBe(false);
    expect(JSON.stringify(Object.keys(stored))).toBe('["kind","iv","ciphertext"]');
  });

  it('no longer opens after any write of a record (edit, add, delete), so it never answers for other records', async () => {
    const { db, key, accounts } = await vaultWithAccounts();
    const before = await fingerprintNow(db, key);
    await writeListCache(db, await sealListCache(key, before, 'cached'));

    await putAccount(db, key, { ...accounts[0]!, label: 'renamed' }, NOW + 1);
    const afterEdit = await fingerprintNow(db, key);
    expect(afterEdit).not.toBe(before);
    expect(await openListCache(key, afterEdit, await db.get('meta', LIST_CACHE_KEY))).toBeNull();

    await addAccounts(db, key, [totpDraft({ label: 'three' })], NOW + 2);
    const afterAdd = await fingerprintNow(db, key);
    await deleteAccount(db, key, accounts[1]!.id, NOW + 3);
    const afterDelete = await fingerprintNow(db, key);
    expect(new Set([before, afterEdit, afterAdd, afterDelete]).size).toBe(4);
  });

  it('the same records give the same fingerprint, whatever order they are read in; one changed byte gives another', async () => {
    const { db } = await vaultWithAccounts();
    const stored = (await readSealedRecords(db))!.records.map((r) => r.record!);
    const fingerprint = await recordsFingerprint(stored);
    expect(await recordsFingerprint([...stored].reverse())).toBe(fingerprint);
    const damaged = { ...stored[0]!, ciphertext: stored[0]!.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(await recordsFingerprint([damaged, ...stored.slice(1)])).not.toBe(fingerprint);
    expect(await recordsFingerprint([{ ...stored[0]!, deleted: true }, ...stored.slice(1)])).not.toBe(fingerprint);
    // A record that is not a format-2 record: no fingerprint, so no cache for those records.
    expect(await recordsFingerprint([...stored, undefined])).toBeNull();
  });

  it('does not open under another key, for another fingerprint, or when damaged or of another shape', async () => {
    const { db, key } = await vaultWithAccounts();
    const fingerprint = await fingerprintNow(db, key);
    const entry = await sealListCache(key, fingerprint, 'cached');
    expect(await openListCache(await generateDataKey(), fingerprint, entry)).toBeNull();
    expect(await openListCache(key, '0'.repeat(64), entry)).toBeNull();
    const flipped = { ...entry, ciphertext: entry.ciphertext.map((b, i) => (i === 3 ? b ^ 0x80 : b)) };
    expect(await openListCache(key, fingerprint, flipped)).toBeNull();
    expect(await openListCache(key, fingerprint, { ...entry, extra: 1 })).toBeNull();
    expect(await openListCache(key, fingerprint, { ...entry, kind: 'other' })).toBeNull();
    expect(await openListCache(key, fingerprint, { ...entry, iv: entry.iv.subarray(1) })).toBeNull();
    expect(await openListCache(key, fingerprint, undefined)).toBeNull();
    expect(await openListCache(key, fingerprint, 'text')).toBeNull();
    expect(await openListCache(key, fingerprint, entry)).toBe('cached');
  });
});
