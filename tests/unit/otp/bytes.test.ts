import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from '../../../lib/otp/bytes';
import { base32Encode } from '../../support/oracles';

describe('hex', () => {
  it('encodes lower-case and decodes any case with separators', () => {
    expect(bytesToHex(new Uint8Array([0, 0x3a, 0xff]))).toBe('003aff');
    expect(hexToBytes('00 3A:ff')).toEqual({ ok: true, value: new Uint8Array([0, 0x3a, 0xff]) });
  });

  it('names a bad character and refuses odd lengths', () => {
    expect(hexToBytes('12xz')).toEqual({ ok: false, problem: { code: 'err_hex_invalid_character', params: ['x'] } });
    expect(hexToBytes('123')).toEqual({ ok: false, problem: { code: 'err_hex_odd_length' } });
  });

  it('matches Node Buffer on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(bytesToHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
        expect(hexToBytes(bytesToHex(bytes))).toEqual({ ok: true, value: bytes });
      }),
    );
  });
});

describe('base64', () => {
  it('decodes the Steam shared_secret of the fixtures to the Base32 secret they list', () => {
    // other_apps/steam.json: shared_secret "THIl8+Jl6ugxr8x0X6eRMg==" is secret JRZCL47CMXVOQMNPZR2F7J4RGI.
    const result = base64ToBytes('THIl8+Jl6ugxr8x0X6eRMg==');
    expect(result.ok && base32Encode(result.value)).toBe('JRZCL47CMXVOQMNPZR2F7J4RGI');
  });

  it('accepts URL-safe letters, missing padding and whitespace', () => {
    expect(base64ToBytes('-_8 ')).toEqual({ ok: true, value: new Uint8Array([0xfb, 0xff]) });
  });

  it('names a bad character and refuses impossible lengths', () => {
    expect(base64ToBytes('ab*c')).toEqual({ ok: false, problem: { code: 'err_base64_invalid_character', params: ['*'] } });
    expect(base64ToBytes('abcde')).toEqual({ ok: false, problem: { code: 'err_base64_bad_length' } });
  });

  it('matches Node Buffer on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(bytesToBase64(bytes)).toBe(text);
        expect(base64ToBytes(text)).toEqual({ ok: true, value: bytes });
        expect(base64ToBytes(Buffer.from(bytes).toString('base64url'))).toEqual({ ok: true, value: bytes });
      }),
    );
  });
});
