import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aheadOfNowMs,
  compareHlc,
  formatHlc,
  isDeviceId,
  MAX_COUNTER,
  newDeviceId,
  parseHlc,
  receive,
  tick,
  zeroHlc,
  type Hlc,
} from '../../../lib/vault/hybrid-logical-clock';

const A = '00000000000000aa';
const B = '00000000000000bb';
const hlcArb = fc.record({
  wallMs: fc.integer({ min: 0, max: 0xffff_ffff_ffff }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  deviceId: fc.stringMatching(/^[0-9a-f]{16}$/),
});
const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);

describe('hybrid logical clock string form', () => {
  it('is wall-counter-device in fixed-width lower-case hex (1718000000000 = 0x019000c79c00, per Python)', () => {
    expect(formatHlc({ wallMs: 1_718_000_000_000, counter: 10, deviceId: A })).toBe('019000c79c00-000a-00000000000000aa');
    expect(parseHlc('019000c79c00-000a-00000000000000aa')).toEqual({ wallMs: 1_718_000_000_000, counter: 10, deviceId: A });
  });

  it('refuses anything but the exact form', () => {
    for (const bad of [
      '',
      '018FFFCD0800-000a-00000000000000aa',
      '18fffcd0800-000a-00000000000000aa',
      '019000c79c00-000a-00000000000000a',
      '019000c79c00-000a-00000000000000aa ',
      42,
      null,
    ]) {
      expect(parseHlc(bad)).toBeUndefined();
    }
  });

  it('round-trips and sorts as the clock does (string order = wall, counter, device id)', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        expect(parseHlc(formatHlc(a))).toEqual(a);
        const byString = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0;
        expect(byString).toBe(sign(compareHlc(a, b)));
      }),
    );
  });

  it('makes 16-hex-digit device ids', () => {
    const id = newDeviceId();
    expect(isDeviceId(id)).toBe(true);
    expect(newDeviceId()).not.toBe(id);
  });
});

describe('tick', () => {
  it('follows the wall clock when it moves forward', () => {
    expect(tick(zeroHlc(A), 5000)).toEqual({ wallMs: 5000, counter: 0, deviceId: A });
  });

  it('never goes backwards when the wall clock does, or stands still', () => {
    let clock: Hlc = zeroHlc(A);
    const seen: Hlc[] = [];
    for (const now of [1000, 1000, 999, 500, 1001, 1001, 0]) {
      clock = tick(clock, now);
      seen.push(clock);
    }
    for (let i = 1; i < seen.length; i++) expect(compareHlc(seen[i]!, seen[i - 1]!)).toBeGreaterThan(0);
    expect(seen.map(formatHlc)).toEqual([...seen.map(formatHlc)].sort());
  });

  it('moves one millisecond on instead of overflowing the counter', () => {
    expect(tick({ wallMs: 7, counter: MAX_COUNTER, deviceId: A }, 7)).toEqual({ wallMs: 8, counter: 0, deviceId: A });
  });
});

describe('receive', () => {
  it('is after both clocks and keeps the local device id', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, fc.integer({ min: 0, max: 0xffff_ffff_ffff }), (local, remote, now) => {
        const next = receive(local, remote, now);
        expect(next.deviceId).toBe(local.deviceId);
        expect(compareHlc(next, local)).toBeGreaterThan(0);
        expect(
          next.wallMs > remote.wallMs ||
            (next.wallMs === remote.wallMs && next.counter > remote.counter) ||
            next.wallMs === remote.wallMs + 1,
        ).toBe(true);
        expect(next.wallMs).toBeGreaterThanOrEqual(now);
      }),
    );
  });

  it('follows the Kulkarni et al. rules', () => {
    const local = { wallMs: 100, counter: 3, deviceId: A };
    expect(receive(local, { wallMs: 100, counter: 7, deviceId: B }, 50)).toEqual({ wallMs: 100, counter: 8, deviceId: A });
    expect(receive(local, { wallMs: 90, counter: 7, deviceId: B }, 50)).toEqual({ wallMs: 100, counter: 4, deviceId: A });
    expect(receive(local, { wallMs: 120, counter: 7, deviceId: B }, 50)).toEqual({ wallMs: 120, counter: 8, deviceId: A });
    expect(receive(local, { wallMs: 120, counter: 7, deviceId: B }, 200)).toEqual({ wallMs: 200, counter: 0, deviceId: A });
  });

  it('equal wall time and counter on two devices: the device id breaks the tie', () => {
    expect(compareHlc({ wallMs: 1, counter: 1, deviceId: A }, { wallMs: 1, counter: 1, deviceId: B })).toBeLessThan(0);
  });

  it('says how far a remote clock runs ahead of now', () => {
    expect(aheadOfNowMs({ wallMs: 5000, counter: 0, deviceId: B }, 2000)).toBe(3000);
    expect(aheadOfNowMs({ wallMs: 1000, counter: 0, deviceId: B }, 2000)).toBe(0);
  });
});
