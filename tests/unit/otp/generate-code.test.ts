import { describe, expect, it } from 'vitest';
import type { Algorithm } from '../../../lib/otp/account';
import { codeAt, codeAtCounter, hotpCode, steamCodeAtStep, totpCodeAtStep } from '../../../lib/otp/generate-code';
import { readFixtureJson, rfcVectors } from '../../support/fixtures';
import { OATHTOOL_SECRET, OATHTOOL_TOTP_CASES } from '../../support/oathtool-cases';
import { base32Decode, oathtoolHotp, oathtoolTotp, steamCode } from '../../support/oracles';

const rfc = rfcVectors();
const otherApps = readFixtureJson<{ vectors: unknown[] }>('other_apps/EXPECTED.json');

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const base32 = base32Decode;

describe('HOTP (RFC 4226 Appendix D)', () => {
  const { secret_hex: secretHex, vectors } = rfc.hotp_rfc4226;
  it.each(vectors)('counter $counter gives $hotp', ({ counter, hotp }) => {
    expect(hotpCode(bytes(secretHex), 'SHA1', 6, counter)).toBe(hotp);
    expect(codeAt({ type: 'hotp', secret: bytes(secretHex), algorithm: 'SHA1', digits: 6, counter }, 0)).toBe(hotp);
  });
});

describe('TOTP (RFC 6238 Appendix B)', () => {
  const { seeds, vectors } = rfc.totp_rfc6238;
  it.each(vectors)('$mode at $time s gives $totp', ({ time, mode, totp }) => {
    const secret = bytes(seeds[mode].hex);
    expect(codeAt({ type: 'totp', secret, algorithm: mode, digits: 8, period: 30 }, time * 1000)).toBe(totp);
    expect(totpCodeAtStep(secret, mode, 8, Math.floor(time / 30))).toBe(totp);
  });

  it('takes the step from milliseconds: the last millisecond of a step still gives its code', () => {
    const secret = bytes(seeds.SHA1.hex);
    expect(codeAt({ type: 'totp', secret, algorithm: 'SHA1', digits: 8, period: 30 }, 59_999)).toBe('94287082');
  });
});

describe('codes agree with oathtool', () => {
  const secret = OATHTOOL_SECRET;
  it.each(OATHTOOL_TOTP_CASES)('TOTP $algorithm, $digits digits, $period s at $time', ({ algorithm, digits, period, time }) => {
    const expected = oathtoolTotp(secret, time * 1000, { algorithm, digits, period });
    expect(codeAt({ type: 'totp', secret: base32(secret), algorithm, digits, period }, time * 1000)).toBe(expected);
  });

  it.each([0, 1, 7, 123_456, 2 ** 32 + 5])('HOTP SHA1, SHA256 and SHA512 at counter %i (6 and 8 digits)', (counter) => {
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      for (const digits of [6, 8] as const) {
        expect(hotpCode(base32(secret), algorithm, digits, counter), `${algorithm} ${digits}`).toBe(
          oathtoolHotp(secret, counter, { algorithm, digits }),
        );
      }
    }
  });
});

describe('reference codes of other apps (other_apps/EXPECTED.json)', () => {
  type Vector = {
    n: number;
    type: 'totp' | 'hotp' | 'steam';
    secret: string;
    algo: Algorithm;
    digits: 6 | 7 | 8;
    period: number;
    counter: number;
    reference_code: { at_unix_time?: number; at_counter?: number; code: string };
  };
  it.each(otherApps.vectors as Vector[])('vector $n ($type) gives $reference_code.code', (v) => {
    const secret = base32(v.secret);
    const account =
      v.type === 'steam'
        ? { type: 'steam' as const, secret }
        : v.type === 'hotp'
          ? { type: 'hotp' as const, secret, algorithm: v.algo, digits: v.digits, counter: v.counter }
          : { type: 'totp' as const, secret, algorithm: v.algo, digits: v.digits, period: v.period };
    const time = (v.reference_code.at_unix_time ?? 0) * 1000;
    if (v.reference_code.at_counter !== undefined) expect(codeAtCounter(account, v.reference_code.at_counter)).toBe(v.reference_code.code);
    expect(codeAt(account, time)).toBe(v.reference_code.code);
  });
});

describe('Steam Guard', () => {
  it('matches a node:crypto implementation over many steps and secrets', () => {
    for (let i = 0; i < 300; i++) {
      const secret = new Uint8Array(20).map((_, j) => (i * 31 + j * 17) & 0xff);
      const time = 1_600_000_000 + i * 7_919;
      expect(codeAt({ type: 'steam', secret }, time * 1000)).toBe(steamCode(secret, time * 1000));
    }
  });

  it('HOTP with 10 digits is the whole 31-bit truncated value (the trick steamCodeAtStep relies on)', () => {
    // RFC 4226 Appendix D lists the truncated values: digits=10 must print them unchanged.
    const { secret_hex: secretHex, vectors } = rfc.hotp_rfc4226;
    for (const v of vectors) {
      expect(hotpCode(bytes(secretHex), 'SHA1', 10, v.counter)).toBe(String(v.truncated_dec).padStart(10, '0'));
    }
  });

  it('gives pyotp’s Steam codes for FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW (otpauth_uri_cases pyotp[15])', () => {
    const secret = base32('FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW');
    const expected = { 0: 'C5V56', 30: 'QJY8Y', 60: 'R3WQY', 90: 'JG3T3' };
    for (const [time, code] of Object.entries(expected)) {
      expect(steamCodeAtStep(secret, Number(time) / 30)).toBe(code);
    }
  });
});

describe('secrets are read correctly', () => {
  it('uses only the bytes of a view, not the whole underlying buffer', () => {
    const big = new Uint8Array(64).fill(0xaa);
    const secret = bytes(rfc.hotp_rfc4226.secret_hex);
    big.set(secret, 10);
    expect(hotpCode(big.subarray(10, 30), 'SHA1', 6, 0)).toBe('755224');
  });
});

describe('speed', () => {
  it('renders 1000 codes well within a frame budget', () => {
    const secret = bytes(rfc.totp_rfc6238.seeds.SHA1.hex);
    const account = { type: 'totp' as const, secret, algorithm: 'SHA1' as const, digits: 6, period: 30 };
    codeAt(account, 0);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) codeAt(account, i * 30_000);
    expect(performance.now() - start).toBeLessThan(250);
  });
});
