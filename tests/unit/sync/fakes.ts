/**
 * Fakes of the two stores sync writes to, written from their documentation:
 * - `FakeSyncArea`: chrome.storage.sync / MDN storage.sync: 102,400 bytes in all and 8,192 per
 *   item (key length + JSON of the value), 512 items, 120 write operations a minute and 1,800 an
 *   hour (each set / remove counts one), refusing with the browser's error messages.
 * - `FakeWebDav`: a WebDAV folder (RFC 4918) behind `fetch`: PROPFIND Depth 1 with ETags, GET,
 *   PUT and DELETE honouring If-Match / If-None-Match (RFC 7232), MKCOL, Basic auth, and faults
 *   to inject (5xx, timeouts, a change by "another browser" just before a write).
 */
import type { SyncStorageArea } from '../../../lib/sync/storage-sync-transport';

const bytes = (text: string): number => new TextEncoder().encode(text).length;

export class FakeSyncArea implements SyncStorageArea {
  data = new Map<string, string>(); // JSON text per key
  ops: number[] = [];
  setCalls = 0;
  bytesWritten = 0;
  /** Thrown by the next set/remove (then cleared). */
  failNext: Error | undefined;
  constructor(readonly now: () => number) {}

  async get(_keys: null): Promise<Record<string, unknown>> {
    return Object.fromEntries([...this.data].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  private countOp(): void {
    const t = this.now();
    if (this.ops.filter((o) => o > t - 60_000).length >= 120) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    if (this.ops.filter((o) => o > t - 3_600_000).length >= 1_800) throw new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded');
    this.ops.push(t);
  }

  private takeFault(): void {
    const fault = this.failNext;
    this.failNext = undefined;
    if (fault) throw fault;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.takeFault();
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(items)) {
      const text = JSON.stringify(v);
      if (bytes(k) + bytes(text) > 8_192) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(k, text);
    }
    if ([...next].reduce((sum, [k, v]) => sum + bytes(k) + bytes(v), 0) > 102_400) throw new Error('QUOTA_BYTES quota exceeded');
    if (next.size > 512) throw new Error('MAX_ITEMS quota exceeded');
    this.countOp();
    this.setCalls++;
    for (const [k, v] of Object.entries(items)) this.bytesWritten += bytes(k) + bytes(JSON.stringify(v));
    this.data = next;
  }

  async remove(keys: string[]): Promise<void> {
    this.takeFault();
    this.countOp();
    for (const k of keys) this.data.delete(k);
  }

  totalBytes(): number {
    return [...this.data].reduce((sum, [k, v]) => sum + bytes(k) + bytes(v), 0);
  }

  snapshot(): Map<string, string> {
    return new Map(this.data);
  }

  restore(snapshot: Map<string, string>): void {
    this.data = new Map(snapshot);
  }
}

type Fault = { status: number } | 'timeout' | 'network' | { before: (name: string) => Promise<void> | void };

export class FakeWebDav {
  files = new Map<string, { body: string; etag: string }>();
  folder = false;
  requests: { method: string; name: string }[] = [];
  /** Faults for the next matching requests, in order. */
  faults: { method?: string; fault: Fault }[] = [];
  private tag = 0;

  constructor(
    readonly base = 'https://dav.example.test/files/alice/Sesame/',
    readonly user = 'alice',
    readonly password = 'dav secret',
  ) {}

  private etag(): string {
    return `"e${++this.tag}"`;
  }

  /** Every answer's status, in order. */
  statuses: number[] = [];

  fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const response = await this.handle(url, init);
    this.statuses.push(response.status);
    return response;
  };

  private handle = async (url: string, init: RequestInit): Promise<Response> => {
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const name = url.startsWith(this.base) ? decodeURIComponent(url.slice(this.base.length)) : '?';
    this.requests.push({ method, name });
    const i = this.faults.findIndex((f) => !f.method || f.method === method);
    if (i >= 0) {
      const [{ fault }] = this.faults.splice(i, 1) as [{ fault: Fault }];
      if (fault === 'network') throw new TypeError('Failed to fetch');
      if (fault === 'timeout') {
        return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      if ('status' in fault) return new Response('fault', { status: fault.status });
      await fault.before(name);
    }
    const expected = `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`;
    if (headers.get('Authorization') !== expected) return new Response(null, { status: 401 });
    if (name === '' && method === 'MKCOL') {
      if (this.folder) return new Response(null, { status: 405 });
      this.folder = true;
      return new Response(null, { status: 201 });
    }
    if (name === '' && method === 'PROPFIND') {
      if (!this.folder) return new Response(null, { status: 404 });
      const path = new URL(this.base).pathname;
      const entries = [...this.files].map(
        ([file, f]) =>
          `<D:response><D:href>${path}${encodeURIComponent(file)}</D:href><D:propstat><D:prop><D:getetag>${f.etag.replace(/"/g, '&quot;')}</D:getetag><D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`,
      );
      const body = `<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>${path}</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>${entries.join('')}</D:multistatus>`;
      return new Response(body, { status: 207, headers: { 'Content-Type': 'application/xml' } });
    }
    const file = this.files.get(name);
    const ifMatch = headers.get('If-Match');
    const ifNoneMatch = headers.get('If-None-Match');
    if ((ifMatch && file?.etag !== ifMatch) || (ifNoneMatch === '*' && file)) return new Response(null, { status: 412 });
    if (method === 'GET')
      return file ? new Response(file.body, { status: 200, headers: { ETag: file.etag } }) : new Response(null, { status: 404 });
    if (method === 'PUT') {
      if (!this.folder) return new Response(null, { status: 409 });
      const etag = this.etag();
      if (typeof init.body !== 'string') throw new Error('the fake WebDAV server stores text bodies only');
      this.files.set(name, { body: init.body, etag });
      return new Response(null, { status: file ? 204 : 201, headers: { ETag: etag } });
    }
    if (method === 'DELETE') {
      if (!file) return new Response(null, { status: 404 });
      this.files.delete(name);
      return new Response(null, { status: 204 });
    }
    return new Response(null, { status: 405 });
  };

  /** Another browser rewrites a file: same content, a new ETag (a conditional write on the old one fails). */
  touch(name: string): void {
    const file = this.files.get(name);
    if (file) this.files.set(name, { body: file.body, etag: this.etag() });
  }

  /** Another browser writes a file (a new ETag). */
  put(name: string, value: unknown): void {
    this.folder = true;
    this.files.set(name, { body: JSON.stringify(value), etag: this.etag() });
  }
}
