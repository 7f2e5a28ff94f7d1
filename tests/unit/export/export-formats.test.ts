import { describe, expect, it } from 'vitest';
import { exportAegisPlain } from '../../../lib/export/export-aegis-plain';
import { exportUriList } from '../../../lib/export/export-uri-list';
import type { AccountDraft } from '../../../lib/otp/account';

const base = { note: '', tags: [] as string[], pinned: false, sites: [] as string[], recoveryCodes: [] };
const secret = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]); // JBSWY3DPEHPK3PXP
const drafts: AccountDraft[] = [
  {
    ...base,
    type: 'totp',
    issuer: 'ACME',
    label: 'jo',
    secret,
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    tags: ['Work'],
    pinned: true,
    note: 'n',
    recoveryCodes: [{ code: 'r1', used: true }],
  },
  { ...base, type: 'hotp', issuer: '', label: 'h', secret, algorithm: 'SHA1', digits: 6, counter: 9, tags: ['Work', 'Home'] },
  { ...base, type: 'steam', issuer: 'Steam', label: 's', secret },
];

describe('exportUriList', () => {
  it('writes one otpauth URI a line', () => {
    const lines = exportUriList(drafts).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toMatch(/^otpauth:\/\/totp\/ACME:jo\?secret=JBSWY3DPEHPK3PXP&/);
    expect(lines[1]).toMatch(/^otpauth:\/\/hotp\/.*counter=9/);
  });
});

describe('exportAegisPlain', () => {
  it('writes an Aegis vault (docs/vault.md): plain header, db v3 with group UUIDs', () => {
    let n = 0;
    const vault = JSON.parse(exportAegisPlain(drafts, Date.UTC(2024, 4, 1), () => `uuid-${++n}`));
    expect(vault.version).toBe(1);
    expect(vault.header).toEqual({ slots: null, params: null });
    expect(vault.db.version).toBe(3);
    expect(vault.db.groups).toEqual([
      { uuid: 'uuid-1', name: 'Work' },
      { uuid: 'uuid-2', name: 'Home' },
    ]);
    expect(vault.db.entries[0]).toEqual({
      type: 'totp',
      uuid: 'uuid-3',
      name: 'jo',
      issuer: 'ACME',
      note: 'n\n\nRecovery codes (as of 2024-05-01):\nr1 (used)',
      favorite: true,
      icon: null,
      icon_mime: null,
      icon_hash: null,
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8, period: 60 },
      groups: ['uuid-1'],
    });
    expect(vault.db.entries[1].info).toEqual({ secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, counter: 9 });
    expect(vault.db.entries[1].groups).toEqual(['uuid-1', 'uuid-2']);
    expect(vault.db.entries[2]).toMatchObject({ type: 'steam', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 5, period: 30 } });
  });

  it('gives every entry a distinct random UUID by default', () => {
    const vault = JSON.parse(exportAegisPlain(drafts, 0));
    const ids = vault.db.entries.map((e: { uuid: string }) => e.uuid);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
