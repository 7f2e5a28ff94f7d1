import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyQrText } from '../../../lib/qr/classify-qr-text';

const MESSAGES = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

describe('classifyQrText', () => {
  it('recognises the two-factor kinds, case-insensitively and trimmed', () => {
    expect(classifyQrText(' otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n')).toEqual({
      kind: 'otpauth',
      uri: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP',
    });
    expect(classifyQrText('OTPAUTH://hotp/A?secret=X').kind).toBe('otpauth');
    expect(classifyQrText('otpauth://steam/Boeing:Sophia?secret=X').kind).toBe('otpauth');
    expect(classifyQrText('otpauth-migration://offline?data=CjUK').kind).toBe('migration');
    expect(classifyQrText('steam://JRZCL47CMXVOQMNPZR2F7J4RGI').kind).toBe('steam');
  });

  it.each([
    ['https://example.com/login', 'url'],
    ['www.example.com', 'url'],
    ['WIFI:T:WPA;S:home;P:secret;;', 'wifi'],
    ['mailto:someone@example.com', 'email'],
    ['MATMSG:TO:someone@example.com;SUB:hi;;', 'email'],
    ['someone@example.com', 'email'],
    ['tel:+15551234567', 'phone'],
    ['SMSTO:+15551234567:hello', 'phone'],
    ['BEGIN:VCARD\nVERSION:3.0\nFN:Jane\nEND:VCARD', 'vcard'],
    ['MECARD:N:Doe,Jane;;', 'vcard'],
    ['geo:48.85,2.35', 'geo'],
    ['NOT A otpauth-migration:// URL', 'text'],
    ['', 'text'],
  ] as const)('classifies %j as %s, with a message that says what to do', (text, what) => {
    const c = classifyQrText(text);
    expect(c).toMatchObject({ kind: 'not-otp', what });
    if (c.kind !== 'not-otp') return;
    expect(MESSAGES[c.problem.code]?.message).toMatch(/not a two-factor secret\. Scan/);
  });

  it('names the Wi-Fi case as in the design notes', () => {
    const c = classifyQrText('WIFI:S:cafe;;');
    expect(c.kind === 'not-otp' && MESSAGES[c.problem.code]!.message).toMatch(
      /^This QR code holds a Wi-Fi network, not a two-factor secret\./,
    );
  });

  it('explains a two-factor link with text in front of it', () => {
    const c = classifyQrText('QR-Code:otpauth-migration://offline?data=CjUK');
    expect(c).toEqual({ kind: 'not-otp', what: 'text', problem: { code: 'err_qr_text_before_link', params: ['QR-Code:'] } });
    expect(MESSAGES).toHaveProperty('err_qr_text_before_link');
  });
});
