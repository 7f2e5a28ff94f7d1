/**
 * A WebDAV folder the user owns (Nextcloud, ownCloud, Synology, Fastmail, any RFC 4918 server) as
 * a transport: one `<item>.json` file per synced item in the folder, which is Sesame's alone.
 *
 * - Read: `PROPFIND` (Depth 1) lists the files and their ETags, then one `GET` per item.
 * - Write: `PUT` with `If-Match: <etag read>` (or `If-None-Match: *` for a new file), `DELETE`
 *   with `If-Match` (RFC 7232 §3.1–3.2): a file another browser changed meanwhile answers 412 and
 *   the engine reads, merges and tries again. A missing folder is created (`MKCOL`).
 * - HTTP Basic authentication (RFC 7617) over the user's URL; no cookies.
 * - Timeouts, network errors, 5xx and 429 are retried with bounded back-off (retry.ts); nothing
 *   here touches local data, so a failure only means "not synced yet".
 *
 * `fetch` is passed in, so this is unit-tested against an in-memory WebDAV fake.
 */
import { encodeBase64 } from '../vault/encoding';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { parseItemName } from './sync-items';
import { transportFail, transportOk, type ItemWrite, type RemoteItem, type SyncTransport, type TransportResult } from './transport';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface WebDavOptions {
  /** The folder, e.g. `https://cloud.example.com/remote.php/dav/files/alice/Sesame/`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly fetch: Fetch;
  /** Per request; 20 s by default. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Parallel GETs when reading (a 1,000-account vault is 65 files). */
  readonly concurrency?: number;
}

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>';

