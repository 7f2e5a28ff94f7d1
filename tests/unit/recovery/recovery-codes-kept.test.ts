import { describe, expect, it } from 'vitest';
import { createBackup, readBackup } from '../../../lib/vault/backup';
import { exportAegisPlain } from '../../../lib/export/export-aegis-plain';
import { importFile } from '../../../lib/import/import-file';
import type { Account } from '../../../lib/otp/account';

const account: Account = {
  id: 'acc-1',
  type: 'totp',
  issuer: 'GitHub',
  label: 'octo',
  secret: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  note: 'work laptop',
  tags: [],
  pinned: false,
  order: 'a0',
  sites: ['github.com'],
  recoveryCodes: [
    { code: 'd1c2b-3a4f5', used: true },
    { code: '6e7d8-c9b0a', used: false },
  ],
  createdAt: 1,
  updatedAt: 2,
};

describe('recovery codes travel with the account', () => {
  it('a Sesame backup keeps them, used marks included', async () => {
    const text = await createBackup([account], 'backup passphrase', 3, { iterations: 1000 });
    expect(text).not.toContain('d1c2b');
    const back = await readBackup(text, 'backup passphrase');
    expect(back.ok && back.value[0]!.recoveryCodes).toEqual(account.recoveryCodes);
  });

  it("the Aegis export puts them at the end of the note, and Sesame's Aegis importer reads them back", async () => {
    const text = exportAegisPlain([account], Date.UTC(2024, 4, 1), () => 'uuid');
    const entry = JSON.parse(text).db.entries[0];
    expect(entry.note).toBe('work laptop\n\nRecovery codes (as of 2024-05-01):\nd1c2b-3a4f5 (used)\n6e7d8-c9b0a');
    const imported = await importFile({ name: 'aegis.json', text, bytes: new TextEncoder().encode(text) });
    expect(imported).toMatchObject({ ok: true, value: { accounts: [{ note: 'work laptop', recoveryCodes: account.recoveryCodes }] } });
  });
});
