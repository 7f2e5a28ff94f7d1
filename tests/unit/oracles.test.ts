import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixtureJson, readFixtureText, rfcVectors } from '../support/fixtures';
import {
  base32Decode,
  base32Encode,
  hmacOtp,
  migrationDecode,
  migrationEncode,
  oathtool,
  oathtoolCode,
  oathtoolHotp,
  oathtoolHotpWindow,
  oathtoolTotp,
  oracleCodes,
  steamCode,
  zbarimg,
  type HashName,
} from '../support/oracles';

/**
 * The oracles the other tests trust (tests/support/oracles.ts), checked against the RFCs' own
 * vectors and against each other, so a mistake in a test helper cannot make Sesame look right.
 */
const rfc = rfcVectors();
const ascii = (text: string) => new TextEncoder().encode(text);
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('base32Decode / base32Encode (RFC 4648)', () => {
  // RFC 4648 §10.
  const VECTORS: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];
  it.each(VECTORS)('%j <-> %s (§10)', (plain, encoded) => {
    expect(base32Decode(encoded)).toEqual(ascii(plain));
    expect(base32Decode(encoded.toLowerCase())).toEqual(ascii(plain));
    expect(base32Encode(ascii(plain))).toBe(encoded.replace(/=+$/, ''));
  });

  it('agrees with the RFC 4226 and RFC 6238 secrets, given both in hex and in Base32', () => {
    expect(base32Decode(rfc.hotp_rfc4226.secret_base32)).toEqual(hex(rfc.hotp_rfc4226.secret_hex));
    for (const seed of Object.values(rfc.totp_rfc6238.seeds)) expect(base32Decode(seed.base32)).toEqual(hex(seed.hex));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('throws on a character outside the alphabet instead of guessing', () => {
    for (const bad of ['ABC1', 'AB CD', 'MY==MY', 'ÄBC']) expect(() => base32Decode(bad)).toThrow(/not a Base32 character/);
  });
});

describe('oathtool', () => {
  it('gives the RFC 4226 Appendix D HOTP values, one by one and as a window (-w)', () => {
    const { secret_base32: secret, vectors } = rfc.hotp_rfc4226;
    for (const v of vectors) expect(oathtoolHotp(secret, v.counter)).toBe(v.hotp);
    expect(oathtoolHotpWindow(secret, 0, vectors.length - 1)).toEqual(vectors.map((v) => v.hotp));
    expect(oathtoolHotp(hex(rfc.hotp_rfc4226.secret_hex), 9)).toBe(vectors[9]!.hotp); // bytes go in as hex
  });

  it('gives the RFC 6238 Appendix B TOTP values for SHA1, SHA256 and SHA512 (-N)', () => {
    for (const v of rfc.totp_rfc6238.vectors) {
      expect(
        oathtoolTotp(rfc.totp_rfc6238.seeds[v.mode].base32, v.time * 1000, { algorithm: v.mode, digits: 8 }),
        `${v.mode} ${v.time}`,
      ).toBe(v.totp);
    }
  });

  it('fails loudly, naming the command, when oathtool refuses', () => {
    expect(() => oathtool(['--no-such-option'])).toThrow(/oathtool --no-such-option failed/);
  });
});

describe('hmacOtp (node:crypto)', () => {
  it('gives the RFC 4226 Appendix D values, and the whole truncated value with 10 digits', () => {
    for (const v of rfc.hotp_rfc4226.vectors) {
      expect(hmacOtp(hex(rfc.hotp_rfc4226.secret_hex), v.counter)).toBe(v.hotp);
      expect(hmacOtp(rfc.hotp_rfc4226.secret_base32, v.counter, { digits: 10 })).toBe(String(v.truncated_dec).padStart(10, '0'));
    }
  });

  it('gives the RFC 6238 Appendix B values at counter floor(time / 30)', () => {
    for (const v of rfc.totp_rfc6238.vectors) {
      expect(hmacOtp(rfc.totp_rfc6238.seeds[v.mode].base32, Math.floor(v.time / 30), { algorithm: v.mode, digits: 8 })).toBe(v.totp);
    }
  });

  it('agrees with oathtool on HOTP for every HMAC, 6 to 8 digits and large counters', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as HashName[]) {
      for (const [counter, digits] of [
        [0, 6],
        [1, 7],
        [123_456, 8],
        [2 ** 32 + 5, 6],
      ] as const) {
        expect(hmacOtp(secret, counter, { algorithm, digits }), `${algorithm} ${counter}`).toBe(
          oathtoolHotp(secret, counter, { algorithm, digits }),
        );
      }
    }
  });
});

describe('steamCode', () => {
  it('gives pyotp’s Steam codes for FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW (otpauth_uri_cases pyotp[15])', () => {
    const codes = { 0: 'C5V56', 30: 'QJY8Y', 60: 'R3WQY', 90: 'JG3T3' };
    for (const [seconds, code] of Object.entries(codes))
      expect(steamCode('FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW', Number(seconds) * 1000)).toBe(code);
  });

  it('gives the Steam reference code of other_apps/EXPECTED.json (computed there with another implementation)', () => {
    const { vectors } = readFixtureJson<{
      vectors: { type: string; secret: string; reference_code: { at_unix_time?: number; code: string } }[];
    }>('other_apps/EXPECTED.json');
    const steam = vectors.filter((v) => v.type === 'steam');
    expect(steam).toHaveLength(1);
    for (const v of steam) expect(steamCode(v.secret, v.reference_code.at_unix_time! * 1000)).toBe(v.reference_code.code);
  });
});

