import { describe, expect, it } from 'vitest';
import { isOwnPageSender } from '../../../lib/messaging/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const ok = (sender: Parameters<typeof isOwnPageSender>[0]) => isOwnPageSender(sender, ID, ORIGIN);

describe('isOwnPageSender: who may talk to the background', () => {
  it('accepts our own pages: the popup, a popped-out popup tab, the options page, the offscreen document', () => {
    expect(ok({ id: ID, url: `${ORIGIN}/popup.html`, origin: ORIGIN })).toBe(true);
    expect(ok({ id: ID, url: `${ORIGIN}/popup.html?tab=12`, origin: ORIGIN })).toBe(true);
    expect(ok({ id: ID, url: `${ORIGIN}/options.html`, origin: ORIGIN })).toBe(true);
    expect(ok({ id: ID, url: `${ORIGIN}/offscreen.html` })).toBe(true); // Firefox sets no origin
  });

  it('refuses a script we injected into a page: our id, but the page URL and origin', () => {
    expect(ok({ id: ID, url: 'https://github.com/login', origin: 'https://github.com' })).toBe(false);
    expect(ok({ id: ID, url: 'https://evil.example/frame.html' })).toBe(false);
    // A page URL that merely mentions our origin is still the page.
    expect(ok({ id: ID, url: `https://evil.example/${ORIGIN}/popup.html` })).toBe(false);
  });

  it('refuses a sender whose URL is ours but whose origin is not (and the reverse)', () => {
    expect(ok({ id: ID, url: `${ORIGIN}/popup.html`, origin: 'https://evil.example' })).toBe(false);
    expect(ok({ id: ID, url: 'https://evil.example/', origin: ORIGIN })).toBe(false);
  });

  it('refuses another extension, even one that claims our URL', () => {
    const other = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    expect(ok({ id: other, url: `chrome-extension://${other}/popup.html`, origin: `chrome-extension://${other}` })).toBe(false);
    expect(ok({ id: other, url: `${ORIGIN}/popup.html`, origin: ORIGIN })).toBe(false);
  });

  it('refuses a web page (no extension id) and a sender without a URL', () => {
    expect(ok({ url: 'https://evil.example/', origin: 'https://evil.example' })).toBe(false);
    expect(ok({ id: ID })).toBe(false);
    expect(ok({ id: ID, url: '' })).toBe(false);
    expect(ok({ id: ID, url: 'not a url' })).toBe(false);
    expect(ok(undefined)).toBe(false);
    expect(ok({})).toBe(false);
  });

  it('refuses everything when our own id is unknown', () => {
    expect(isOwnPageSender({ id: '', url: `${ORIGIN}/popup.html` }, '', ORIGIN)).toBe(false);
  });
});
