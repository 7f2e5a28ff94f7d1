// Scan benchmark (imported at the end of scripts/bench.mjs; also runs alone: node scripts/bench-scan.mjs).
// Times "Scan this page" in the real extension on a 1920x1080 page with one QR code and with three:
// from the click on scan-page to the confirmation rows, and the background's own time (capture,
// probe and decode) and decode time alone, as reported by the scan (data-scan-ms / data-decode-ms).
import { launchExtension } from './bench-browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './demo-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = path.join(ROOT, process.env.SESAME_OUT_DIR ?? '.output', 'chrome-mv3');
const RUNS = 5;
const PASS = 'benchmark passphrase';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const uri = (n) => `otpauth://totp/Site${n}:user${n}@example.com?secret=JBSWY3DPEHPK3PX${'ABC'[n]}&issuer=Site${n}`;

async function grantActiveTab(context, extensionId, page) {
  const cdp = await context.browser().newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
  await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  await cdp.detach();
  const [worker] = context.serviceWorkers();
  return worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, page.url());
}

const server = await serve(path.join(ROOT, 'tests/e2e/pages/scan'));
const base = `http://127.0.0.1:${server.address().port}`;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-bench-scan-'));
const { context, worker, id } = await launchExtension(EXT, profile, {
  viewport: { width: 1920, height: 1080 },
  args: ['--enable-unsafe-extension-debugging'],
});
try {
  const setup = await context.newPage();
  await setup.goto(`chrome-extension://${id}/popup.html`);
  await setup.getByTestId('setup-passphrase').fill(PASS);
  await setup.getByTestId('setup-confirm').fill(PASS);
  await setup.getByTestId('setup-submit').click();
  await setup.getByTestId('search').waitFor({ timeout: 60_000 });
  await setup.close();

  const lines = [];
  for (const [name, texts] of [
    ['1 QR code ', [uri(0)]],
    ['3 QR codes', [uri(0), uri(1), uri(2)]],
  ]) {
    const q = new URLSearchParams();
    for (const t of texts) q.append('t', t);
    const clicks = [];
    const inPopup = [];
    const shown = [];
    const background = [];
    const decode = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const page = await context.newPage();
      await page.goto(`${base}/show.html?${q}`);
      await page.locator('body[data-ready="true"]').waitFor();
      const tabId = await grantActiveTab(context, id, page);
      // The popup in a window of its own (as "pop out" opens it): the page stays the active tab of
      // its window, and the popup is not a hidden tab (where Chromium throttles timers and frames).
      const opened = context.waitForEvent('page');
      await worker.evaluate(
        (url) => chrome.windows.create({ url, type: 'popup', width: 400, height: 620 }),
        `chrome-extension://${id}/popup.html?tab=${tabId}`,
      );
      const popup = await opened;
      await popup.getByTestId('search').waitFor();
      const t0 = Date.now();
      await popup.getByTestId('scan-page').click();
      await popup.locator('main.scan-screen[data-scan-ms]').waitFor({ timeout: 30_000 });
      const rows = await popup.getByTestId('scan-row').count();
      if (rows !== texts.length) throw new Error(`bench-scan: expected ${texts.length} codes, found ${rows}`);
      const elapsed = Date.now() - t0;
      const main = popup.locator('main.scan-screen');
      if (i > 0) {
        // the first run warms up the service worker and jsQR
        clicks.push(elapsed);
        inPopup.push(
          await popup.evaluate(() => {
            const [sent] = performance.getEntriesByName('sesame:scan-sent');
            const [replied] = performance.getEntriesByName('sesame:scan-replied');
            return Math.round(replied.startTime - sent.startTime);
          }),
        );
        await popup.waitForFunction(() => performance.getEntriesByName('sesame:scan-rows').length > 0);
        shown.push(
          await popup.evaluate(() =>
            Math.round(
              performance.getEntriesByName('sesame:scan-rows')[0].startTime -
                performance.getEntriesByName('sesame:scan-click')[0].startTime,
            ),
          ),
        );
        background.push(Number(await main.getAttribute('data-scan-ms')));
        decode.push(Number(await main.getAttribute('data-decode-ms')));
      }
      await popup.close();
      await page.close();
    }
    lines.push(
      `scan of a 1920x1080 page, ${name}: ${median(inPopup)} ms request to reply in the popup (background ${median(background)} ms, of which decoding ${median(decode)} ms); click to rows painted ${median(shown)} ms (${median(clicks)} ms as the test driver sees it)`,
    );
  }
  console.log(`Scan benchmark (headless Chromium, real extension, median of ${RUNS})`);
  for (const l of lines) console.log(l);
} finally {
  await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
