/**
 * The sync engine against the real WebDAV server the end-to-end tests use (tests/support/
 * webdav-test-server.ts: the `webdav-server` package on 127.0.0.1): two browsers sync through it
 * with Node's own fetch, the server goes down and comes back, and nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webDavTransport } from '../../../lib/sync/webdav-transport';
import { startTestWebDav, type TestWebDav } from '../../support/webdav-test-server';
import { firstBrowser, joinedBrowser, TestClock } from './devices';
import { addAccounts } from '../../../lib/vault/vault';
import { totpDraft } from '../vault/helpers';

let server: TestWebDav;
beforeAll(async () => void (server = await startTestWebDav()));
afterAll(() => server.close());

const fastRetry = { attempts: 4, baseDelayMs: 10, maxDelayMs: 10, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

describe('sync through a real WebDAV server on 127.0.0.1', () => {
  it('two browsers converge; the server down and then up again: an error, then the next sync completes', async () => {
    const clock = new TestClock();
    const transport = webDavTransport({
      url: server.url,
      username: server.username,
      password: server.password,
      fetch,
      retry: fastRetry,
      timeoutMs: 2_000,
    });
    const a = await firstBrowser(transport, clock, ['alice@example.com', 'bob@example.com']);
    expect((await a.sync()).ok).toBe(true);
    expect(server.requests.some((r) => r.method === 'MKCOL' && r.status === 201)).toBe(true);
    const b = await joinedBrowser(transport, clock);
    expect(await b.labels()).toEqual(await a.labels());

    await server.down();
    clock.advance();
    await addAccounts(b.db, b.key, [totpDraft({ label: 'carol@example.com' })], clock.now());
    const refused = await b.sync();
    expect(refused).toMatchObject({ ok: false, problem: { code: 'err_sync_unavailable' } });
    await server.up();
    expect((await b.sync()).ok).toBe(true);
    expect((await a.sync()).ok).toBe(true);
    expect(await a.labels()).toEqual(await b.labels());
    expect(await a.labels()).toContain('carol@example.com');

    // A 500 and a timeout are retried; a 412 makes the engine read again and merge.
    server.faults.push({ status: 500 }, 'hang', { status: 412, method: 'PUT' });
    clock.advance();
    await addAccounts(a.db, a.key, [totpDraft({ label: 'dave@example.com' })], clock.now());
    expect((await a.sync()).ok).toBe(true);
    expect(server.requests.filter((r) => r.status === 412 || r.status === 500 || r.status === 0)).toHaveLength(3);
    expect((await b.sync()).ok).toBe(true);
    expect(await b.labels()).toContain('dave@example.com');
  }, 30_000);
});
