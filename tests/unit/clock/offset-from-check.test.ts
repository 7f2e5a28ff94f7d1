import { describe, expect, it } from 'vitest';
import { CLOCK_WARNING_SECONDS, needsClockWarning, offsetAfterCheck } from '../../../lib/clock/offset-from-check';
import { checkCode } from '../../../lib/otp/check-code';
import { codeAt } from '../../../lib/otp/generate-code';
import { base32Decode, oathtoolTotp } from '../../support/oracles';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('clock offset from a checked code', () => {
  it('a code oathtool makes for now + 60 s sets the offset to +60, after which it is the current code', () => {
    const account = { type: 'totp' as const, secret: base32Decode(SECRET), algorithm: 'SHA1' as const, digits: 6, period: 30 };
    const now = 1_700_000_012_000;
    const ahead = oathtoolTotp(SECRET, now + 60_000);
    const check = checkCode(account, ahead, now);
    expect(check).toEqual({ kind: 'offset', steps: 2, seconds: 60 });
    const offset = offsetAfterCheck(0, check.kind === 'offset' ? check.seconds : 0);
    expect(offset).toBe(60);
    expect(codeAt(account, now + offset * 1000)).toBe(ahead);
    expect(needsClockWarning(offset)).toBe(true);
  });

  it('adds to the current offset and stays within the allowed range', () => {
    expect(offsetAfterCheck(30, -90)).toBe(-60);
    expect(offsetAfterCheck(24 * 3600, 300)).toBe(24 * 3600);
    expect(offsetAfterCheck(-24 * 3600, -300)).toBe(-24 * 3600);
  });

  it('warns only beyond 30 seconds either way', () => {
    expect(CLOCK_WARNING_SECONDS).toBe(30);
    expect([0, 30, -30, 31, -31].map(needsClockWarning)).toEqual([false, false, false, true, true]);
  });
});
