// npm run bench: prints the popup's speed and size figures (see README "Benchmarks").
// Builds nothing: run `npm run build` first (npm run bench does).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = path.join(ROOT, process.env.SESAME_OUT_DIR ?? '.output', 'chrome-mv3');
const RUNS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// A copy of the build with one extra empty page, the floor every extension page pays.
const ext = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-ext-'));
fs.cpSync(BUILT, ext, { recursive: true });
fs.writeFileSync(path.join(ext, 'blank.html'), '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>');

/** What popup.html loads before its first paint: its scripts, stylesheets and module preloads. */
function popupAssets() {
  const html = fs.readFileSync(path.join(BUILT, 'popup.html'), 'utf8');
  const refs = new Set([...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]));
  // Static imports of those chunks load too (dynamic `import()`s are the lazy screens).
  const queue = [...refs].filter((r) => r.endsWith('.js'));
  while (queue.length) {
    const ref = queue.pop();
    const code = fs.readFileSync(path.join(BUILT, ref.replace(/^\//, '')), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
      const next = path.posix.join(path.posix.dirname(ref), m[1]);
      if (!refs.has(next)) { refs.add(next); queue.push(next); }
    }
  }
  let raw = 0, gz = 0;
  for (const ref of refs) {
    const data = fs.readFileSync(path.join(BUILT, ref.replace(/^\//, '')));
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
  }
  return { files: refs.size, raw, gz };
}

async function launch(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  return { context, id: new URL(worker.url()).host };
}

function drafts(n) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'totp', issuer: `Service ${String(i).padStart(4, '0')}`, label: `user${i}@example.com`,
    secret: Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7) & 255), algorithm: 'SHA1', digits: 6, period: 30,
    note: '', tags: [], pinned: false, sites: [], recoveryCodes: [],
  }));
}

async function timeCodesVisible(context, id) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    await page.waitForFunction(() => performance.getEntriesByName('sesame:codes-visible').length > 0);
    times.push(await page.evaluate(() => performance.getEntriesByName('sesame:codes-visible')[0].startTime));
    await page.close();
  }
  return median(times);
}

async function floor(context, id) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/blank.html`);
    times.push(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    await page.close();
  }
  return median(times);
}

const PASS = 'benchmark passphrase';
const results = [];
let floorMs = 0;
for (const n of [10, 100, 1000]) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-'));
  let { context, id } = await launch(profile);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.getByTestId('setup-passphrase').fill(PASS);
  await page.getByTestId('setup-confirm').fill(PASS);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('search').waitFor({ timeout: 60_000 });
  await page.evaluate((d) => chrome.runtime.sendMessage({ type: 'add', drafts: d }), drafts(n));
  await page.close();
  if (!floorMs) floorMs = await floor(context, id);
  const render = await timeCodesVisible(context, id);
  // Unlock: a fresh browser on the same profile is locked.
  await context.close();
  ({ context, id } = await launch(profile));
  const unlockPage = await context.newPage();
  await unlockPage.goto(`chrome-extension://${id}/popup.html`);
  await unlockPage.getByTestId('unlock-passphrase').fill(PASS);
  const t0 = Date.now();
  await unlockPage.getByTestId('unlock-submit').click();
  await unlockPage.locator('[data-testid="code"]').first().waitFor({ timeout: 60_000 });
  const unlock = Date.now() - t0;
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  results.push({ n, render, unlock });
}

const size = popupAssets();
console.log('Sesame benchmark (headless Chromium, median of %d)', RUNS);
console.log(`empty extension page (floor): ${fmt(floorMs)}`);
for (const r of results) {
  console.log(`${String(r.n).padStart(5)} accounts: popup to visible codes ${fmt(r.render)} (${(r.render / floorMs).toFixed(2)}x floor), unlock ${fmt(r.unlock)}`);
}
console.log(`popup JS+CSS loaded for the first paint: ${kb(size.raw)} raw, ${kb(size.gz)} gzipped (${size.files} files; goal < 40 KB gzipped; add/edit/scan screens load later)`);
const extra = path.join(ROOT, 'scripts/bench-scan.mjs');
if (fs.existsSync(extra)) await import(extra);
fs.rmSync(ext, { recursive: true, force: true });
// Unlock by passphrase, passkey and recovery key at 1,000 accounts (scripts/bench-unlock.mjs).
if (process.env.BENCH_UNLOCK !== '0') await import(path.join(ROOT, 'scripts/bench-unlock.mjs'));
// Sync: storage.sync bytes and items, the largest vault that fits, a join from WebDAV (scripts/bench-sync-extension.mjs).
if (process.env.BENCH_SYNC !== '0') await import(path.join(ROOT, 'scripts/bench-sync-extension.mjs'));
