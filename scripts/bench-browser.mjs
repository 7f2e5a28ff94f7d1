// What the benchmark scripts share: headless Chromium (Debian's, never a download) with a build of
// Sesame loaded, as tests/e2e/harness.ts starts it, and the synthetic accounts they add.
import { chromium } from 'playwright-core';

/**
 * Starts Chromium on `profile` with the extension in `ext` loaded; resolves once its service worker
 * runs. `viewport` and `args` add to the defaults (e.g. `--enable-unsafe-extension-debugging`).
 */
export async function launchExtension(ext, profile, { viewport, args = [] } = {}) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    ...(viewport ? { viewport } : {}),
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  return { context, worker, id: new URL(worker.url()).host };
}

/** `n` TOTP account drafts (the background's `add` request), each with its own 20-byte secret. */
export function benchDrafts(n) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'totp',
    issuer: `Service ${String(i).padStart(4, '0')}`,
    label: `user${i}@example.com`,
    secret: Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7) & 255),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    note: '',
    tags: [],
    pinned: false,
    sites: [],
    recoveryCodes: [],
  }));
}

/**
 * PBKDF2-SHA256 at the vault's cost (600,000 iterations) alone, in milliseconds: pass it to
 * `worker.evaluate` to time it where unlocking derives the key (the background's service worker).
 */
export async function pbkdf2Alone(passphrase) {
  const t0 = performance.now();
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 }, material, 256);
  return performance.now() - t0;
}

/** The extension's running service worker (the one started last), waiting for it if none runs. */
export async function runningWorker(context) {
  return context.serviceWorkers().at(-1) ?? (await context.waitForEvent('serviceworker'));
}
