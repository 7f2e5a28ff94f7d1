import { describe, expect, it } from 'vitest';
import type { AccountDraft } from '../../../lib/otp/account';
import { appendLog } from '../../../lib/vault/activity-log';
import { formatRecoveryKey, generateRecoveryKey } from '../../../lib/vault/recovery-key';
import {
  addAccounts,
  addPasskeySlot,
  changePassphrase,
  createVault,
  deleteAccount,
  exportDataKey,
  putAccount,
  recoveryBackupKey,
  replaceRecoverySlot,
  unlockVault,
  unlockWithPasskey,
  unlockWithRecoveryKey,
} from '../../../lib/vault/vault';
import { FAST, fakePasskey } from './helpers';
import { base32Decode } from '../../support/oracles';
import { openVaultDb } from '../../../lib/vault/vault-db';

const SECRET = new Uint8Array([
  0xde, 0xad, 0xbe, 0xef, 0x13, 0x37, 0xc0, 0xde, 0x42, 0x99, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0,
]);
const ISSUER = 'Zyxwvut Unique Issuer';
const LABEL = 'needle-label@example.org';
const NOTE = 'needle note text';
const RECOVERY = 'needle-recovery-9876';
const PASS1 = 'first needle passphrase';
const PASS2 = 'second needle passphrase';
const DELETED_ISSUER = 'Deleted Needle Issuer';

/** Every string and byte array reachable from `value` (objects, arrays, typed arrays). */
function collect(value: unknown, strings: string[], blobs: Uint8Array[]): void {
  if (typeof value === 'string') strings.push(value);
  else if (value instanceof Uint8Array) blobs.push(value);
  else if (value instanceof ArrayBuffer) blobs.push(new Uint8Array(value));
  else if (ArrayBuffer.isView(value)) blobs.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      strings.push(k);
      collect(v, strings, blobs);
    }
}

const contains = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

/** Reads every store straight through the IndexedDB API (not through lib/vault). */
async function dumpDatabase(name: string): Promise<unknown[]> {
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out: unknown[] = [];
  for (const storeName of Array.from(db.objectStoreNames)) {
    const tx = db.transaction(storeName);
    const store = tx.objectStore(storeName);
    const [keys, values] = await Promise.all(
      [store.getAllKeys(), store.getAll()].map(
        (req) => new Promise<unknown[]>((res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error)))),
      ),
    );
    out.push(storeName, keys, values);
  }
  db.close();
  return out;
}

describe('nothing secret is stored unencrypted', () => {
  it('the raw contents of every store hold no secret, key, passphrase, PRF output, recovery key, issuer, label, note or recovery code', async () => {
    const name = `scan-${Date.now()}`;
    const db = await openVaultDb(name);
    const created = await createVault(db, PASS1, FAST);
    if (!created.ok) throw new Error('create failed');
    const draft = {
      type: 'totp',
      issuer: ISSUER,
      label: LABEL,
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      note: NOTE,
      tags: ['needle-tag'],
      pinned: false,
      sites: ['needle-site.example'],
      recoveryCodes: [{ code: RECOVERY, used: false }],
    } as AccountDraft;
    const [account, , doomed] = await addAccounts(
      db,
      created.value,
      [draft, { ...draft, type: 'steam' }, { ...draft, issuer: DELETED_ISSUER }],
      1,
    );
    await appendLog(db, created.value, {
      type: 'code-filled',
      time: 2,
      accountId: account!.id,
      issuer: ISSUER,
      label: LABEL,
      site: 'needle-site.example',
    });
    await putAccount(db, created.value, { ...account!, note: `${NOTE} edited` }, 3);
    await deleteAccount(db, created.value, doomed!.id, 4); // a tombstone in the trash still holds the account
    // A passkey and a recovery key: their secrets must not be stored either.
    const passkey = fakePasskey(42);
    const prfSalt = new Uint8Array(32).fill(3);
    const prfOutput = await passkey.prf(prfSalt);
    await addPasskeySlot(db, created.value, { credentialId: passkey.credentialId, prfSalt, prfOutput, name: 'Needle key' }, 5);
    const recoveryKey = generateRecoveryKey();
    const recoveryText = formatRecoveryKey(recoveryKey);
    await replaceRecoverySlot(db, created.value, recoveryText, 6);
    const recoveryBackup = await recoveryBackupKey(db, created.value);
    if (!recoveryBackup.ok || !recoveryBackup.value) throw new Error('no recovery backup key');
    await changePassphrase(db, PASS1, PASS2, FAST);
    const key = await unlockVault(db, PASS2, { iterations: 1500 }); // also exercises the re-wrap path
    if (!key.ok) throw new Error('unlock failed');
    expect((await unlockWithPasskey(db, passkey.credentialId, prfOutput)).ok).toBe(true);
    expect((await unlockWithRecoveryKey(db, recoveryText)).ok).toBe(true);
    const dataKey = await exportDataKey(key.value);
    db.close();

    const strings: string[] = [];
    const blobs: Uint8Array[] = [];
    collect(await dumpDatabase(name), strings, blobs);
    expect(blobs.length).toBeGreaterThan(0);

    const enc = (s: string) => new TextEncoder().encode(s);
    const secretForms = [
      Buffer.from(SECRET).toString('hex'),
      Buffer.from(SECRET).toString('hex').toUpperCase(),
      Buffer.from(SECRET).toString('base64'),
      '32W353YTG7AN4QUZCAQDAQCQMBYIBEFA', // Base32 of SECRET
    ];
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const keyForms = [dataKey, prfOutput, recoveryKey, recoveryBackup.value.key];
    const textNeedles = [
      ...secretForms,
      ISSUER,
      LABEL,
      NOTE,
      RECOVERY,
      DELETED_ISSUER,
      'needle-tag',
      'needle-site',
      PASS1,
      PASS2,
      ...keyForms.flatMap((k) => [b64(k), Buffer.from(k).toString('hex')]),
      recoveryText,
      recoveryText.replace(/-/g, ''),
      recoveryText.toLowerCase(),
    ];
    const byteNeedles = [SECRET, ...keyForms, enc(PASS1), enc(PASS2), ...textNeedles.map(enc)];
    const haystack = strings.join('\n');
    expect(haystack).toContain('sesame-vault'); // the dump really includes the header
    expect(haystack).toContain(account!.id); // ...and the account records
    expect(haystack).toContain('Needle key'); // ...and the key slots (a passkey's name is plaintext)
    for (const needle of textNeedles) expect(haystack).not.toContain(needle);
    for (const blob of blobs) for (const needle of byteNeedles) expect(contains(blob, needle)).toBe(false);
  });

  it('the Base32 needle above really is the secret', () => {
    // Guard against a typo making the scan vacuous: decode with an independent implementation.
    expect([...base32Decode('32W353YTG7AN4QUZCAQDAQCQMBYIBEFA')]).toEqual([...SECRET]);
  });
});
