/**
 * Issue 11, sync through a WebDAV folder, end to end: a real WebDAV server on 127.0.0.1 (the
 * `webdav-server` package, tests/support/webdav-test-server.ts) and two Chromium profiles at once.
 *
 * The extension is a copy of the build whose manifest grants `http://127.0.0.1/*`: headless
 * Chromium cannot answer the permission prompt the settings page raises for the folder's origin
 * (the product build only ever asks for it, at that moment, as an optional host permission).
 *
 * Checked: the first browser turns sync on with the folder's address, user and password; the
 * second joins from its first-run screen; the server goes down while both edit (adds, renames of
 * different accounts, the same account renamed on both, a delete on one and an edit on the other):
 * the status says the server did not answer and nothing is lost; once it is back, both converge,
 * one conflict copy, codes matching oathtool, and the server's files hold no secret or name; a
 * passphrase change reaches the other browser, which then unlocks with the new one; a restore
 * from the trash syncs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import {
  addUris,
  buildWithManifest,
  closeAll,
  launch,
  openOptions,
  openPopup,
  PASSPHRASE,
  setUpInPopup,
  unlock,
  type Launched,
} from './harness';
import { startTestWebDav, type TestWebDav } from '../support/webdav-test-server';
import { codesMatch, deleteAccount, listed, renameIssuer, SECRETS, syncNow, uri } from './sync-support';

const S = SECRETS;

let server: TestWebDav;
let extensionDir: string;
let a: Launched;
let b: Launched;
let popupA: Page;
let popupB: Page;
let optionsA: Page;
let optionsB: Page;

beforeAll(async () => {
  server = await startTestWebDav();
  // A copy of the build that holds the test server's origin: the permission prompt cannot be answered headless.
  extensionDir = buildWithManifest({ host_permissions: ['http://127.0.0.1/*'] });
  [a, b] = await Promise.all([launch(undefined, extensionDir), launch(undefined, extensionDir)]);
}, 120_000);
afterAll(async () => {
  await closeAll(a, b, server);
  if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
});

async function fillWebDav(page: Page): Promise<void> {
  await page.getByTestId('sync-kind').selectOption('webdav');
  await page.getByTestId('sync-webdav-url').fill(server.url);
  await page.getByTestId('sync-webdav-user').fill(server.username);
  await page.getByTestId('sync-webdav-password').fill(server.password);
}

/** Everything on the server, as text. */
async function serverFiles(): Promise<string> {
  const auth = `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}`;
  const list = await (await fetch(server.url, { method: 'PROPFIND', headers: { Authorization: auth, Depth: '1' } })).text();
  const names = [...list.matchAll(/<D:href>[^<]*\/([^/<]+\.json)<\/D:href>/g)].map((m) => m[1]!);
  expect(names).toContain('h.json');
  const bodies = await Promise.all(names.map(async (n) => (await fetch(`${server.url}${n}`, { headers: { Authorization: auth } })).text()));
  return bodies.join('\n');
}

