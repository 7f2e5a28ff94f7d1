// Unlock benchmark (imported at the end of scripts/bench.mjs; also runs alone:
// node scripts/bench-unlock.mjs after npm run build). At 1,000 accounts, the time from the press
// to the first codes painted, for each way in: the passphrase (PBKDF2-SHA256, 600,000 iterations),
// a passkey (the DevTools virtual authenticator with PRF, so the ceremony costs nearly nothing
// but the browser's own steps), and the recovery key (to the new-passphrase form, then from the
// new passphrase to the codes). Beside them, PBKDF2 alone in the background's service worker
// (where unlocking derives it), timed just before each passphrase unlock. Median of RUNS.
//
// (It was timed in the popup's page after the recovery-key unlock, while that unlock's work after
// its answer and the page's preloading still ran: tens of ms too slow, which made the passphrase
// unlock look that much closer to PBKDF2 than in npm run bench's figure.)
import { benchDrafts as drafts, launchExtension, pbkdf2Alone, runningWorker } from './bench-browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = path.resolve(ROOT, process.env.SESAME_OUT_DIR ?? '.output', 'chrome-mv3');
const RUNS = Number(process.env.BENCH_UNLOCK_RUNS ?? 5);
const ACCOUNTS = 1000;
const PASS = 'benchmark passphrase';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

/**
 * Clicks `button` in the page and resolves with the milliseconds until `selector` is in the DOM
 * and painted (the next frame, then a task: the same measure as `sesame:codes-visible`).
 */
const pressUntil = (page, button, selector) =>
  page.evaluate(
    ({ button, selector }) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        new MutationObserver((_, observer) => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        }).observe(document.body, { childList: true, subtree: true });
        document.querySelector(button).click();
      }),
    { button, selector },
  );

const CODES = '[data-testid="code"]';

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-unlock-'));
const { context, id } = await launchExtension(EXT, profile);
try {
  const url = (file) => `chrome-extension://${id}/${file}`;
  // One tab throughout: the virtual authenticator belongs to it.
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
    },
  });

  await page.goto(url('popup.html'));
  await page.getByTestId('setup-passphrase').fill(PASS);
  await page.getByTestId('setup-confirm').fill(PASS);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('search').waitFor({ timeout: 60_000 });
  await page.evaluate((d) => chrome.runtime.sendMessage({ type: 'add', drafts: d }), drafts(ACCOUNTS));

  await page.goto(url('options.html'));
  await page.getByTestId('passkey-name').fill('Virtual authenticator');
  await page.getByTestId('passkey-passphrase').fill(PASS);
  await page.getByTestId('passkey-add').click();
  await page.getByTestId('passkey-row').waitFor({ timeout: 60_000 });
  await page.getByTestId('recovery-passphrase').fill(PASS);
  await page.getByTestId('recovery-key-create').click();
  const recoveryKey = (await page.getByTestId('recovery-key-text').textContent()).trim();
  await page.getByTestId('recovery-key-confirm').fill(recoveryKey);
  await page.getByTestId('recovery-key-save').click();
  await page
    .getByTestId('recovery-key-status')
    .filter({ hasText: /recovery key \(created/ })
    .waitFor({ timeout: 60_000 });

  /** Locks, and shows the popup's unlock form (with "Use passkey" once its hint is read). */
  const locked = async () => {
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'lock' }));
    await page.goto(url('popup.html'));
    await page.getByTestId('unlock-passkey').waitFor({ timeout: 60_000 });
  };

  let passphrase = PASS;
  const times = { passphrase: [], passkey: [], recoveryForm: [], recoveryCodes: [], pbkdf2: [] };
  for (let run = 0; run < RUNS; run++) {
    await locked();
    await page.getByTestId('unlock-passphrase').fill(passphrase);
    times.pbkdf2.push(await (await runningWorker(context)).evaluate(pbkdf2Alone, PASS));
    times.passphrase.push(await pressUntil(page, '[data-testid="unlock-submit"]', CODES));

    await locked();
    times.passkey.push(await pressUntil(page, '[data-testid="unlock-passkey"]', CODES));

    await locked();
    await page.getByTestId('unlock-recovery').click();
    await page.getByTestId('unlock-recovery-key').fill(recoveryKey);
    times.recoveryForm.push(await pressUntil(page, '[data-testid="unlock-recovery-submit"]', '[data-testid="setup-confirm"]'));
    passphrase = `${PASS} ${run}`;
    await page.getByTestId('setup-passphrase').fill(passphrase);
    await page.getByTestId('setup-confirm').fill(passphrase);
    times.recoveryCodes.push(await pressUntil(page, '[data-testid="setup-submit"]', CODES));
  }

  console.log(`Unlock at ${ACCOUNTS} accounts, press to codes painted (headless Chromium, median of ${RUNS}):`);
  console.log(
    `  passphrase:                       ${ms(median(times.passphrase))} = PBKDF2 + ${ms(median(times.passphrase) - median(times.pbkdf2))}  (PBKDF2-SHA256 600,000 iterations alone, in the service worker: ${ms(median(times.pbkdf2))})`,
  );
  console.log(`  passkey (virtual authenticator):  ${ms(median(times.passkey))}`);
  console.log(
    `  recovery key:                     ${ms(median(times.recoveryForm))} to the new-passphrase form, then ${ms(median(times.recoveryCodes))} from the new passphrase to codes`,
  );
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
