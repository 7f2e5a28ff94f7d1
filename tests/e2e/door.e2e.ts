/**
 * Issue 9, "One door into the background": a web page's script, a frame inside it, and a script
 * Sesame itself injects into the page try vault requests, and are refused: no reply, and nothing
 * changes (still unlocked, same settings, no account added or removed, no wrong-passphrase
 * counted). Twice: with the product build (no `externally_connectable`: a page has no
 * `chrome.runtime` to message with at all) and with a copy whose manifest names the test pages in
 * `externally_connectable` (the page can then send, but nothing in Sesame listens outside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Frame, Page, Worker } from 'playwright-core';
import {
  buildWithManifest,
  grantActiveTab,
  launch,
  openPopup,
  PASSPHRASE,
  servePages,
  setUpWithAccounts,
  type Launched,
  type PageServer,
} from './harness';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** What a hostile page would ask for. None of it may happen. */
const ATTEMPTS = [
  { type: 'state' },
  { type: 'lock' },
  { type: 'set-settings', settings: { autoLockMinutes: 1440, timeOffsetSeconds: 3600 } },
  { type: 'verify-passphrase', passphrase: 'a guess' },
  { type: 'unlock', passphrase: 'a guess' },
  { type: 'export-file', kind: 'uri-list', passphrase: PASSPHRASE },
  { type: 'export-qr', kind: 'qr-codes', passphrase: PASSPHRASE },
  {
    type: 'add',
    drafts: [
      { type: 'totp', issuer: 'Evil', label: 'x', secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], algorithm: 'SHA1', digits: 6, period: 30 },
    ],
  },
  { type: 'scan-take-pending' },
  { type: 'clipboard-set-settings', clearAfterSeconds: 0 },
  { type: 'auto-backup-disable' },
];

type Outcome = { type: string; outcome: 'no-runtime' | 'reply' | 'error'; reply?: unknown; error?: string };
type Chrome = {
  chrome: {
    storage: { local: { get(k: null): Promise<Record<string, unknown>> }; session: { get(k: string): Promise<Record<string, unknown>> } };
  };
};

let server: PageServer;

beforeAll(async () => {
  server = await servePages('tests/e2e/pages/door');
});
afterAll(() => void server?.close());

/** A profile with the vault set up, unlocked, one account. */
async function prepared(extensionDir?: string): Promise<{ browser: Launched; worker: Worker }> {
  const browser = await launch(undefined, extensionDir);
  const worker = browser.context.serviceWorkers()[0]!;
  await setUpWithAccounts(browser, [`otpauth://totp/Acme:alice?secret=${SECRET}&issuer=Acme`]);
  return { browser, worker };
}

/** What storage.local holds and whether the data key is still in storage.session. */
async function snapshot(worker: Worker) {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as Chrome;
    return {
      local: await chrome.storage.local.get(null),
      unlocked: Array.isArray((await chrome.storage.session.get('dataKey'))['dataKey']),
    };
  });
}

async function expectNothingChanged(l: Launched, worker: Worker, before: Awaited<ReturnType<typeof snapshot>>): Promise<void> {
  expect(await snapshot(worker)).toEqual(before);
  const popup = await openPopup(l);
  await popup.getByTestId('account').first().waitFor({ timeout: 30_000 });
  expect(await popup.getByTestId('account').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer')))).toEqual(['Acme']);
  await popup.close();
}

async function openDoorPage(l: Launched): Promise<{ page: Page; frame: Frame }> {
  const page = await l.context.newPage();
  await page.goto(`http://door.localhost:${server.port}/?frame=frame.localhost`);
  const frame = await (await page.waitForSelector('#frame')).contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForFunction(() => typeof (window as unknown as { tryDoor?: unknown }).tryDoor === 'function');
  return { page, frame };
}

const tryDoor = (target: Page | Frame, extensionId: string) =>
  target.evaluate(
    ([id, messages]) => (window as unknown as { tryDoor(i: string, m: unknown[]): Promise<Outcome[]> }).tryDoor(id, messages),
    [extensionId, ATTEMPTS] as const,
  );
const tryConnect = (target: Page | Frame, extensionId: string) =>
  target.evaluate((id) => (window as unknown as { tryConnect(i: string): Promise<unknown> }).tryConnect(id), extensionId);

describe('one door: pages, frames and injected scripts are refused', () => {
  it('the product build: a page and its frame have no way to message Sesame; a script Sesame injects gets no answer', async () => {
    const { browser, worker } = await prepared();
    try {
      const before = await snapshot(worker);
      const { page, frame } = await openDoorPage(browser);
      for (const target of [page, frame]) {
        expect((await tryDoor(target, browser.extensionId)).map((r) => r.outcome)).toEqual(ATTEMPTS.map(() => 'no-runtime'));
        expect(await tryConnect(target, browser.extensionId)).toBe('no-runtime');
      }

      // A script injected by Sesame runs with Sesame's id but the page's URL: refused like the page.
      const tabId = await grantActiveTab(browser, page);
      const injected = await worker.evaluate(
        async ([tab, messages]) => {
          type Scripting = { scripting: { executeScript(o: object): Promise<{ result?: unknown }[]> } };
          const { chrome } = globalThis as unknown as { chrome: Scripting };
          const [run] = await chrome.scripting.executeScript({
            target: { tabId: tab },
            world: 'ISOLATED',
            args: [messages],
            func: async (list: unknown[]) => {
              const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
              const out: unknown[] = [];
              for (const m of list) {
                try {
                  out.push((await rt.sendMessage(m)) ?? 'no answer');
                } catch (error) {
                  out.push(`error: ${(error as Error).message}`);
                }
              }
              return out;
            },
          });
          return run?.result as unknown[];
        },
        [tabId, ATTEMPTS] as const,
      );
      expect(injected).toHaveLength(ATTEMPTS.length);
      for (const answer of injected)
        expect(answer === 'no answer' || String(answer).startsWith('error:'), JSON.stringify(answer)).toBe(true);

      await expectNothingChanged(browser, worker, before);
    } finally {
      await browser.close();
    }
  });

  it('with externally_connectable naming the page: the page and its frame can send, and nothing answers or changes', async () => {
    // A copy of the build whose manifest lets the test pages message Sesame by id.
    const dir = buildWithManifest({ externally_connectable: { matches: ['http://door.localhost/*', 'http://frame.localhost/*'] } });
    const { browser, worker } = await prepared(dir);
    try {
      const before = await snapshot(worker);
      const { page, frame } = await openDoorPage(browser);
      for (const target of [page, frame]) {
        const results = await tryDoor(target, browser.extensionId);
        // The page does have chrome.runtime now (so the test is real), but every send fails:
        // Sesame has no onMessageExternal listener.
        for (const r of results) {
          expect(r.outcome, JSON.stringify(r)).toBe('error');
          expect(r.error).toMatch(/Receiving end does not exist|Could not establish connection/);
        }
        expect(await tryConnect(target, browser.extensionId)).toBe('disconnected');
      }
      await expectNothingChanged(browser, worker, before);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
