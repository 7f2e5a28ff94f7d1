import { describe, expect, it } from 'vitest';
import { randomSecret } from '../../../lib/otp/random-secret';

describe('randomSecret', () => {
  it('gives 20 bytes by default (RFC 4226 §4 R6 recommends 160 bits) and the size asked for', () => {
    expect(randomSecret()).toHaveLength(20);
    expect(randomSecret(32)).toHaveLength(32);
  });

  it('differs every time', () => {
    const seen = new Set(Array.from({ length: 50 }, () => Buffer.from(randomSecret()).toString('hex')));
    expect(seen.size).toBe(50);
  });

  it('refuses sizes below the 128 bits RFC 4226 requires', () => {
    expect(() => randomSecret(8)).toThrow(RangeError);
    expect(() => randomSecret(20.5)).toThrow(RangeError);
  });
});
