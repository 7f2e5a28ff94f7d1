import { describe, expect, it } from 'vitest';
import { isNotice } from '../../../lib/messaging/notice';
import { LOCK_NOTICE } from '../../../lib/messaging/lock-notice';
import { ACCOUNTS_NOTICE } from '../../../lib/messaging/accounts-notice';
import { SYNC_STATUS_NOTICE } from '../../../lib/sync/status-notice';
import { FIRST_SCREEN_NOTICE } from '../../../lib/messaging/first-screen-notice';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const background = { id: ID, url: `${ORIGIN}/background.js`, origin: ORIGIN };
const NOTICES = [LOCK_NOTICE, ACCOUNTS_NOTICE, SYNC_STATUS_NOTICE, FIRST_SCREEN_NOTICE];

describe.each(NOTICES)('the $type notice', (notice) => {
  it('is heard from our own background, and carries nothing but its type', () => {
    expect(isNotice(notice, notice, background, ID, ORIGIN)).toBe(true);
    expect(isNotice(notice, structuredClone(notice), { id: ID, url: `${ORIGIN}/background.html` }, ID, ORIGIN)).toBe(true); // Firefox sets no origin
    expect(Object.keys(notice)).toEqual(['type']);
  });

  it('is not heard from a script in a web page, another extension, or a sender without a URL', () => {
    expect(isNotice(notice, notice, { id: ID, url: 'https://example.com/', origin: 'https://example.com' }, ID, ORIGIN)).toBe(false);
    expect(isNotice(notice, notice, { id: 'another', url: 'chrome-extension://another/x.html' }, ID, ORIGIN)).toBe(false);
    expect(isNotice(notice, notice, { id: ID }, ID, ORIGIN)).toBe(false);
    expect(isNotice(notice, notice, undefined, ID, ORIGIN)).toBe(false);
  });

  it('is not any other message: another notice, a request, or its type alone', () => {
    for (const other of NOTICES.filter((n) => n !== notice)) expect(isNotice(notice, other, background, ID, ORIGIN)).toBe(false);
    expect(isNotice(notice, { type: 'sync-status' }, background, ID, ORIGIN)).toBe(false);
    expect(isNotice(notice, null, background, ID, ORIGIN)).toBe(false);
    expect(isNotice(notice, notice.type, background, ID, ORIGIN)).toBe(false);
  });
});
