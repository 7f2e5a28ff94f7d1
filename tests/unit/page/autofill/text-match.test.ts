import { describe, expect, it } from 'vitest';
import { normaliseText, wordMatcher } from '../../../../page/autofill/text-match';

describe('normaliseText', () => {
  it.each([
    ['twoFactorCode', 'two factor code'],
    ['OTP_input-1', 'otp input 1'],
    ['otp1', 'otp 1'],
    ['2fa', '2fa'],
    ['Código de Verificación', 'codigo de verificacion'],
    ['  Kod  bezpieczeństwa ', 'kod bezpieczenstwa'],
    ["code d'authentification", 'code d authentification'],
  ])('%s -> %s', (input, out) => expect(normaliseText(input)).toBe(out));
});

describe('wordMatcher', () => {
  const m = wordMatcher(['otp', 'tel$', '验证码', 'one time']);
  it('matches at the start of a word', () => {
    expect(m(normaliseText('otpCode'))).toBe(true);
    expect(m(normaliseText('OTPCODE'))).toBe(true);
    expect(m(normaliseText('hotplate'))).toBe(false);
  });
  it('a trailing $ also ends the word', () => {
    expect(m(normaliseText('tel'))).toBe(true);
    expect(m(normaliseText('telegram'))).toBe(false);
  });
  it('matches Chinese anywhere', () => expect(m(normaliseText('短信验证码'))).toBe(true));
  it('matches phrases across punctuation', () => expect(m(normaliseText('one-time-code'))).toBe(true));
});
