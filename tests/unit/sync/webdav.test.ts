import { describe, expect, it } from 'vitest';
import { webDavTransport, parseMultistatus } from '../../../lib/sync/webdav-transport';
import { addAccounts, putAccount } from '../../../lib/vault/vault';
import { totpDraft } from '../vault/helpers';
import { FakeWebDav } from './fakes';
import { firstBrowser, joinedBrowser, picture, TestClock } from './devices';

const noWait = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, sleep: async (ms: number) => void waits.push(ms) };
let waits: number[] = [];

function dav() {
  waits = [];
  const server = new FakeWebDav();
  const transport = webDavTransport({
    url: server.base,
    username: server.user,
    password: server.password,
    fetch: server.fetch,
    retry: noWait,
    timeoutMs: 50,
  });
  return { server, transport };
}

describe('the WebDAV transport', () => {
  it('creates the folder, writes one file per item, and a second browser joins from it', async () => {
    const clock = new TestClock();
    const { server, transport } = dav();
    const a = await firstBrowser(transport, clock);
    expect((await a.sync()).ok).toBe(true);
    expect(server.folder).toBe(true);
    expect([...server.files.keys()].every((n) => /^(h|b[0-9a-f]{2})\.json$/.test(n))).toBe(true);
    expect(server.requests.filter((r) => r.method === 'MKCOL')).toHaveLength(1);
    const b = await joinedBrowser(transport, clock);
    expect(await picture(b)).toEqual(await picture(a));
  });

  it('writes only the files that changed, each with If-Match, and a 412 means read, merge and retry', async () => {
    const clock = new TestClock();
    const { server, transport } = dav();
    const a = await firstBrowser(transport, clock);
    await a.sync();
    const b = await joinedBrowser(transport, clock);
    await addAccounts(a.db, a.key, [totpDraft({ label: 'from A' })], clock.advance());
    const [, hotpB] = await b.accounts();
    await putAccount(b.db, b.key, { ...hotpB!, label: 'from B' }, clock.advance()); // a file that exists: If-Match
    await a.sync();
    // Just before B's first write lands, A syncs a rename and rewrites that very file: B's
    // conditional write answers 412, and B reads, merges and writes again.
    const [first] = await a.accounts();
    await putAccount(a.db, a.key, { ...first!, label: 'renamed by A meanwhile' }, clock.advance());
    server.faults.push({
      method: 'PUT',
      fault: {
        before: async (name) => {
          await a.sync();
          server.touch(name);
        },
      },
    });
    const report = await b.sync();
    expect(report.ok).toBe(true);
    expect(server.statuses).toContain(412);
    await a.sync();
    await b.sync();
    expect(await a.labels()).toEqual(expect.arrayContaining(['from A', 'from B', 'renamed by A meanwhile']));
    expect(await picture(a)).toEqual(await picture(b));
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts.length).toBeLessThan(20);
  });

  it('reads every common PROPFIND answer (prefixes, absolute hrefs, escaped ETags)', () => {
    const xml = `<?xml version="1.0"?><multistatus xmlns="DAV:"><response><href>https://h/dav/Sesame/</href><propstat><prop><resourcetype><collection/></resourcetype></prop></propstat></response>
      <response><href>https://h/dav/Sesame/b0a.json</href><propstat><prop><getetag>&quot;abc&quot;</getetag><resourcetype/></prop></propstat></response>
      <lp1:response xmlns:lp1="DAV:"><lp1:href>/dav/Sesame/h%2Ejson</lp1:href><lp1:propstat><lp1:prop><lp1:getetag>W/"9"</lp1:getetag></lp1:prop></lp1:propstat></lp1:response></multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      { name: 'Sesame', collection: true },
      { name: 'b0a.json', etag: '"abc"', collection: false },
      { name: 'h.json', etag: 'W/"9"', collection: false },
    ]);
  });
});

describe('WebDAV faults: nothing local is corrupted, and the next sync completes', () => {
  it('a 500 and a dropped connection are retried with growing waits', async () => {
    const clock = new TestClock();
    const { server, transport } = dav();
    const a = await firstBrowser(transport, clock);
    server.faults.push({ method: 'PROPFIND', fault: { status: 500 } }, { method: 'PROPFIND', fault: 'network' });
    expect((await a.sync()).ok).toBe(true);
    expect(waits).toEqual([500, 1000]);
  });

  it('timeouts beyond the retries leave local data as it was and report the server as unavailable', async () => {
    const clock = new TestClock();
    const { server, transport } = dav();
    const a = await firstBrowser(transport, clock);
    await a.sync();
    await addAccounts(a.db, a.key, [totpDraft({ label: 'offline add' })], clock.advance());
    const before = await picture(a);
    server.faults.push(...Array.from({ length: 4 }, () => ({ method: 'PUT', fault: 'timeout' as const })));
    const report = await a.sync();
    expect(report).toMatchObject({ ok: false, problem: { code: 'err_sync_unavailable', params: ['timeout'] } });
    expect(waits).toEqual([500, 1000, 2000]);
    expect(await picture(a)).toEqual(before);
    const b = await joinedBrowser(transport, clock); // the remote is still readable (older)
    expect(await b.labels()).not.toContain('offline add');
    expect((await a.sync()).ok).toBe(true);
    await b.sync();
    expect(await b.labels()).toContain('offline add');
  });

  it('a browser closed midway through its writes loses nothing; the next sync completes', async () => {
    const clock = new TestClock();
    const { server, transport } = dav();
    const a = await firstBrowser(
      transport,
      clock,
      Array.from({ length: 30 }, (_, i) => `user${i}`),
    );
    await a.sync();
    const b = await joinedBrowser(transport, clock);
    for (const x of await a.accounts()) await putAccount(a.db, a.key, { ...x, note: 'edited on A' }, clock.advance(1));
    let puts = 0;
    const crashing = {
      ...transport,
      write: async (writes: Parameters<typeof transport.write>[0]) => {
        // The worker dies after three files were written.
        const first = writes.slice(0, Math.max(0, 3 - puts));
        puts += first.length;
        await transport.write(first);
        throw new Error('service worker stopped');
      },
    };
    a.transport = crashing;
    await expect(a.sync()).rejects.toThrow('service worker stopped');
    a.transport = transport;
    await b.sync(); // reads the half-written remote: some records newer, none broken
    expect((await b.accounts()).length).toBe(31);
    const again = await a.sync();
    expect(again, JSON.stringify(again.problem)).toMatchObject({ ok: true });
    await b.sync();
    expect((await b.accounts()).every((x) => x.note === 'edited on A')).toBe(true);
    expect(await picture(b)).toEqual(await picture(a));
    expect(server.files.size).toBeGreaterThan(3);
  });

  it('wrong credentials are reported in words', async () => {
    const clock = new TestClock();
    const server = new FakeWebDav();
    const transport = webDavTransport({ url: server.base, username: 'alice', password: 'nope', fetch: server.fetch, retry: noWait });
    const a = await firstBrowser(transport, clock);
    expect(await a.sync()).toMatchObject({ ok: false, problem: { code: 'err_sync_unauthorized' } });
  });
});

describe('a full WebDAV server', () => {
  it('is reported as such (HTTP 507), not as the browser storage limit', async () => {
    const clock = new TestClock();
    const { server, transport } = dav();
    const a = await firstBrowser(transport, clock);
    server.faults.push({ method: 'PUT', fault: { status: 507 } });
    expect(await a.sync()).toMatchObject({ ok: false, problem: { code: 'err_sync_server_full', params: ['HTTP 507'] } });
    expect((await a.sync()).ok).toBe(true);
  });
});
