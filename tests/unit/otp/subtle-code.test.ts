import { describe, expect, it } from 'vitest';
import { subtleCodeAt } from '../../../lib/otp/subtle-code';
import { rfcVectors } from '../../support/fixtures';
import { OATHTOOL_SECRET, OATHTOOL_TOTP_CASES } from '../../support/oathtool-cases';
import { base32Decode, oathtoolHotp, oathtoolTotp } from '../../support/oracles';

// WebCrypto's codes (the popup's first paint from its saved screen) against the same vectors and
// oracles as generate-code.ts's, never against generate-code.ts itself.
const rfc = rfcVectors();
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('WebCrypto codes', () => {
  it.each(rfc.hotp_rfc4226.vectors)('HOTP (RFC 4226 Appendix D): counter $counter gives $hotp', async ({ counter, hotp }) => {
    const secret = bytes(rfc.hotp_rfc4226.secret_hex);
    expect(await subtleCodeAt({ type: 'hotp', secret, algorithm: 'SHA1', digits: 6, counter }, 0)).toBe(hotp);
  });

  it.each(rfc.totp_rfc6238.vectors)('TOTP (RFC 6238 Appendix B): $mode at $time s gives $totp', async ({ time, mode, totp }) => {
    const secret = bytes(rfc.totp_rfc6238.seeds[mode].hex);
    expect(await subtleCodeAt({ type: 'totp', secret, algorithm: mode, digits: 8, period: 30 }, time * 1000)).toBe(totp);
  });

  const secret = OATHTOOL_SECRET;
  it.each(OATHTOOL_TOTP_CASES)(
    'TOTP $algorithm, $digits digits, $period s at $time as oathtool',
    async ({ algorithm, digits, period, time }) => {
      const expected = oathtoolTotp(secret, time * 1000, { algorithm, digits, period });
      expect(await subtleCodeAt({ type: 'totp', secret: base32Decode(secret), algorithm, digits, period }, time * 1000)).toBe(expected);
    },
  );

  it('HOTP past 2^32 as oathtool (the counter is 8 bytes, RFC 4226 §5.2)', async () => {
    const counter = 2 ** 32 + 5;
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      expect(await subtleCodeAt({ type: 'hotp', secret: base32Decode(secret), algorithm, digits: 6, counter }, 0)).toBe(
        oathtoolHotp(secret, counter, { algorithm, digits: 6 }),
      );
    }
  });

  it('gives pyotp’s Steam codes for FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW (otpauth_uri_cases pyotp[15])', async () => {
    const steam = base32Decode('FMXNK4QEGKVPULRTADY6JIDK5VHUBGZW');
    const expected = { 0: 'C5V56', 30: 'QJY8Y', 60: 'R3WQY', 90: 'JG3T3' };
    for (const [time, code] of Object.entries(expected)) {
      expect(await subtleCodeAt({ type: 'steam', secret: steam }, Number(time) * 1000)).toBe(code);
    }
  });
});
