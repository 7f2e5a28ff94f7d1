/**
 * Timing print, not a timed test: decodes composed 1920x1080 screenshots with 1 and 3 codes and
 * prints the median of 5 runs after a warm-up (jsQR's first calls are slow while V8 compiles it).
 * Only correctness is asserted, so a busy CI machine cannot make it fail. Run it alone with
 * `npx vitest run tests/unit/qr/decode-timing.test.ts`.
 */
import { expect, it } from 'vitest';
import { decodeQrCodes } from '../../../lib/qr/decode-qr-codes';
import { composeCanvas } from './compose';

const uri = (n: number) => `otpauth://totp/Site${n}:user${n}@example.com?secret=JBSWY3DPEHPK3PX${'ABC'[n]}&issuer=Site${n}`;

function median(f: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

it('prints decode times for 1920x1080 screenshots with 1 and 3 codes', () => {
  const one = composeCanvas(1920, 1080, [{ text: uri(0), x: 860, y: 420, moduleSize: 5 }]);
  const three = composeCanvas(1920, 1080, [
    { text: uri(0), x: 80, y: 90, moduleSize: 8 },
    { text: uri(1), x: 900, y: 300, moduleSize: 5 },
    { text: uri(2), x: 1500, y: 700, moduleSize: 3 },
  ]);
  const none = composeCanvas(1920, 1080, []);
  const opts = { budgetMs: Infinity };
  decodeQrCodes(one, opts); // warm-up
  expect(decodeQrCodes(one, opts)).toEqual([uri(0)]);
  expect(decodeQrCodes(three, opts).sort()).toEqual([uri(0), uri(1), uri(2)]);
  const lines = [
    `1 code : ${median(() => decodeQrCodes(one, opts)).toFixed(0)} ms`,
    `3 codes: ${median(() => decodeQrCodes(three, opts)).toFixed(0)} ms`,
    `0 codes: ${median(() => decodeQrCodes(none, opts)).toFixed(0)} ms`,
  ];
  console.info(`decodeQrCodes, 1920x1080, median of 5:\n  ${lines.join('\n  ')}`);
});
