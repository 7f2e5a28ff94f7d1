/**
 * The "add account by hand" form to an account draft. All fields arrive as text; each problem names
 * the field (`formFieldOf(problem)` tells the UI which input to mark).
 *
 * Forgiving where it is safe: the secret may have spaces, dashes or lower case (as sites print it);
 * empty algorithm/digits/period/counter mean the usual defaults (SHA1, 6, 30 s, 0). For Steam
 * Guard only the secret and names matter.
 */
import { fail, ok, type Problem, type Result } from '../result';
import { DRAFT_DEFAULTS, type AccountDraft } from './account';
import { decodeBase32 } from './base32';
import { OTP_DEFAULTS, parseAlgorithm, parseCounter, parseDigits, parsePeriod } from './parse-otp-parameters';

export interface AccountFormFields {
  readonly issuer: string;
  readonly label: string;
  readonly secret: string;
  /** 'totp' | 'hotp' | 'steam' */
  readonly type: string;
  readonly algorithm: string;
  readonly digits: string;
  readonly period: string;
  readonly counter: string;
}

export type AccountFormField = keyof AccountFormFields;

export function draftFromForm(fields: AccountFormFields): Result<AccountDraft> {
  const issuer = fields.issuer.trim();
  const label = fields.label.trim();
  if (issuer === '' && label === '') return fail('err_form_name_missing');

  const type = fields.type.trim().toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') return fail('err_form_type_invalid');

  if (fields.secret.trim() === '') return fail('err_form_secret_missing');
  const secret = decodeBase32(fields.secret);
  if (!secret.ok) return secret;
  if (type === 'steam') return ok({ ...DRAFT_DEFAULTS, type, issuer, label, secret: secret.value });

  const algorithm = parseAlgorithm(fields.algorithm.trim() || OTP_DEFAULTS.algorithm);
  if (!algorithm.ok) return algorithm;
  const digits = parseDigits(fields.digits.trim() || String(OTP_DEFAULTS.digits));
  if (!digits.ok) return digits;
  const common = { ...DRAFT_DEFAULTS, issuer, label, secret: secret.value, algorithm: algorithm.value, digits: digits.value };

  if (type === 'hotp') {
    const counter = parseCounter(fields.counter.trim() || String(OTP_DEFAULTS.counter));
    return counter.ok ? ok({ ...common, type, counter: counter.value }) : counter;
  }
  const period = parsePeriod(fields.period.trim() || String(OTP_DEFAULTS.period));
  return period.ok ? ok({ ...common, type, period: period.value }) : period;
}

const FIELD_OF_PROBLEM: Readonly<Record<string, AccountFormField>> = {
  err_form_name_missing: 'label',
  err_form_type_invalid: 'type',
  err_form_secret_missing: 'secret',
  err_base32_empty: 'secret',
  err_base32_invalid_character: 'secret',
  err_base32_too_short: 'secret',
  err_otp_unsupported_algorithm: 'algorithm',
  err_otp_unsupported_digits: 'digits',
  err_otp_five_digits_not_steam: 'digits',
  err_otp_invalid_period: 'period',
  err_otp_invalid_counter: 'counter',
};

/** The form field a problem from `draftFromForm` is about, for focusing and marking the input. */
export function formFieldOf(problem: Problem): AccountFormField | undefined {
  return FIELD_OF_PROBLEM[problem.code];
}
