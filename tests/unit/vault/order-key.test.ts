import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOrderKey, orderKeyBetween, orderKeyFromLegacy, orderKeysBetween, FIRST_ORDER_KEY } from '../../../lib/vault/order-key';
import { reorderKeys } from '../../../lib/vault/reorder-keys';

/** Plain code-unit order, written out here rather than imported: the documented comparison. */
const sorted = (keys: readonly string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('order keys', () => {
  it('start at a0 and append with short keys', () => {
    expect(orderKeyBetween(undefined, undefined)).toBe(FIRST_ORDER_KEY);
    const keys = orderKeysBetween(undefined, undefined, 0).concat(orderKeysBetween('a0', undefined, 5000));
    expect(keys.slice(0, 3)).toEqual(['a1', 'a2', 'a3']);
    expect(sorted(keys)).toEqual(keys);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(4); // 5,000 appends: b + 2 digits
    expect(keys.every(isOrderKey)).toBe(true);
  });

  it('always find a key strictly between two keys, and before the first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 60 }), (steps) => {
        const keys = ['a0'];
        for (const [at, front] of steps) {
          const i = at % (keys.length + 1);
          const key = front ? orderKeyBetween(undefined, keys[0]) : orderKeyBetween(keys[i - 1], keys[i]);
          if (front) keys.unshift(key);
          else keys.splice(i, 0, key);
          expect(isOrderKey(key)).toBe(true);
        }
        expect(sorted(keys)).toEqual(keys);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 200 },
    );
  });

  it('n keys between two neighbours stay increasing and short', () => {
    const keys = orderKeysBetween('a1', 'a2', 1000);
    expect(sorted(keys)).toEqual(keys);
    expect(keys[0]! > 'a1' && keys.at(-1)! < 'a2').toBe(true);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(5);
  });

  it('refuse misuse and malformed keys', () => {
    expect(() => orderKeyBetween('a2', 'a1')).toThrow(RangeError);
    expect(() => orderKeyBetween('a10', undefined)).toThrow(RangeError); // trailing zero fraction
    for (const bad of ['', 'a', '0a', 'b0', 'a0 ', 'A00000000000000000000000000', 'a1-', 7]) expect(isOrderKey(bad)).toBe(false);
  });

  it('migrate numeric orders (the only kind before order keys) keeping their order', () => {
    expect([0, 1, 2, 61, 62, 3905, 3906].map(orderKeyFromLegacy)).toEqual(['a0', 'a1', 'a2', 'az', 'b00', 'bzz', 'c000']);
    expect([-1, -62, -63].map(orderKeyFromLegacy)).toEqual(['Zz', 'Z0', 'Yzz']);
    expect(orderKeyFromLegacy(Number.NEGATIVE_INFINITY) <= orderKeyFromLegacy(-5e-324)).toBe(true);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (x, y) => {
        const [a, b] = [orderKeyFromLegacy(x), orderKeyFromLegacy(y)];
        expect(isOrderKey(a) && isOrderKey(b)).toBe(true);
        if (x < y) expect(a <= b).toBe(true); // non-decreasing; strictly for distinct safe integers
        if (Number.isSafeInteger(x) && Number.isSafeInteger(y) && x < y) expect(a < b).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('reorderKeys', () => {
  const current = new Map(['a', 'b', 'c', 'd', 'e'].map((id, i) => [id, `a${i + 1}`]));
  const apply = (wanted: string[]) => {
    const changes = reorderKeys(current, wanted);
    const keys = new Map([...current, ...changes]);
    return { changes, order: [...keys].sort((x, y) => (x[1] < y[1] ? -1 : 1)).map(([id]) => id) };
  };

  it('moving one account re-keys that account only', () => {
    const { changes, order } = apply(['a', 'd', 'b', 'c', 'e']);
    expect(order).toEqual(['a', 'd', 'b', 'c', 'e']);
    expect([...changes.keys()]).toEqual(['d']);
  });

  it('gives any permutation with the fewest changes (n minus the longest kept run)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['a', 'b', 'c', 'd', 'e'], { minLength: 5, maxLength: 5 }), (wanted) => {
        const { order, changes } = apply(wanted);
        expect(order).toEqual(wanted);
        expect(changes.size).toBeLessThanOrEqual(4);
      }),
    );
  });
});
