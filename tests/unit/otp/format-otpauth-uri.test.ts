import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALGORITHMS, DIGITS, DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { formatOtpauthUri } from '../../../lib/otp/format-otpauth-uri';
import { parseOtpauthUri } from '../../../lib/otp/parse-otpauth-uri';
import { base32Decode } from '../../support/oracles';

const secret = base32Decode('JRZCL47CMXVOQMNPZR2F7J4RGI');

describe('formatOtpauthUri', () => {
  it('writes the Key URI Format with every parameter', () => {
    expect(
      formatOtpauthUri({
        ...DRAFT_DEFAULTS,
        type: 'totp',
        issuer: 'ACME Co',
        label: 'jane+2fa@example.com',
        secret,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      }),
    ).toBe(
      'otpauth://totp/ACME%20Co:jane%2B2fa%40example.com?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60',
    );
    expect(
      formatOtpauthUri({ ...DRAFT_DEFAULTS, type: 'hotp', issuer: '', label: 'bob', secret, algorithm: 'SHA1', digits: 6, counter: 42 }),
    ).toBe('otpauth://hotp/bob?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&algorithm=SHA1&digits=6&counter=42');
  });

  it('writes Steam as TOTP with encoder=steam and 5 digits (read as Steam by pyotp, KeePassXC and us)', () => {
    expect(formatOtpauthUri({ ...DRAFT_DEFAULTS, type: 'steam', issuer: 'Steam', label: 'Sophia', secret })).toBe(
      'otpauth://totp/Steam:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam',
    );
  });

  it('keeps a colon in a name from being read as the issuer separator', () => {
    for (const [issuer, label] of [
      ['', 'a:b'],
      ['x:y', 'a:b'],
      ['Text: More Text', 'Secret'],
    ]) {
      const draft: AccountDraft = {
        ...DRAFT_DEFAULTS,
        type: 'totp',
        issuer: issuer!,
        label: label!,
        secret,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      };
      expect(parseOtpauthUri(formatOtpauthUri(draft))).toEqual({ ok: true, value: draft });
    }
  });

  it('round-trips any draft through parseOtpauthUri', () => {
    const name = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.trim());
    const common = { issuer: name, label: name, secret: fc.uint8Array({ minLength: 1, maxLength: 64 }) };
    const algorithm = fc.constantFrom(...ALGORITHMS);
    const digits = fc.constantFrom(...DIGITS);
    const draft = fc.oneof(
      fc.record({ ...common, type: fc.constant('totp' as const), algorithm, digits, period: fc.integer({ min: 1, max: 86_400 }) }),
      fc.record({ ...common, type: fc.constant('hotp' as const), algorithm, digits, counter: fc.maxSafeNat() }),
      fc.record({ ...common, type: fc.constant('steam' as const) }),
    );
    fc.assert(
      fc.property(draft, (fieldsOnly) => {
        const full = { ...DRAFT_DEFAULTS, ...fieldsOnly } as AccountDraft;
        // An issuer of "Steam" on a TOTP account is fine: digits are written, so it stays TOTP.
        expect(parseOtpauthUri(formatOtpauthUri(full))).toEqual({ ok: true, value: full });
      }),
      { numRuns: 500 },
    );
  });
});
