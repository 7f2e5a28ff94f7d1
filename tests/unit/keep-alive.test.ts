import { describe, expect, it } from 'vitest';
import { keepAlive, KEEP_ALIVE_INTERVAL_MS, type KeepAliveTimers } from '../../lib/keep-alive';

/** Timers driven by hand: `tick()` runs every interval that is set, as its period passing would. */
function fakeTimers() {
  const running = new Map<number, () => void>();
  let next = 1;
  const timers: KeepAliveTimers = {
    setInterval: (run) => {
      running.set(next, run);
      return next++;
    },
    clearInterval: (handle) => void running.delete(handle as number),
  };
  return { timers, running, tick: () => [...running.values()].forEach((run) => run()) };
}

describe('keepAlive', () => {
  it('pings only while something holds it, with one timer however many hold', () => {
    const { timers, running, tick } = fakeTimers();
    let pings = 0;
    const alive = keepAlive(() => void (pings += 1), timers);
    tick();
    expect(pings).toBe(0);
    const first = alive.hold();
    const second = alive.hold();
    expect(running.size).toBe(1);
    tick();
    expect(pings).toBe(1);
    first();
    first(); // a second release of the same hold changes nothing
    tick();
    expect(pings).toBe(2);
    second();
    expect(running.size).toBe(0);
    tick();
    expect(pings).toBe(2);
  });

  it('holds while a promise is pending, and lets go when it settles either way', async () => {
    const { timers, running } = fakeTimers();
    const alive = keepAlive(() => undefined, timers);
    let resolve!: (v: string) => void;
    const work = alive.during(new Promise<string>((r) => (resolve = r)));
    expect(running.size).toBe(1);
    resolve('picked');
    expect(await work).toBe('picked');
    expect(running.size).toBe(0);
    await expect(alive.during(Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(running.size).toBe(0);
  });

  it('pings well inside the 30 s after which Chrome and Firefox stop an idle background', () => {
    expect(KEEP_ALIVE_INTERVAL_MS).toBeLessThanOrEqual(10_000);
  });
});
