import { describe, expect, it, vi } from 'vitest';
import { Router, ERR_BAD_REQUEST } from '../../../lib/messaging/router';
import { isInteger, isString, optional, type RequestFields } from '../../../lib/messaging/field-checks';
import { isOwnPageSender } from '../../../lib/messaging/sender';
import { ok } from '../../../lib/result';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const POPUP = { id: ID, url: `${ORIGIN}/popup.html`, origin: ORIGIN };
const INJECTED = { id: ID, url: 'https://example.com/', origin: 'https://example.com' };

type Req = { type: 'unlock'; passphrase: string } | { type: 'fill'; tabId: number; site?: string } | { type: 'lock' };
interface Replies {
  unlock: string;
  fill: number;
  lock: null;
}
const FIELDS: RequestFields<Req> = {
  unlock: { passphrase: isString },
  fill: { tabId: isInteger, site: optional(isString) },
  lock: {},
};

function makeRouter() {
  const calls: Req[] = [];
  const router = new Router<Req, Replies>((s) => isOwnPageSender(s, ID, ORIGIN)).registerAll(FIELDS, {
    unlock: async (r) => (calls.push(r), ok(`unlocked with ${r.passphrase.length} chars`)),
    fill: async (r) => (calls.push(r), ok(r.tabId)),
    lock: async (r) => (calls.push(r), ok(null)),
  });
  return { router, calls };
}

describe('Router: one door', () => {
  it('routes a well-formed request from our own page to its handler', async () => {
    const { router, calls } = makeRouter();
    expect(await router.route({ type: 'unlock', passphrase: 'abc' }, POPUP)).toEqual(ok('unlocked with 3 chars'));
    expect(await router.route({ type: 'fill', tabId: 4 }, POPUP)).toEqual(ok(4));
    expect(await router.route({ type: 'fill', tabId: 4, site: 'a.com' }, POPUP)).toEqual(ok(4));
    expect(calls).toHaveLength(3);
  });

  it('does not answer at all, and runs nothing, for a sender that is not our page', async () => {
    const { router, calls } = makeRouter();
    expect(router.route({ type: 'lock' }, INJECTED)).toBeUndefined();
    expect(router.route({ type: 'lock' }, { id: 'other-extension', url: 'chrome-extension://other-extension/x.html' })).toBeUndefined();
    expect(router.route({ type: 'lock' }, { url: 'https://example.com/' })).toBeUndefined();
    expect(router.route({ type: 'lock' }, { id: ID })).toBeUndefined();
    expect(router.route({ type: 'lock' }, undefined)).toBeUndefined();
    expect(calls).toEqual([]);
    // The browser listener returns false: no response channel is kept open.
    const sendResponse = vi.fn();
    expect(router.listener({ type: 'lock' }, INJECTED, sendResponse)).toBe(false);
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('refuses unknown types and malformed requests with err_bad_request before any handler runs', async () => {
    const { router, calls } = makeRouter();
    const bad: unknown[] = [
      null,
      undefined,
      'lock',
      42,
      [],
      [{ type: 'lock' }],
      {},
      { type: 'export-everything' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'constructor' },
      { type: 'unlock' },
      { type: 'unlock', passphrase: 12 },
      { type: 'unlock', passphrase: ['a'] },
      { type: 'fill', tabId: '4' },
      { type: 'fill', tabId: 1.5 },
      { type: 'fill', tabId: 4, site: 7 },
      { type: 'lock', extra: true },
      { type: 'unlock', passphrase: 'x', accounts: [] },
      Object.assign(Object.create({ type: 'lock' }) as object, {}), // type only on the prototype
      Object.assign(Object.create({ evil: true }) as object, { type: 'lock' }), // not a plain object
    ];
    for (const message of bad)
      expect(await router.route(message, POPUP), JSON.stringify(message)).toEqual({ ok: false, problem: { code: ERR_BAD_REQUEST } });
    expect(calls).toEqual([]);
  });

  it('a handler that throws or rejects answers err_internal', async () => {
    const router = new Router<Req, Replies>(() => true)
      .register('lock', {}, () => {
        throw new Error('boom');
      })
      .register('unlock', { passphrase: isString }, async () => {
        throw new Error('boom');
      });
    expect(await router.route({ type: 'lock' }, POPUP)).toEqual({ ok: false, problem: { code: 'err_internal' } });
    expect(await router.route({ type: 'unlock', passphrase: 'x' }, POPUP)).toEqual({ ok: false, problem: { code: 'err_internal' } });
  });

  it('refuses to register a type twice', () => {
    const { router } = makeRouter();
    expect(() => router.register('lock', {}, async () => ok(null))).toThrow(/twice/);
  });

  it('the browser listener answers asynchronously through sendResponse', async () => {
    const { router } = makeRouter();
    const replies: unknown[] = [];
    expect(router.listener({ type: 'fill', tabId: 9 }, POPUP, (r) => replies.push(r))).toBe(true);
    await vi.waitFor(() => expect(replies).toEqual([ok(9)]));
  });
});
