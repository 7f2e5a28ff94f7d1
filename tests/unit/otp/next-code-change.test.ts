import { describe, expect, it } from 'vitest';
import { codesChangedBetween, nextCodeChangeAt, periodOf, SHOW_NEXT_MS } from '../../../lib/otp/next-code-change';

const T = 1_700_000_010_000; // any time; the tests work from the step it falls in

describe('nextCodeChangeAt', () => {
  it('is the start of "next code" 5 s before the step ends, then the step end itself', () => {
    const stepStart = Math.floor(T / 30_000) * 30_000;
    expect(nextCodeChangeAt([30], stepStart)).toBe(stepStart + 25_000);
    expect(nextCodeChangeAt([30], stepStart + 24_999)).toBe(stepStart + 25_000);
    // From the moment the next code shows, the next change is the new step.
    expect(nextCodeChangeAt([30], stepStart + 25_000)).toBe(stepStart + 30_000);
    expect(nextCodeChangeAt([30], stepStart + 29_999)).toBe(stepStart + 30_000);
    expect(nextCodeChangeAt([30], stepStart + 30_000)).toBe(stepStart + 55_000);
  });

  it('takes the earliest over every period shown', () => {
    // 60 s step boundaries are 30 s ones too; at 40 s into a minute, 30 s steps change first.
    const minute = Math.floor(T / 60_000) * 60_000;
    expect(nextCodeChangeAt([60, 30], minute + 40_000)).toBe(minute + 55_000);
    expect(nextCodeChangeAt([60, 30], minute + 10_000)).toBe(minute + 25_000);
    // A 45 s period beside 30 s: 0, 25, 30, 40, 45, 55, 60 ... seconds after a common start.
    const base = Math.floor(T / 90_000) * 90_000;
    expect(nextCodeChangeAt([30, 45], base + 26_000)).toBe(base + 30_000);
    expect(nextCodeChangeAt([45, 30], base + 30_000)).toBe(base + 40_000);
    expect(nextCodeChangeAt([45, 30], base + 40_000)).toBe(base + 45_000);
  });

  it('for periods no longer than the "next code" time, is every step end', () => {
    expect(SHOW_NEXT_MS).toBe(5000);
    expect(nextCodeChangeAt([5], 1_000)).toBe(5_000);
    expect(nextCodeChangeAt([1], 1_500)).toBe(2_000);
  });

  it('is null without periods (HOTP only, or no accounts)', () => {
    expect(nextCodeChangeAt([], T)).toBeNull();
  });

  it('is always later than the time asked about', () => {
    for (let t = 0; t < 130_000; t += 250) {
      const next = nextCodeChangeAt([30, 60, 7], t)!;
      expect(next).toBeGreaterThan(t);
      expect(next - t).toBeLessThanOrEqual(7_000);
    }
  });
});

describe('codesChangedBetween', () => {
  it('says whether a change moment lies in (drawnAt, now]', () => {
    const stepStart = Math.floor(T / 30_000) * 30_000;
    expect(codesChangedBetween([30], stepStart + 1_000, stepStart + 24_999)).toBe(false);
    expect(codesChangedBetween([30], stepStart + 1_000, stepStart + 25_000)).toBe(true);
    expect(codesChangedBetween([30], stepStart + 26_000, stepStart + 29_000)).toBe(false);
    expect(codesChangedBetween([30], stepStart + 26_000, stepStart + 30_000)).toBe(true);
    expect(codesChangedBetween([], 0, 1e12)).toBe(false);
  });
});

describe('periodOf', () => {
  it('is the TOTP period, 30 s for Steam Guard, and null for HOTP', () => {
    expect(periodOf({ type: 'totp', period: 60 })).toBe(60);
    expect(periodOf({ type: 'steam' })).toBe(30);
    expect(periodOf({ type: 'hotp' })).toBeNull();
  });
});
