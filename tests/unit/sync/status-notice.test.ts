import { describe, expect, it } from 'vitest';
import { isSyncStatusNotice, SYNC_STATUS_NOTICE } from '../../../lib/sync/status-notice';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const background = { id: ID, url: `${ORIGIN}/background.js`, origin: ORIGIN };

describe('the sync status notice', () => {
  it('is heard from our own background, and carries nothing but its type', () => {
    expect(isSyncStatusNotice(SYNC_STATUS_NOTICE, background, ID, ORIGIN)).toBe(true);
    expect(isSyncStatusNotice(structuredClone(SYNC_STATUS_NOTICE), { id: ID, url: `${ORIGIN}/background.html` }, ID, ORIGIN)).toBe(true); // Firefox sets no origin
    expect(Object.keys(SYNC_STATUS_NOTICE)).toEqual(['type']);
  });

  it('is not heard from a script in a web page, another extension, or a sender without a URL', () => {
    expect(isSyncStatusNotice(SYNC_STATUS_NOTICE, { id: ID, url: 'https://example.com/', origin: 'https://example.com' }, ID, ORIGIN)).toBe(
      false,
    );
    expect(isSyncStatusNotice(SYNC_STATUS_NOTICE, { id: 'another', url: 'chrome-extension://another/x.html' }, ID, ORIGIN)).toBe(false);
    expect(isSyncStatusNotice(SYNC_STATUS_NOTICE, { id: ID }, ID, ORIGIN)).toBe(false);
    expect(isSyncStatusNotice(SYNC_STATUS_NOTICE, undefined, ID, ORIGIN)).toBe(false);
  });

  it('is not any other message', () => {
    expect(isSyncStatusNotice({ type: 'sync-status' }, background, ID, ORIGIN)).toBe(false);
    expect(isSyncStatusNotice({ type: 'vault-locked' }, background, ID, ORIGIN)).toBe(false);
    expect(isSyncStatusNotice(null, background, ID, ORIGIN)).toBe(false);
    expect(isSyncStatusNotice('sync-status-changed', background, ID, ORIGIN)).toBe(false);
  });
});
