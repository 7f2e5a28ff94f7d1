import { describe, expect, it } from 'vitest';
import { DRAFT_DEFAULTS } from '../../../lib/otp/account';
import { draftFromForm, formFieldOf, type AccountFormFields } from '../../../lib/otp/draft-from-form';
import { codeAt } from '../../../lib/otp/generate-code';

const blank: AccountFormFields = { issuer: '', label: '', secret: '', type: 'totp', algorithm: '', digits: '', period: '', counter: '' };
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

describe('draftFromForm', () => {
  it('accepts a secret typed with spaces and lower case, filling the defaults', () => {
    const result = draftFromForm({ ...blank, issuer: ' GitHub ', label: 'octocat', secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq' });
    expect(result).toEqual({
      ok: true,
      value: {
        ...DRAFT_DEFAULTS,
        type: 'totp',
        issuer: 'GitHub',
        label: 'octocat',
        secret: RFC_SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
    });
    // RFC 6238 Appendix B, truncated to 6 digits.
    if (result.ok) expect(codeAt(result.value, 59_000)).toBe('287082');
  });

  it('reads every TOTP and HOTP setting', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(draftFromForm({ ...blank, label: 'a', secret, algorithm: 'sha512', digits: '8', period: '60' })).toMatchObject({
      ok: true,
      value: { type: 'totp', algorithm: 'SHA512', digits: 8, period: 60 },
    });
    expect(draftFromForm({ ...blank, label: 'a', secret, type: 'HOTP', digits: '7', counter: '12' })).toMatchObject({
      ok: true,
      value: { type: 'hotp', algorithm: 'SHA1', digits: 7, counter: 12 },
    });
    const steam = draftFromForm({ ...blank, issuer: 'Steam', secret, type: 'steam', digits: 'ignored', period: 'ignored' });
    expect(steam).toEqual({ ok: true, value: { ...DRAFT_DEFAULTS, type: 'steam', issuer: 'Steam', label: '', secret: RFC_SECRET } });
  });

  it.each([
    [{ secret: 'JBSWY3DP' }, 'err_form_name_missing', undefined, 'label'],
    [{ label: 'a', secret: 'JBSWY3DP', type: 'sms' }, 'err_form_type_invalid', undefined, 'type'],
    [{ label: 'a', secret: '   ' }, 'err_form_secret_missing', undefined, 'secret'],
    [{ label: 'a', secret: 'JBSW 0Y3DP' }, 'err_base32_invalid_character', ['0'], 'secret'],
    [{ label: 'a', secret: 'JBSWY3DP', algorithm: 'MD5' }, 'err_otp_unsupported_algorithm', ['MD5'], 'algorithm'],
    [{ label: 'a', secret: 'JBSWY3DP', digits: '4' }, 'err_otp_unsupported_digits', ['4'], 'digits'],
    [{ label: 'a', secret: 'JBSWY3DP', digits: '5' }, 'err_otp_five_digits_not_steam', undefined, 'digits'],
    [{ label: 'a', secret: 'JBSWY3DP', period: '0' }, 'err_otp_invalid_period', ['0', '86400'], 'period'],
    [{ label: 'a', secret: 'JBSWY3DP', type: 'hotp', counter: '-1' }, 'err_otp_invalid_counter', ['-1'], 'counter'],
  ] as const)('%j → %s, marking the field', (fields, code, params, field) => {
    const result = draftFromForm({ ...blank, ...fields });
    expect(result).toEqual({ ok: false, problem: params ? { code, params } : { code } });
    if (!result.ok) expect(formFieldOf(result.problem)).toBe(field);
  });
});
