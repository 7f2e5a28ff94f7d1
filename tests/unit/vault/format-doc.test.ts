import { describe, expect, it } from 'vitest';
import { appendLog } from '../../../lib/vault/activity-log';
import { createBackup } from '../../../lib/vault/backup';
import { addAccounts, createVault, DEFAULT_ITERATIONS } from '../../../lib/vault/vault';
import { HEADER_KEY } from '../../../lib/vault/vault-db';
import { gcmOpen, kdf } from './doc-reference';
import { FAST, freshDb, hotpDraft, totpDraft } from './helpers';

describe('docs/vault-format.md is enough to decrypt a vault', () => {
  it('a reader written from the document recovers the data key, every account and the log', async () => {
    const db = await freshDb();
    const created = await createVault(db, 'doc pass', FAST);
    if (!created.ok) throw new Error('create failed');
    const accounts = await addAccounts(db, created.value, [totpDraft(), hotpDraft()], 123);
    await appendLog(db, created.value, { type: 'unlocked', time: 5 });

    // Header
    const header = (await db.get('meta', HEADER_KEY))!;
    expect(header).toMatchObject({ format: 'sesame-vault', version: 1, kdf: { name: 'PBKDF2-SHA256', iterations: 1000 } });
    const wrappingKey = kdf('doc pass', header.kdf.salt, header.kdf.iterations);
    const dataKey = gcmOpen(wrappingKey, header.wrappedKey.iv, header.wrappedKey.ciphertext, 'sesame-vault/data-key/v1');
    expect(dataKey).toHaveLength(32);

    // Accounts
    for (const record of await db.getAll('accounts')) {
      const json = JSON.parse(gcmOpen(dataKey, record.iv, record.ciphertext, `account/${record.id}`).toString('utf8'));
      const expected = accounts.find((a) => a.id === record.id)!;
      expect(json.id).toBe(record.id);
      expect(json.issuer).toBe(expected.issuer);
      expect(Buffer.from(json.secret, 'base64')).toEqual(Buffer.from(expected.secret));
    }

    // Log
    const [entry] = await db.getAll('log');
    expect(JSON.parse(gcmOpen(dataKey, entry!.iv, entry!.ciphertext, `log/${entry!.seq}`).toString('utf8'))).toEqual({ type: 'unlocked', time: 5 });
  });
});

describe('default work factor', () => {
  it('is at least 600,000 PBKDF2 iterations (OWASP 2023) and is what createVault uses with no options', async () => {
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const db = await freshDb();
    expect((await createVault(db, 'slow but safe')).ok).toBe(true);
    expect((await db.get('meta', HEADER_KEY))!.kdf.iterations).toBe(DEFAULT_ITERATIONS);
  }, 60_000);

  it('is what createBackup uses with no options', async () => {
    const file = JSON.parse(await createBackup([], 'slow but safe', 0));
    expect(file.kdf.iterations).toBe(DEFAULT_ITERATIONS);
  }, 60_000);
});
