/**
 * A real WebDAV server on 127.0.0.1 for the sync tests and the benchmark: the `webdav-server` npm
 * package (RFC 4918: PROPFIND with ETags, GET, PUT, DELETE, MKCOL; HTTP Basic authentication) with
 * an in-memory file system, behind a thin front that can inject the faults a real server shows:
 * being down (connections refused), answering 5xx or 412, or not answering at all (a timeout).
 *
 * One thing to know about this server: it does not evaluate `If-Match` / `If-None-Match` on PUT
 * and DELETE (RFC 7232 §3.1–3.2), so two browsers writing at once overwrite each other's item the
 * way `storage.sync` does; Sesame's merge does not depend on the server refusing (each version
 * carries its history), and the 412 answer is exercised by injecting it.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { v2 as webdav } from 'webdav-server';

/** A status to answer instead of the server, or no answer at all; `method`: only for that method. */
type WebDavFault = { readonly status: number; readonly method?: string } | 'hang';

export interface TestWebDav {
  /** The folder Sesame syncs to (created by Sesame's first write, with MKCOL). */
  readonly url: string;
  readonly origin: string;
  readonly username: string;
  readonly password: string;
  /** Every request the front answered or refused: method, path, status (0: never answered). */
  readonly requests: { method: string; path: string; status: number }[];
  /** Faults for the next requests (of its method, if it names one), in order, one request each. */
  readonly faults: WebDavFault[];
  /** Stops accepting connections (the server is down) and drops open ones; `up()` listens again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestWebDav(options: { folder?: string; username?: string; password?: string } = {}): Promise<TestWebDav> {
  const username = options.username ?? 'alice';
  const password = options.password ?? 'dav password for tests';
  const folder = options.folder ?? 'Sesame';
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(username, password, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const dav = new webdav.WebDAVServer({
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'Sesame tests'),
    privilegeManager: privileges,
    requireAuthentification: true,
  });

  const requests: TestWebDav['requests'] = [];
  const faults: WebDavFault[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  const front = http.createServer((req, res) => {
    const entry = { method: req.method ?? '', path: req.url ?? '', status: 0 };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    const i = faults.findIndex((f) => f === 'hang' || !f.method || f.method === req.method);
    const fault = i >= 0 ? faults.splice(i, 1)[0] : undefined;
    if (fault === 'hang') {
      hanging.add(res); // never answered: the client's timeout ends it
      req.resume();
      return;
    }
    if (fault) {
      req.resume();
      res.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('injected fault');
      return;
    }
    dav.executeRequest(req, res);
  });
  front.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) => new Promise<void>((resolve) => front.listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const port = (front.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      for (const socket of sockets) socket.destroy();
      front.close(() => resolve());
    });

  return {
    url: `${origin}/${folder}/`,
    origin,
    username,
    password,
    requests,
    faults,
    down: stop,
    up: () => listen(port),
    close: async () => {
      if (front.listening) await stop();
    },
  };
}
