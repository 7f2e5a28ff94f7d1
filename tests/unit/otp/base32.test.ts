import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase32, encodeBase32 } from '../../../lib/otp/base32';
import { base32Decode, base32Encode } from '../../support/oracles';

const ascii = (text: string) => new TextEncoder().encode(text);
const decoded = (text: string) => {
  const result = decodeBase32(text);
  if (!result.ok) throw new Error(result.problem.code);
  return result.value;
};

describe('encodeBase32', () => {
  // RFC 4648 §10 test vectors, padding removed.
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %s (RFC 4648 §10)', (input, output) => {
    expect(encodeBase32(ascii(input))).toBe(output);
  });

  it('encodes the RFC 4226 secret as the fixtures do', () => {
    expect(encodeBase32(ascii('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});

describe('decodeBase32', () => {
  it.each([
    ['MY======', 'f'],
    ['MZXQ====', 'fo'],
    ['MZXW6===', 'foo'],
    ['MZXW6YQ=', 'foob'],
    ['MZXW6YTB', 'fooba'],
    ['MZXW6YTBOI======', 'foobar'],
  ])('decodes %s with padding (RFC 4648 §10)', (input, output) => {
    expect(decoded(input)).toEqual(ascii(output));
  });

  it('tolerates spaces, dashes, line breaks and lower case as sites print secrets', () => {
    expect(decoded('gezd gnbv-gy3t\nqojq GEZDGNBV gy3tqojq')).toEqual(ascii('12345678901234567890'));
  });

  it('drops leftover bits like Google Authenticator (20 chars = 12 bytes, 1 char short of a byte is ok)', () => {
    expect(decoded('FFFFFFFAAAAAABBBBBBB')).toHaveLength(12);
    expect(decoded('abc')).toEqual(new Uint8Array([0]));
    expect(decoded('AA')).toEqual(new Uint8Array([0]));
  });

  it('names the first character that is not Base32', () => {
    expect(decodeBase32('ABCØDEF')).toEqual({ ok: false, problem: { code: 'err_base32_invalid_character', params: ['Ø'] } });
    expect(decodeBase32('ABC0DEF')).toEqual({ ok: false, problem: { code: 'err_base32_invalid_character', params: ['0'] } });
    expect(decodeBase32('SOME_SECRET')).toMatchObject({ problem: { params: ['_'] } });
  });

  it('shows invisible characters by code point, not as an empty quote', () => {
    expect(decodeBase32('ABC\u200BDEF')).toMatchObject({ problem: { code: 'err_base32_invalid_character', params: ['U+200B'] } });
  });

  it('does not upper-case non-ASCII letters into valid ones (ß would become SS)', () => {
    expect(decodeBase32('ABßC')).toMatchObject({ problem: { code: 'err_base32_invalid_character', params: ['ß'] } });
    expect(decodeBase32('ABıC')).toMatchObject({ problem: { code: 'err_base32_invalid_character', params: ['ı'] } });
  });

  it('rejects `=` inside the text (padding only at the end)', () => {
    expect(decodeBase32('MY==MY')).toMatchObject({ problem: { code: 'err_base32_invalid_character', params: ['='] } });
  });

  it('refuses empty and too-short secrets', () => {
    expect(decodeBase32('')).toEqual({ ok: false, problem: { code: 'err_base32_empty' } });
    expect(decodeBase32('  - ==')).toEqual({ ok: false, problem: { code: 'err_base32_empty' } });
    expect(decodeBase32('A')).toEqual({ ok: false, problem: { code: 'err_base32_too_short' } });
  });

  it('agrees with the RFC 4648 oracle on any bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), (bytes) => {
        const text = base32Encode(bytes);
        expect(encodeBase32(bytes)).toBe(text);
        expect(decoded(text)).toEqual(base32Decode(text));
        expect(decoded(text.toLowerCase())).toEqual(bytes);
      }),
    );
  });

  it('agrees with Node on RFC 4648 Base32 via hex (independent check of bit order)', () => {
    // 0xFF 0x00 0xAA → 11111111 00000000 10101010 → 11111 11100 00000 01010 1010(0) → 7 4 A K U
    expect(encodeBase32(new Uint8Array([0xff, 0x00, 0xaa]))).toBe('74AKU');
    expect(decoded('74AKU')).toEqual(new Uint8Array([0xff, 0x00, 0xaa]));
  });
});
