import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMigrationUri, type DecodedMigration } from '../../../lib/import/google-migration';
import { encodeMigrationUris } from '../../../lib/import/google-migration-encode';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { migrationDecode } from '../../support/oracles';
import { zbarimgTexts } from './google-migration-fixtures';

const decoded = (uri: string): DecodedMigration => {
  const r = decodeMigrationUri(uri);
  if (!r.ok) throw new Error(r.problem.code);
  return r.value;
};

const totp = (issuer: string, label: string, secret: Uint8Array, more: Partial<AccountDraft> = {}): AccountDraft =>
  ({ ...DRAFT_DEFAULTS, type: 'totp', issuer, label, secret, algorithm: 'SHA1', digits: 6, period: 30, ...more }) as AccountDraft;

describe('encodeMigrationUris', () => {
  it('writes byte for byte what Google Authenticator wrote (example_export.png, Exported-QR-codes.png)', () => {
    const texts = zbarimgTexts();
    for (const image of ['example_export.png', 'Exported-QR-codes.png']) {
      const google = texts[image]!;
      const parts = google.map(decoded).sort((a, b) => a.batch.index - b.batch.index);
      const accounts = parts.flatMap((p) => p.accounts);
      const ours = encodeMigrationUris(accounts, { batchId: parts[0]!.batch.id });
      expect(ours.uris).toEqual(parts.map((p) => google[google.map(decoded).findIndex((g) => g.batch.index === p.batch.index)]));
      expect(ours.skipped).toEqual([]);
    }
  });

  it('splits 25 accounts into 3 codes of one batch, at most 10 each', () => {
    const accounts = Array.from({ length: 25 }, (_, i) => totp('Site', `user${i}`, new Uint8Array(20).fill(i)));
    const { uris } = encodeMigrationUris(accounts, { batchId: -7 });
    // Read back by the oracles' decoder (google_auth.proto), not by Sesame's.
    const parts = uris.map(migrationDecode);
    expect(parts.map((p) => [p.batchId, p.batchIndex, p.batchSize, p.accounts.length])).toEqual([
      [-7, 0, 3, 10],
      [-7, 1, 3, 10],
      [-7, 2, 3, 5],
    ]);
    expect(parts.flatMap((p) => p.accounts.map((a) => a.name))).toEqual(accounts.map((a) => `Site:${a.label}`));
  });

  it('uses fewer accounts per code when names are long', () => {
    const accounts = Array.from({ length: 10 }, (_, i) => totp('I'.repeat(100), `${'u'.repeat(100)}${i}`, new Uint8Array(20)));
    const { uris } = encodeMigrationUris(accounts);
    expect(uris.length).toBeGreaterThan(2);
    for (const uri of uris) expect(uri.length).toBeLessThan(2000);
  });

  it('skips 7-digit accounts and periods other than 30 s, and exports Steam as TOTP with a note', () => {
    const secret = new Uint8Array(10).fill(1);
    const steam = { ...DRAFT_DEFAULTS, type: 'steam', issuer: '', label: 'gaben', secret } as AccountDraft;
    const r = encodeMigrationUris(
      [totp('A', 'seven', secret, { digits: 7 }), totp('B', 'slow', secret, { period: 60 }), steam, totp('C', 'ok', secret)],
      { batchId: 1 },
    );
    expect(r.skipped.map((s) => [s.index, s.name, s.problem.code, s.problem.params])).toEqual([
      [0, 'A: seven', 'err_migration_export_digits', ['A: seven', '7']],
      [1, 'B: slow', 'err_migration_export_period', ['B: slow', '60']],
    ]);
    expect(r.notes.map((n) => [n.index, n.problem.code])).toEqual([[2, 'err_migration_export_steam']]);
    const back = decoded(r.uris[0]!).accounts;
    expect(back.map((a) => [a.type, a.issuer, a.label])).toEqual([
      ['totp', 'Steam', 'gaben'],
      ['totp', 'C', 'ok'],
    ]);
  });

  it('gives no QR code for no accounts', () => {
    expect(encodeMigrationUris([]).uris).toEqual([]);
  });

  it('round-trips every representable account (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.trim());
    const account = fc
      .record({
        issuer: text,
        label: text,
        secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
        algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
        digits: fc.constantFrom(6, 8),
        hotp: fc.boolean(),
        counter: fc.maxSafeNat(),
      })
      // Without an issuer, a colon in the label would be read back as an "Issuer:" prefix.
      .filter((a) => a.issuer !== '' || !a.label.includes(':'))
      .map(({ hotp, counter, ...a }): AccountDraft =>
        hotp ? { ...DRAFT_DEFAULTS, ...a, type: 'hotp', counter } : { ...DRAFT_DEFAULTS, ...a, type: 'totp', period: 30 },
      );
    fc.assert(
      fc.property(fc.array(account, { maxLength: 25 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (accounts, batchId) => {
        const { uris, skipped } = encodeMigrationUris(accounts, { batchId });
        expect(skipped).toEqual([]);
        const parts = uris.map(decoded);
        for (const [i, p] of parts.entries()) expect(p.batch).toEqual({ id: batchId, index: i, size: uris.length });
        const back = parts.flatMap((p) => p.accounts);
        expect(back).toEqual(accounts.map((a) => ({ ...a, secret: Uint8Array.from(a.secret) })));
      }),
      { numRuns: 200 },
    );
  });
});
