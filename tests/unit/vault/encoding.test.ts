import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase32, decodeBase64, encodeBase32, encodeBase64 } from '../../../lib/vault/encoding';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('Base32 (RFC 4648 §10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  it.each(vectors)('encodes %j as %s (unpadded)', (plain, b32) => {
    expect(encodeBase32(ascii(plain))).toBe(b32);
  });
  it.each(vectors)('decodes %j from padded and unpadded forms', (plain, b32) => {
    const padded = b32 + '='.repeat((8 - (b32.length % 8)) % 8);
    expect(decodeBase32(b32)).toEqual(ascii(plain));
    expect(decodeBase32(padded)).toEqual(ascii(plain));
  });
  it('refuses lower case, spaces, bad lengths, bad padding and non-zero trailing bits', () => {
    for (const bad of ['mzxw6', 'MZXW 6', 'M', 'MZX', 'MZXW6YTBO', 'MY=', 'MZ', 'MY========']) expect(decodeBase32(bad)).toBeUndefined();
  });
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('Base64 (checked against Node Buffer)', () => {
  it('matches Buffer and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });
  it('refuses non-canonical or malformed input', () => {
    for (const bad of ['Zg', 'Zh==', 'Zm9v!', 'Zm 9v', 'Z===']) expect(decodeBase64(bad)).toBeUndefined();
  });
});
