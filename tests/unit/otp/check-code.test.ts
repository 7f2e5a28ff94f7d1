import { describe, expect, it } from 'vitest';
import { checkCode, HOTP_LOOK_AHEAD, HOTP_LOOK_BEHIND, MAX_OFFSET_STEPS } from '../../../lib/otp/check-code';
import { base32Decode, oathtoolHotp, oathtoolHotpWindow, oathtoolTotp, steamCode } from '../../support/oracles';

const SECRET = 'JBSWY3DPEHPK3PXP';
const secret = base32Decode(SECRET);

describe('checkCode for TOTP, against oathtool -N', () => {
  const now = 1_700_000_012; // seconds
  const period = 30;
  const account = { type: 'totp' as const, secret, algorithm: 'SHA1' as const, digits: 6, period };
  const oathCodeAt = (seconds: number) => oathtoolTotp(SECRET, seconds * 1000, { period });

  it('says "now" for the current code, with or without spaces', () => {
    const code = oathCodeAt(now);
    expect(checkCode(account, code, now * 1000)).toEqual({ kind: 'now' });
    expect(checkCode(account, ` ${code.slice(0, 3)} ${code.slice(3)} `, now * 1000)).toEqual({ kind: 'now' });
  });

  const offsets = Array.from({ length: 2 * MAX_OFFSET_STEPS }, (_, i) => i - MAX_OFFSET_STEPS + (i >= MAX_OFFSET_STEPS ? 1 : 0));
  it.each(offsets)('finds a code from %i steps away and suggests that many periods', (steps) => {
    // A code from a later time (steps > 0) means our clock is behind: add steps × period seconds.
    const code = oathCodeAt(now + steps * period);
    expect(checkCode(account, code, now * 1000)).toEqual({ kind: 'offset', steps, seconds: steps * period });
  });

  it('gives up beyond ±10 steps', () => {
    expect(checkCode(account, oathCodeAt(now + 11 * period), now * 1000)).toEqual({ kind: 'none' });
    expect(checkCode(account, oathCodeAt(now - 11 * period), now * 1000)).toEqual({ kind: 'none' });
  });

  it('says "none" for a wrong code or a wrong length', () => {
    expect(checkCode(account, '000000', now * 1000)).toEqual({ kind: 'none' });
    expect(checkCode(account, oathCodeAt(now).slice(0, 5), now * 1000)).toEqual({ kind: 'none' });
    expect(checkCode(account, '', now * 1000)).toEqual({ kind: 'none' });
  });

  it('works for 8-digit SHA512 codes with a 60 s period', () => {
    const long = { type: 'totp' as const, secret, algorithm: 'SHA512' as const, digits: 8, period: 60 };
    const code = oathtoolTotp(SECRET, (now - 3 * 60) * 1000, { algorithm: 'SHA512', digits: 8, period: 60 });
    expect(checkCode(long, code, now * 1000)).toEqual({ kind: 'offset', steps: -3, seconds: -180 });
  });
});

describe('checkCode for HOTP, against oathtool --hotp', () => {
  const stored = 500;
  const account = { type: 'hotp' as const, secret, algorithm: 'SHA1' as const, digits: 6, counter: stored };
  const oathCodeAt = (counter: number) => oathtoolHotp(SECRET, counter);

  it('finds the stored counter, the look-ahead window and a few behind', () => {
    for (const counter of [stored, stored + 1, stored + 37, stored + HOTP_LOOK_AHEAD, stored - 1, stored - HOTP_LOOK_BEHIND]) {
      expect(checkCode(account, oathCodeAt(counter), 0)).toEqual({ kind: 'counter', counter });
    }
  });

  it('checks the whole window in one go (oathtool -w)', () => {
    const window = oathtoolHotpWindow(SECRET, stored, HOTP_LOOK_AHEAD);
    expect(window).toHaveLength(HOTP_LOOK_AHEAD + 1);
    window.forEach((code, i) => {
      const found = checkCode(account, code, 0);
      // A 6-digit code can repeat inside 104 counters; then the first (nearest) one is reported.
      expect(found.kind).toBe('counter');
      if (found.kind === 'counter') expect(found.counter).toBeLessThanOrEqual(stored + i);
    });
  });

  it('does not look further than the window', () => {
    expect(checkCode(account, oathCodeAt(stored + HOTP_LOOK_AHEAD + 1), 0)).toEqual({ kind: 'none' });
    expect(checkCode(account, oathCodeAt(stored - HOTP_LOOK_BEHIND - 1), 0)).toEqual({ kind: 'none' });
  });

  it('does not go below counter 0', () => {
    const fresh = { ...account, counter: 0 };
    expect(checkCode(fresh, oathCodeAt(0), 0)).toEqual({ kind: 'counter', counter: 0 });
    expect(checkCode(fresh, oathCodeAt(2), 0)).toEqual({ kind: 'counter', counter: 2 });
  });
});

describe('checkCode for Steam Guard', () => {
  const steamAt = (seconds: number) => steamCode(SECRET, seconds * 1000);
  const account = { type: 'steam' as const, secret };
  const now = 1_700_000_000;

  it('compares case-insensitively and reports offsets in 30 s steps', () => {
    expect(checkCode(account, steamAt(now).toLowerCase(), now * 1000)).toEqual({ kind: 'now' });
    expect(checkCode(account, steamAt(now + 60), now * 1000)).toEqual({ kind: 'offset', steps: 2, seconds: 60 });
    expect(checkCode(account, steamAt(now - 300), now * 1000)).toEqual({ kind: 'offset', steps: -10, seconds: -300 });
    expect(checkCode(account, '22222', now * 1000)).toEqual({ kind: 'none' });
  });
});
