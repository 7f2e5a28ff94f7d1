import { describe, expect, it } from 'vitest';
import { timeStep } from '../../../lib/otp/time-step';

describe('timeStep (RFC 6238 §4.2, T0 = 0)', () => {
  it('gives the RFC 6238 Appendix B time steps', () => {
    expect(timeStep(30, 59_000).step).toBe(1);
    expect(timeStep(30, 1_111_111_109_000).step).toBe(0x23523ec);
    expect(timeStep(30, 20_000_000_000_000).step).toBe(0x27bc86aa);
  });

  it('counts the time left in the step and the fraction elapsed', () => {
    expect(timeStep(30, 60_000)).toEqual({ step: 2, remainingMs: 30_000, progress: 0 });
    expect(timeStep(30, 89_999)).toEqual({ step: 2, remainingMs: 1, progress: 29_999 / 30_000 });
    expect(timeStep(60, 75_000)).toEqual({ step: 1, remainingMs: 45_000, progress: 0.25 });
  });
});
