import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMigrationUri, splitName, type DecodedMigration } from '../../../lib/import/google-migration';
import { encodeBase64 } from '../../../lib/import/google-migration-base64';
import { ProtoWriter } from '../../../lib/import/google-migration-protobuf';
import type { AccountDraft } from '../../../lib/otp/account';
import { base32Encode } from '../../support/oracles';
import { EXPECTED, readFixture, uriLines, zbarimgTexts } from './google-migration-fixtures';

const MESSAGES = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  unknown
>;

function decoded(uri: string): DecodedMigration {
  const r = decodeMigrationUri(uri);
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}`);
  return r.value;
}

function problemCode(uri: string): string {
  const r = decodeMigrationUri(uri);
  if (r.ok) throw new Error('expected a problem');
  expect(MESSAGES).toHaveProperty(r.problem.code);
  return r.problem.code;
}

/** What extract_otp_secrets calls `name` and `issuer`, rebuilt from our issuer/label split. */
function expectSameAccount(a: AccountDraft, e: { name: string; secret: string; issuer: string; type: string }): void {
  expect(base32Encode(a.secret)).toBe(e.secret);
  expect(a.type).toBe(e.type);
  if (e.issuer !== '') {
    expect(a.issuer).toBe(e.issuer);
    expect([`${e.issuer}:${a.label}`, a.label]).toContain(e.name);
  } else {
    // No issuer field: the name is split at its first colon, like an otpauth label.
    expect(a.issuer === '' ? a.label : `${a.issuer}: ${a.label}`).toBe(e.name);
  }
}

const migrationUri = (payload: Uint8Array) => `otpauth-migration://offline?data=${encodeURIComponent(encodeBase64(payload))}`;
const SECRET = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]); // JBSWY3DPEHPK3PXP

describe('decodeMigrationUri on the real exports (scito/extract_otp_secrets fixtures)', () => {
  it('decodes example_export.txt into the 6 accounts of example_output.json', () => {
    const parts = uriLines('example_export.txt').map(decoded);
    const accounts = parts.flatMap((p) => p.accounts);
    const expected = JSON.parse(readFixture('example_output.json')) as {
      name: string;
      secret: string;
      issuer: string;
      type: string;
      counter: number | null;
    }[];
    expect(accounts).toHaveLength(6);
    accounts.forEach((a, i) => expectSameAccount(a, expected[i]!));
    const hotp = accounts[4]!;
    expect(hotp.type === 'hotp' && hotp.counter).toBe(4);
    expect(accounts[5]).toMatchObject({ issuer: 'encoding', label: '¿äÄéÉ? (demo)' });
    for (const a of accounts) expect(a).toMatchObject({ algorithm: 'SHA1', digits: 6 });
    for (const a of accounts) if (a.type === 'totp') expect(a.period).toBe(30);
    expect(parts.every((p) => p.skipped.length === 0)).toBe(true);
  });

  it('reads batch id (negative int32 in 10-byte varints), index and size as decode_migration.py did', () => {
    const parts = uriLines('example_export.txt').map(decoded);
    const expected = EXPECTED.decoded_by_tools_decode_migration_py['example_export.txt']!;
    expect(parts.map((p) => p.batch)).toEqual(expected.map((e) => ({ id: e.batch_id, index: e.batch_index, size: e.batch_size })));
  });

  it('keeps a raw "+" in an unescaped payload (test_plus_problem_export.txt)', () => {
    const { accounts } = decoded(readFixture('test_plus_problem_export.txt'));
    const expected = EXPECTED.files['test_plus_problem_export.txt']!.expected!;
    expect(accounts).toHaveLength(4);
    accounts.forEach((a, i) => expectSameAccount(a, expected[i]!));
    expect(accounts[0]).toMatchObject({ issuer: 'SerenityLabs', label: 'test1@serenitylabs.co.uk' });
  });

  it('decodes the URIs zbarimg read from example_export.png and Exported-QR-codes.png', () => {
    const texts = zbarimgTexts();
    const png = decoded(texts['example_export.png']![0]!);
    png.accounts.forEach((a, i) => expectSameAccount(a, EXPECTED.files['example_export.png']!.expected![i]!));
    const parts = texts['Exported-QR-codes.png']!.map(decoded);
    const tool = EXPECTED.decoded_by_tools_decode_migration_py['Exported-QR-codes.webp']!;
    expect(parts.map((p) => p.batch)).toEqual(tool.map((t) => ({ id: t.batch_id, index: t.batch_index, size: t.batch_size })));
    parts.forEach((p, i) =>
      expect(p.accounts.map((a) => [a.label, base32Encode(a.secret)])).toEqual(tool[i]!.otp_parameters.map((o) => [o.name, o.secret_b32])),
    );
    expect(parts.flatMap((p) => p.accounts)).toHaveLength(20);
  });

  it('turns the wrong inputs into problems', () => {
    expect(problemCode(readFixture('test_export_wrong_data.txt'))).toBe('err_migration_corrupt');
    expect(problemCode(readFixture('test_export_wrong_prefix.txt'))).toBe('err_migration_text_before');
    expect(problemCode(readFixture('test_export_wrong_content.txt'))).toBe('err_migration_not_migration');
    expect(problemCode('otpauth-migration://offline')).toBe('err_migration_no_data');
    expect(problemCode('otpauth-migration://offline?data=%ZZ')).toBe('err_migration_bad_base64');
    expect(problemCode('otpauth-migration://offline?data=ab*c')).toBe('err_migration_bad_base64');
    expect(problemCode('otpauth-migration://offline?data=EAEYASAA')).toBe('err_migration_empty'); // only version/batch fields
  });

  it('rejects a truncated payload and one with a group wire type', () => {
    const good = new ProtoWriter().bytes(1, new ProtoWriter().bytes(1, SECRET).varint(6, 2).finish()).finish();
    expect(problemCode(migrationUri(good.subarray(0, good.length - 3)))).toBe('err_migration_corrupt');
    expect(problemCode(migrationUri(Uint8Array.from([...good, (9 << 3) | 3])))).toBe('err_migration_corrupt');
  });
});

