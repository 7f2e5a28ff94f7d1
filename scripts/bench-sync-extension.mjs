// Sync benchmark in the real extension (imported at the end of scripts/bench.mjs; also runs
// alone after a build: node scripts/bench-sync-extension.mjs). Headless Chromium, the built
// extension, typical accounts (an issuer, an e-mail label, a 20-byte secret, a site; some tags,
// notes and recovery codes):
// - what turning storage.sync on writes there for 100 and then 300 accounts (bytes as the
//   browser counts them: key length + JSON of the value; items);
// - the largest vault that fits: turning storage.sync on with 1,000 accounts is refused whole,
//   with how many would fit;
// - joining a 1,000-account vault from a WebDAV folder (a real WebDAV server on 127.0.0.1, the
//   `webdav-server` package): from the click on join-submit to the codes painted, and the number
//   of accounts then listed. PBKDF2 (600,000 iterations) is part of it.
// The build is copied with the test server's origin granted in its manifest (headless Chromium
// cannot answer the permission prompt); the product build never carries it.
import { launchExtension } from './bench-browser.mjs';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webdavServer from 'webdav-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = path.join(ROOT, process.env.SESAME_OUT_DIR ?? '.output', 'chrome-mv3');
const PASS = 'benchmark passphrase';
const JOINS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ISSUERS = [
  'GitHub',
  'Google',
  'Microsoft',
  'Amazon Web Services',
  'Dropbox',
  'Cloudflare',
  'Proton',
  'Example Bank',
  'npm',
  'GitLab',
];

function drafts(from, count) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const issuer = ISSUERS[i % ISSUERS.length];
    return {
      type: 'totp',
      issuer,
      label: `user.${i}@example.com`,
      secret: Array.from(crypto.getRandomValues(new Uint8Array(20))),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      note: i % 10 === 0 ? 'Backup phone: ask IT' : '',
      tags: i % 3 === 0 ? ['work'] : [],
      pinned: i % 25 === 0,
      sites: [`https://${issuer.toLowerCase().replace(/\s+/g, '')}.com`],
      recoveryCodes: i % 15 === 0 ? Array.from({ length: 8 }, (_, j) => ({ code: `${1000 + j}-${2000 + i}`, used: false })) : [],
    };
  });
}

async function startWebDav() {
  const { v2: webdav } = webdavServer;
  const users = new webdav.SimpleUserManager();
  const user = users.addUser('bench', 'bench password', false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const dav = new webdav.WebDAVServer({
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'bench'),
    privilegeManager: privileges,
    requireAuthentification: true,
  });
  const server = http.createServer((req, res) => dav.executeRequest(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/Sesame/`, username: 'bench', password: 'bench password' };
}

const ext = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-sync-ext-'));
fs.cpSync(BUILT, ext, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
manifest.host_permissions = ['http://127.0.0.1/*'];
fs.writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest));

const profiles = [];
async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-sync-'));
  profiles.push(profile);
  const { context, worker, id } = await launchExtension(ext, profile);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  return { context, worker, page, id };
}

const ask = (page, request) => page.evaluate((r) => chrome.runtime.sendMessage(r), request);
const syncArea = (worker) =>
  worker.evaluate(async () => {
    const all = await chrome.storage.sync.get(null);
    const entries = Object.entries(all);
    return {
      items: entries.length,
      bytes: entries.reduce((sum, [k, v]) => sum + new TextEncoder().encode(k + JSON.stringify(v)).length, 0),
    };
  });

async function addAccounts(page, from, count) {
  for (let i = 0; i < count; i += 100) {
    const reply = await ask(page, { type: 'add', drafts: drafts(from + i, Math.min(100, count - i)) });
    if (!reply.ok) throw new Error(reply.problem.code);
  }
}

const dav = await startWebDav();
try {
  const a = await launch();
  await a.page.getByTestId('setup-passphrase').fill(PASS);
  await a.page.getByTestId('setup-confirm').fill(PASS);
  await a.page.getByTestId('setup-submit').click();
  await a.page.getByTestId('search').waitFor({ timeout: 60_000 });

  console.log('Sync (real extension, headless Chromium)');
  await addAccounts(a.page, 0, 100);
  let reply = await ask(a.page, { type: 'sync-enable', kind: 'browser' });
  if (!reply.ok) throw new Error(reply.problem.code);
  let area = await syncArea(a.worker);
  console.log(`storage.sync, 100 accounts: ${area.bytes} bytes in ${area.items} items (Sesame's ceiling 92,160 bytes, 460 items)`);
  await addAccounts(a.page, 100, 200);
  reply = await ask(a.page, { type: 'sync-now' });
  if (!reply.ok) throw new Error(reply.problem.code);
  area = await syncArea(a.worker);
  console.log(`storage.sync, 300 accounts: ${area.bytes} bytes in ${area.items} items`);

  // The largest vault that fits: a 1,000-account vault is refused whole, naming how many would fit.
  await ask(a.page, { type: 'sync-disable' });
  await a.worker.evaluate(() => chrome.storage.sync.clear());
  await addAccounts(a.page, 300, 700);
  reply = await ask(a.page, { type: 'sync-enable', kind: 'browser' });
  const fits = !reply.ok && reply.problem.code === 'err_sync_too_large' ? reply.problem.params : null;
  console.log(
    fits
      ? `storage.sync: the largest vault of typical accounts that fits is ${fits[0]} accounts (1,000 refused whole; ${(await syncArea(a.worker)).items} items written)`
      : `storage.sync with 1,000 accounts: ${JSON.stringify(reply).slice(0, 120)}`,
  );

  // WebDAV: the first browser pushes its 1,000 accounts; then new browsers join.
  const target = { kind: 'webdav', url: dav.url, username: dav.username, password: dav.password };
  const t0 = performance.now();
  reply = await ask(a.page, { type: 'sync-enable', ...target });
  if (!reply.ok) throw new Error(reply.problem.code);
  console.log(`WebDAV: the first browser turns sync on and writes 1,000 accounts in ${(performance.now() - t0).toFixed(0)} ms`);
  await a.context.close();

  const times = [];
  let listed = 0;
  for (let run = 0; run < JOINS; run++) {
    const b = await launch();
    await b.page.getByTestId('join-open').click();
    await b.page.getByTestId('sync-kind').selectOption('webdav');
    await b.page.getByTestId('sync-webdav-url').fill(dav.url);
    await b.page.getByTestId('sync-webdav-user').fill(dav.username);
    await b.page.getByTestId('sync-webdav-password').fill(dav.password);
    await b.page.getByTestId('join-passphrase').fill(PASS);
    const start = Date.now();
    await b.page.getByTestId('join-submit').click();
    await b.page.locator('[data-testid="code"]').first().waitFor({ timeout: 120_000 });
    times.push(Date.now() - start);
    const state = await ask(b.page, { type: 'state' });
    listed = state.value.accounts.length;
    await b.context.close();
  }
  console.log(
    `WebDAV: a new browser joins a 1,000-account vault in ${median(times)} ms, click to codes painted (median of ${JOINS}: ${times.join(', ')} ms; ${listed} accounts listed; PBKDF2 at 600,000 included)`,
  );
} finally {
  dav.server.close();
  fs.rmSync(ext, { recursive: true, force: true });
  for (const p of profiles) fs.rmSync(p, { recursive: true, force: true });
}
