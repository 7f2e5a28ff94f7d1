import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../lib/vault/canonical-json';

describe('canonical JSON', () => {
  it('sorts keys, drops whitespace, writes bytes as Base64 and leaves undefined members out', () => {
    expect(canonicalJson({ z: 1, a: [true, 'x"\\y'], m: new Uint8Array([1, 2, 3]), u: undefined, n: { b: 'é', a: 0 } })).toBe(
      '{"a":[true,"x\\"\\\\y"],"m":"AQID","n":{"a":0,"b":"é"},"z":1}',
    );
  });

  it('matches JSON.parse round trip of a sorted object (what any JSON library reads)', () => {
    const text = canonicalJson({ context: 'c', id: 'i', deleted: false, clock: '0' });
    expect(JSON.parse(text)).toEqual({ clock: '0', context: 'c', deleted: false, id: 'i' });
    expect(text).toBe('{"clock":"0","context":"c","deleted":false,"id":"i"}');
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => canonicalJson(1.5)).toThrow(RangeError);
    expect(() => canonicalJson(2 ** 60)).toThrow(RangeError);
  });
});