describe('decodeMigrationUri on hand-built payloads', () => {
  const params = (f: (w: ProtoWriter) => ProtoWriter) => f(new ProtoWriter()).finish();
  const payload = (...accounts: Uint8Array[]) => {
    const w = new ProtoWriter();
    for (const a of accounts) w.bytes(1, a);
    return w.varint(2, 1).varint(3, 1).varint(4, 0).varint(5, -5).finish();
  };

  it('reads fields in any order, skips unknown fields of every wire type, reads multi-byte lengths', () => {
    const longName = 'ü'.repeat(150); // 300 bytes: a 2-byte length varint
    const account = Uint8Array.from([
      ...params((w) =>
        w
          .varint(6, 1)
          .varint(7, 2 ** 40)
          .string(3, 'Ïssuer')
          .string(2, `Ïssuer:${longName}`),
      ),
      ...[(15 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8], // unknown I64
      ...[(14 << 3) | 5, 1, 2, 3, 4], // unknown I32
      ...params((w) => w.varint(17, 123456789).bytes(18, new Uint8Array(200)).bytes(1, SECRET).varint(4, 3).varint(5, 2)),
    ]);
    const { accounts, batch } = decoded(migrationUri(payload(account)));
    expect(batch).toEqual({ id: -5, index: 0, size: 1 });
    expect(accounts[0]).toMatchObject({
      type: 'hotp',
      counter: 2 ** 40,
      issuer: 'Ïssuer',
      label: longName,
      algorithm: 'SHA512',
      digits: 8,
    });
    expect(base32Encode(accounts[0]!.secret)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('maps algorithms and digit counts, and skips MD5 and unknown values with a problem naming the account', () => {
    const make = (algo: number, digits: number, type = 2) =>
      params((w) => w.bytes(1, SECRET).string(2, `acct${algo}${digits}`).string(3, 'X').varint(4, algo).varint(5, digits).varint(6, type));
    const r = decoded(
      migrationUri(payload(make(0, 0), make(1, 1), make(2, 2), make(3, 1), make(4, 1), make(9, 1), make(1, 7), make(1, 1, 0))),
    );
    expect(r.accounts.map((a) => a.type !== 'steam' && [a.algorithm, a.digits])).toEqual([
      ['SHA1', 6],
      ['SHA1', 6],
      ['SHA256', 8],
      ['SHA512', 6],
    ]);
    expect(r.skipped.map((s) => [s.name, s.problem.code])).toEqual([
      ['X: acct41', 'err_migration_md5'],
      ['X: acct91', 'err_migration_algorithm'],
      ['X: acct17', 'err_migration_digits'],
      ['X: acct11', 'err_migration_type'],
    ]);
    for (const s of r.skipped) expect(MESSAGES).toHaveProperty(s.problem.code);
  });

  it('skips an account without a secret or with a negative counter', () => {
    const r = decoded(
      migrationUri(
        payload(
          params((w) => w.string(2, 'a').varint(6, 2)),
          params((w) => w.bytes(1, SECRET).string(2, 'b').varint(6, 1).varint(7, -1)),
        ),
      ),
    );
    expect(r.accounts).toEqual([]);
    expect(r.skipped.map((s) => s.problem.code)).toEqual(['err_migration_no_secret', 'err_migration_counter']);
  });

  it('accepts base64url without padding, a "+" read as space, and a mixed-case scheme', () => {
    const p = payload(
      params((w) =>
        w
          .bytes(1, Uint8Array.from([0xfb, 0xff, 0xbf]))
          .string(2, 'n')
          .varint(6, 2),
      ),
    );
    const std = encodeBase64(p);
    expect(std).toMatch(/[+/]/);
    const url = std.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    for (const data of [url, std.replace(/\+/g, ' '), std, encodeURIComponent(std)]) {
      const { accounts } = decoded(`OTPAUTH-MIGRATION://offline?data=${data}`);
      expect([...accounts[0]!.secret]).toEqual([0xfb, 0xff, 0xbf]);
    }
  });
});

describe('splitName', () => {
  it('splits like an otpauth label: the issuer field wins, its prefix is removed', () => {
    expect(splitName('Test1:test1@example1.com', 'Test1')).toEqual({ issuer: 'Test1', label: 'test1@example1.com' });
    expect(splitName('pi@raspberrypi', 'raspberrypi')).toEqual({ issuer: 'raspberrypi', label: 'pi@raspberrypi' });
    expect(splitName('ACME: bob', '')).toEqual({ issuer: 'ACME', label: 'bob' });
    expect(splitName('Work: bob', 'ACME')).toEqual({ issuer: 'ACME', label: 'bob' });
    expect(splitName('A:B:bob', 'A:B')).toEqual({ issuer: 'A:B', label: 'bob' });
    expect(splitName('bob', '')).toEqual({ issuer: '', label: 'bob' });
  });
});
