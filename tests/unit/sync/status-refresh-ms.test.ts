import { describe, expect, it } from 'vitest';
import { statusRefreshMs } from '../../../lib/sync/status-refresh-ms';

/** Firefox's event page and Chromium's service worker stop after 30 s without an event. */
const BACKGROUND_IDLE_MS = 30_000;

describe('how often the settings page reads the sync status', () => {
  it('often while sync is on, whatever it is doing', () => {
    for (const pending of [0, 3]) expect(statusRefreshMs({ enabled: true, kind: 'browser', pending, syncing: false })).toBeLessThanOrEqual(2_000);
  });

  it('with sync off, rarely enough for the background to go idle (pending then counts every account)', () => {
    expect(statusRefreshMs({ enabled: false, pending: 12, syncing: false })).toBeGreaterThan(BACKGROUND_IDLE_MS);
  });
});