describe('oathtoolCode and the reference codes of other_apps/EXPECTED.json', () => {
  type Vector = {
    n: number;
    type: string;
    secret: string;
    algo: HashName;
    digits: number;
    period?: number;
    counter?: number;
    reference_code: { at_unix_time?: number; at_counter?: number; code: string };
  };
  const { vectors } = readFixtureJson<{ vectors: Vector[] }>('other_apps/EXPECTED.json');
  it.each(vectors.filter((v) => v.type !== 'steam'))('vector $n ($type $algo)', (v) => {
    const at = (v.reference_code.at_unix_time ?? 0) * 1000;
    const options = {
      type: v.type as 'totp' | 'hotp',
      algorithm: v.algo,
      digits: v.digits,
      period: v.period ?? 30,
      counter: v.reference_code.at_counter ?? 0,
    };
    expect(oathtoolCode(v.secret, at, options)).toBe(v.reference_code.code);
  });

  it('oracleCodes: the codes around a read, without repeats', () => {
    const seen: number[] = [];
    expect(oracleCodes((t) => (seen.push(t), String(Math.floor(t / 30_000))), 60_500, 61_000)).toEqual(['1', '2']);
    expect(seen).toEqual([59_500, 60_500, 61_000]);
  });
});

describe('zbarimg', () => {
  it('reads what MANIFEST.tsv says the generated QR images hold', () => {
    const rows = readFixtureText('qr_generated/MANIFEST.tsv')
      .trim()
      .split('\n')
      .slice(1)
      .map((r) => r.split('\t'));
    for (const [file, , , text] of rows.slice(0, 3)) expect(zbarimg(fixturePath(`qr_generated/${file}`))).toEqual([text]);
  });

  it('reads any QR text, and returns [] for an image without a code', () => {
    expect(zbarimg(fixturePath('google_auth_migration/qr_but_without_otp.png'))).toEqual(['NOT A otpauth-migration:// URL']);
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-oracle-')), 'blank.png');
    fs.writeFileSync(file, PNG.sync.write(blank));
    expect(zbarimg(file)).toEqual([]);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});

describe('migrationDecode / migrationEncode (google_auth.proto)', () => {
  it('decodes example_export.txt into the accounts extract_otp_secrets lists in example_output.json', () => {
    const links = readFixtureText('google_auth_migration/example_export.txt')
      .split('\n')
      .filter((l) => l.startsWith('otpauth-migration:'));
    const accounts = links.flatMap((l) => migrationDecode(l).accounts);
    const expected = readFixtureJson<{ name: string; secret: string; issuer: string; type: string; counter: number | null }[]>(
      'google_auth_migration/example_output.json',
    );
    expect(accounts.map((a) => ({ name: a.name, secret: a.secret, issuer: a.issuer, type: a.type === 1 ? 'hotp' : 'totp' }))).toEqual(
      expected.map((e) => ({ name: e.name, secret: e.secret, issuer: e.issuer, type: e.type })),
    );
    expect(accounts.filter((a) => a.type === 1).map((a) => a.counter)).toEqual(
      expected.filter((e) => e.type === 'hotp').map((e) => e.counter),
    );
  });

  it('decodes the real 2-part export as extract_otp_secrets does (EXPECTED.json), batch fields included', () => {
    const expected = readFixtureJson<{
      decoded_by_tools_decode_migration_py: Record<
        string,
        { otp_parameters: { secret_b32: string; name: string }[]; batch_size: number; batch_index: number; batch_id: number }[]
      >;
    }>('google_auth_migration/EXPECTED.json').decoded_by_tools_decode_migration_py['Exported-QR-codes.webp']!;
    const parts = zbarimg(fixturePath('google_auth_migration/Exported-QR-codes.png')).map(migrationDecode);
    const byIndex = (i: number) => parts.find((p) => p.batchIndex === i)!;
    for (const e of expected) {
      const part = byIndex(e.batch_index);
      expect({ size: part.batchSize, id: part.batchId }).toEqual({ size: e.batch_size, id: e.batch_id });
      expect(part.accounts.map((a) => [a.name, a.secret])).toEqual(e.otp_parameters.map((o) => [o.name, o.secret_b32]));
    }
  });

  it('encodes what it decodes, negative batch ids and 64-bit counters included', () => {
    const payload = {
      accounts: [
        { secret: 'JBSWY3DPEHPK3PXP', name: 'Ïssuer:ü', issuer: 'Ïssuer', algorithm: 3, digits: 2, type: 1, counter: 2 ** 40 },
        { secret: '7KSQL2JTUDIS5EF65KLMRQIIGY', name: 'plain', issuer: '', algorithm: 1, digits: 1, type: 2, counter: 0 },
      ],
      version: 1,
      batchSize: 2,
      batchIndex: 1,
      batchId: -5,
    };
    expect(migrationDecode(migrationEncode(payload))).toEqual(payload);
  });
});
