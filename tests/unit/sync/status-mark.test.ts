import { describe, expect, it } from 'vitest';
import { isStatusMarkChange, nextStatusMark, SYNC_STATUS_MARK_KEY } from '../../../lib/sync/status-mark';

describe('status marks', () => {
  it('a new mark always differs from the last one: the time now, or just after the last when the clock has not moved on', () => {
    expect(nextStatusMark(0, 1_750_000_000_000)).toBe(1_750_000_000_000);
    expect(nextStatusMark(1_750_000_000_000, 1_750_000_000_000)).toBe(1_750_000_000_001);
    expect(nextStatusMark(1_750_000_000_005, 1_750_000_000_000)).toBe(1_750_000_000_006); // the clock went back
    let mark = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) seen.add((mark = nextStatusMark(mark, 42)));
    expect(seen.size).toBe(100);
  });

  it('only a changed mark in storage.session counts', () => {
    expect(isStatusMarkChange({ [SYNC_STATUS_MARK_KEY]: { oldValue: 1, newValue: 2 } }, 'session')).toBe(true);
    expect(isStatusMarkChange({ [SYNC_STATUS_MARK_KEY]: { newValue: 1 } }, 'session')).toBe(true); // the first one
    // Firefox reports a key set to the value it had (bug 1833153): nothing changed.
    expect(isStatusMarkChange({ [SYNC_STATUS_MARK_KEY]: { oldValue: 2, newValue: 2 } }, 'session')).toBe(false);
    expect(isStatusMarkChange({ [SYNC_STATUS_MARK_KEY]: { oldValue: 1, newValue: 2 } }, 'local')).toBe(false);
    expect(isStatusMarkChange({ popupSnapshot: { oldValue: 'a', newValue: 'b' } }, 'session')).toBe(false);
  });
});
