import { describe, expect, it } from 'vitest';
import { unlockDelayMs } from '../../../lib/vault/unlock-throttle';

describe('unlockDelayMs', () => {
  it('costs nothing for the first five failures in a row', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) expect(unlockDelayMs(n)).toBe(0);
  });
  it('then starts at 30 s and doubles', () => {
    expect([6, 7, 8, 9, 10].map(unlockDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });
  it('is capped at 15 minutes, however many failures', () => {
    expect(unlockDelayMs(11)).toBe(900_000);
    expect(unlockDelayMs(1000)).toBe(900_000);
    expect(unlockDelayMs(Number.POSITIVE_INFINITY)).toBe(900_000);
  });
  it('treats nonsense counts as no failures', () => {
    expect(unlockDelayMs(-3)).toBe(0);
    expect(unlockDelayMs(Number.NaN)).toBe(0);
  });
  it('never decreases as failures grow', () => {
    for (let n = 0; n < 40; n++) expect(unlockDelayMs(n + 1)).toBeGreaterThanOrEqual(unlockDelayMs(n));
  });
});
