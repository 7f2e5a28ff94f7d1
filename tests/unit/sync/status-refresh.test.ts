import { describe, expect, it } from 'vitest';
import { msUntilRetryPasses, oneReadAtATime } from '../../../lib/sync/status-refresh';

/** A read the test answers by hand: each call waits until `answer()`. */
function manualReads() {
  const waiting: (() => void)[] = [];
  let started = 0;
  const read = () =>
    new Promise<void>((resolve) => {
      started++;
      waiting.push(resolve);
    });
  const answer = async () => {
    waiting.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve(); // let the reader go on
  };
  return { read, answer, started: () => started, waiting: () => waiting.length };
}

describe('oneReadAtATime', () => {
  it('reads at once when nothing is on its way', async () => {
    const r = manualReads();
    const ask = oneReadAtATime(r.read);
    ask();
    expect(r.started()).toBe(1);
    await r.answer();
    ask();
    expect(r.started()).toBe(2);
  });

  it('asked while a read is on its way, reads once more after it, however often it was asked', async () => {
    const r = manualReads();
    const ask = oneReadAtATime(r.read);
    ask();
    ask();
    ask();
    ask();
    expect(r.started()).toBe(1); // never two at once
    await r.answer();
    expect(r.started()).toBe(2); // the one more, after
    await r.answer();
    expect(r.started()).toBe(2);
    expect(r.waiting()).toBe(0);
  });

  it('a read that fails is forgotten: the next ask reads again', async () => {
    let calls = 0;
    const ask = oneReadAtATime(async () => {
      calls++;
      throw new Error('no answer');
    });
    ask();
    await Promise.resolve();
    await Promise.resolve();
    ask();
    await expect.poll(() => calls).toBe(2);
  });
});

describe('msUntilRetryPasses', () => {
  it('nothing to take down without a retry time in the future', () => {
    expect(msUntilRetryPasses(undefined, 1000)).toBeUndefined();
    expect(msUntilRetryPasses(1000, 1000)).toBeUndefined();
    expect(msUntilRetryPasses(999, 1000)).toBeUndefined();
  });

  it('just after the retry time, so the line is gone when the page redraws', () => {
    expect(msUntilRetryPasses(61_000, 1000)).toBe(60_001);
  });

  it('no longer than setTimeout keeps (a longer delay would fire at once): the page asks again then', () => {
    expect(msUntilRetryPasses(1000 + 40 * 24 * 3_600_000, 1000)).toBe(2 ** 31 - 1);
  });
});