const decodeXml = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The text of the first `<prefix:tag>` element in `xml` (any namespace prefix), or undefined. */
function element(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[A-Za-z_][\\w.-]*:)?${tag}\\s*>)`, 'i').exec(
    xml,
  );
  return match ? decodeXml((match[1] ?? '').trim()) : undefined;
}

/**
 * The files a PROPFIND multistatus (RFC 4918 §14.16) lists: name (last path segment) and ETag.
 * A small tolerant reader: service workers have no DOMParser, and only href and getetag matter.
 */
export function parseMultistatus(xml: string): { name: string; etag?: string; collection: boolean }[] {
  const responses = xml.split(/<(?:[A-Za-z_][\w.-]*:)?response\b[^>]*>/i).slice(1);
  return responses.flatMap((block) => {
    const href = element(block, 'href');
    if (href === undefined) return [];
    const path = href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/+$/, '');
    let name: string;
    try {
      name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    } catch {
      return [];
    }
    const etag = element(block, 'getetag');
    const type = element(block, 'resourcetype') ?? '';
    return [{ name, ...(etag ? { etag } : {}), collection: /collection/i.test(type) }];
  });
}

function statusError<T>(response: Response): TransportResult<T> {
  const detail = `HTTP ${response.status}`;
  if (response.status === 412) return transportFail('conflict', detail);
  if (response.status === 401) return transportFail('unauthorized', detail);
  if (response.status === 403) return transportFail('forbidden', detail);
  if (response.status === 404 || response.status === 409) return transportFail('not-found', detail);
  if (response.status === 507) return transportFail('quota', detail);
  if (response.status === 429 || response.status >= 500) return transportFail('unavailable', detail);
  return transportFail('bad-response', detail);
}

export function webDavTransport(options: WebDavOptions): SyncTransport {
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const retry = options.retry ?? DEFAULT_RETRY;
  const auth = `Basic ${encodeBase64(new TextEncoder().encode(`${options.username}:${options.password}`))}`;
  const fileUrl = (name: string) => `${base}${encodeURIComponent(name)}.json`;

  /** One request with a timeout; a network error or timeout is `unavailable`. */
  async function request(
    url: string,
    method: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<TransportResult<Response>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const init: RequestInit = {
        method,
        headers: { Authorization: auth, ...headers },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
        signal: controller.signal,
      };
      const response = await options.fetch(url, body === undefined ? init : { ...init, body });
      return transportOk(response);
    } catch (error) {
      return transportFail('unavailable', controller.signal.aborted ? 'timeout' : error instanceof Error ? error.message : 'network error');
    } finally {
      clearTimeout(timer);
    }
  }

  /** A request retried while it is worth it; a non-2xx answer becomes its error. */
  function call(url: string, method: string, headers?: Record<string, string>, body?: string): Promise<TransportResult<Response>> {
    return withRetry(retry, async () => {
      const sent = await request(url, method, headers, body);
      if (!sent.ok) return sent;
      return sent.value.ok || sent.value.status === 207 ? sent : statusError(sent.value);
    });
  }

  async function list(): Promise<TransportResult<{ name: string; etag?: string }[]>> {
    const listed = await call(base, 'PROPFIND', { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, PROPFIND_BODY);
    if (!listed.ok) return listed.error.kind === 'not-found' ? transportOk([]) : listed;
    const files = parseMultistatus(await listed.value.text());
    return transportOk(
      files.flatMap((f) => {
        if (f.collection || !f.name.endsWith('.json')) return [];
        const name = f.name.slice(0, -'.json'.length);
        return parseItemName(name) ? [{ name, ...(f.etag ? { etag: f.etag } : {}) }] : [];
      }),
    );
  }

  async function readOne(name: string, listedEtag?: string): Promise<TransportResult<RemoteItem | undefined>> {
    const got = await call(fileUrl(name), 'GET');
    if (!got.ok) return got.error.kind === 'not-found' ? transportOk(undefined) : got; // deleted since the listing
    const text = await got.value.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined; // a damaged file reads as a damaged item (the engine reports it)
    }
    const version = got.value.headers.get('ETag') ?? listedEtag;
    return transportOk({ name, value, ...(version ? { version } : {}) });
  }

  async function writeOne(w: ItemWrite): Promise<TransportResult<string | undefined>> {
    const conditions: Record<string, string> =
      w.ifVersion === null ? { 'If-None-Match': '*' } : w.ifVersion !== undefined ? { 'If-Match': w.ifVersion } : {};
    if (w.value === undefined) {
      const deleted = await call(fileUrl(w.name), 'DELETE', conditions);
      return deleted.ok || deleted.error.kind === 'not-found' ? transportOk(undefined) : deleted;
    }
    const body = JSON.stringify(w.value);
    const put = () => call(fileUrl(w.name), 'PUT', { ...conditions, 'Content-Type': 'application/json' }, body);
    let written = await put();
    if (!written.ok && written.error.kind === 'not-found') {
      // RFC 4918 §9.7.1: a PUT into a missing folder answers 409; create it (201, or 405 if it exists).
      const made = await call(base, 'MKCOL');
      if (!made.ok && made.error.kind !== 'bad-response') return made;
      written = await put();
    }
    return written.ok ? transportOk(written.value.headers.get('ETag') ?? undefined) : written;
  }

  return {
    kind: 'webdav',
    async readAll() {
      const listed = await list();
      if (!listed.ok) return listed;
      const items: RemoteItem[] = [];
      const queue = [...listed.value];
      const worker = async (): Promise<TransportResult<void>> => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const read = await readOne(next.name, next.etag);
          if (!read.ok) {
            queue.length = 0; // the others stop too
            return read;
          }
          if (read.value) items.push(read.value);
        }
        return transportOk(undefined);
      };
      const results = await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker));
      const failed = results.find((r) => !r.ok);
      return failed && !failed.ok ? failed : transportOk(items.sort((a, b) => (a.name < b.name ? -1 : 1)));
    },
    async write(writes) {
      const versions: Record<string, string | undefined> = {};
      for (const w of writes) {
        const written = await writeOne(w);
        if (!written.ok) return written;
        versions[w.name] = written.value;
      }
      return transportOk(versions);
    },
  };
}