describe('sync through a WebDAV folder, two browsers', () => {
  it('the first browser turns sync on with the folder; the second joins it from its first-run screen', async () => {
    popupA = await setUpInPopup(a);
    await addUris(popupA, [uri('Acme'), uri('Globex'), uri('Initech'), uri('Umbrella')]);
    optionsA = await openOptions(a);
    await optionsA.getByTestId('sync-enable').click();
    await fillWebDav(optionsA);
    await optionsA.getByTestId('sync-submit').click();
    await expect.poll(() => optionsA.getByTestId('sync-result').textContent()).toContain('Sync is on');
    await expect
      .poll(() => optionsA.getByTestId('sync-status').textContent())
      .toContain(`Syncing with the WebDAV folder ${server.url} as ${server.username}`);
    expect(server.requests.some((r) => r.method === 'MKCOL')).toBe(true);

    popupB = await openPopup(b);
    await popupB.getByTestId('join-open').click();
    await fillWebDav(popupB);
    await popupB.getByTestId('join-passphrase').fill(PASSPHRASE);
    await popupB.getByTestId('join-submit').click();
    await popupB.getByTestId('search').waitFor({ timeout: 30_000 });
    expect(await listed(popupB)).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
    await codesMatch(popupB, ['Acme', 'Initech']);
    optionsB = await openOptions(b);
    await expect.poll(() => optionsB.getByTestId('sync-status').textContent()).toContain('WebDAV folder');
  });

  it('while the server is down both browsers edit; the status says so; once it is back they converge with nothing lost', async () => {
    await server.down();
    await addUris(popupA, [uri('Hooli')]);
    await renameIssuer(popupA, 'Initech', 'Initech A');
    await deleteAccount(popupA, 'Globex');
    await addUris(popupB, [uri('Stark')]);
    await renameIssuer(popupB, 'Umbrella', 'Umbrella B');
    await renameIssuer(popupB, 'Initech', 'Initech B');
    await renameIssuer(popupB, 'Globex', 'Globex B');
    const refused = await syncNow(optionsA);
    expect(refused.problem?.code).toBe('err_sync_unavailable');
    await expect.poll(() => optionsA.getByTestId('sync-status').textContent()).toMatch(/did not answer.*/);
    expect(await listed(popupA)).toEqual(['Acme', 'Hooli', 'Initech A', 'Umbrella']);

    await server.up();
    for (const options of [optionsA, optionsB, optionsA]) expect((await syncNow(options)).problem).toBeUndefined();
    const expected = ['Acme', 'Globex B', 'Hooli', 'Initech A', 'Initech B', 'Stark', 'Umbrella B'];
    await expect.poll(async () => (await listed(popupA)).map((s) => s.replace(' [copy]', ''))).toEqual(expected);
    await expect.poll(async () => (await listed(popupB)).map((s) => s.replace(' [copy]', ''))).toEqual(expected);
    expect(await listed(popupA)).toEqual(await listed(popupB));
    expect((await listed(popupA)).filter((s) => s.endsWith('[copy]'))).toHaveLength(1);
    expect((await syncNow(optionsB)).pending).toBe(0);
    await codesMatch(popupA, ['Stark']);
    await codesMatch(popupB, ['Hooli']);
    const files = await serverFiles();
    for (const [issuer, secret] of Object.entries(S)) {
      expect(files).not.toContain(secret);
      expect(files).not.toContain(issuer);
    }
  });

  it('a passphrase change reaches the other browser, which then unlocks with the new one', async () => {
    const next = 'a new passphrase over webdav';
    await optionsA.getByTestId('pass-current').fill(PASSPHRASE);
    await optionsA.getByTestId('pass-new').fill(next);
    await optionsA.getByTestId('pass-confirm').fill(next);
    await optionsA.getByTestId('pass-submit').click();
    await expect.poll(() => optionsA.getByTestId('pass-result').getAttribute('class')).toBe('success');
    await syncNow(optionsA);
    await syncNow(optionsB);
    await popupB.getByTestId('lock').click();
    await unlock(popupB, next);
    expect(await listed(popupB)).toEqual(await listed(popupA));
  });

  it('a restore from the trash syncs', async () => {
    await deleteAccount(popupA, 'Hooli');
    await syncNow(optionsA);
    await syncNow(optionsB);
    await expect.poll(async () => (await listed(popupB)).includes('Hooli')).toBe(false);
    await optionsB.reload();
    await optionsB.getByTestId('trash-open').click();
    await optionsB.locator('[data-testid="trash-row"][data-issuer="Hooli"] [data-testid="trash-restore"]').click();
    await expect.poll(() => optionsB.getByTestId('trash-result').textContent()).toContain('Restored Hooli');
    await syncNow(optionsB);
    await syncNow(optionsA);
    await expect.poll(async () => (await listed(popupA)).includes('Hooli')).toBe(true);
    await codesMatch(popupA, ['Hooli']);
  });
});
