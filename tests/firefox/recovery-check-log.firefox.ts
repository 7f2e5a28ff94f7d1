/**
 * Recovery codes, "check a code", the activity log, and the clock check against a website in
 * Firefox. The clock check asks for the optional host permission of the one site the user names
 * (the Firefox MV2 build used to drop optional_host_permissions, so it could not ask): here the
 * site is a local HTTPS server with a throw-away self-signed certificate, reached as
 * https://clock.sesame.test/ (Firefox prefs map the name to 127.0.0.1 and port 443 to the server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  acceptPermissionPrompt,
  addUris,
  byTestId,
  click,
  closeAll,
  count,
  fill,
  launch,
  openOptions,
  readCode,
  row,
  setUpInPopup,
  text,
  unlock,
  waitForText,
  type Firefox,
} from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const TOTP = 'JBSWY3DPEHPK3PXP';
const HOTP = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RECOVERY = ['d1c2b-3a4f5', '6e7d8-c9b0a', '1f2e3-d4c5b'];
const CLOCK_HOST = 'clock.sesame.test';

/** An HTTPS server (Node's, which sends a Date header) with a self-signed certificate made by openssl for this run. */
async function clockServer(dir: string): Promise<https.Server> {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      `/CN=${CLOCK_HOST}`,
      '-addext',
      `subjectAltName=DNS:${CLOCK_HOST}`,
    ],
    { stdio: 'ignore' },
  );
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    requests.push({ method: req.method ?? '', cookie: req.headers.cookie });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const requests: { method: string; cookie: string | undefined }[] = [];

/** Waits until at least `margin` ms remain in the current 30 s step, so "two steps ahead" stays two steps. */
async function awayFromStepEdge(margin = 4000) {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < margin) await new Promise((r) => setTimeout(r, left + 200));
}

describe('recovery codes, check a code, activity log, clock check', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-firefox-clock-'));
  let server: https.Server;
  let ff: Firefox;
  let page: Page;

  beforeAll(async () => {
    server = await clockServer(work);
    ff = await launch(undefined, { https: { host: CLOCK_HOST, port: (server.address() as { port: number }).port } });
    page = await setUpInPopup(ff);
    expect(
      await addUris(page, [
        `otpauth://totp/Drift:alice?secret=${TOTP}&issuer=Drift`,
        `otpauth://hotp/Counter:bob?secret=${HOTP}&issuer=Counter&counter=0`,
      ]),
    ).toMatch(/Added 2/);
  });
  afterAll(async () => {
    await closeAll(ff, server);
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function openEdit(issuer: string) {
    await click(page, `${row(issuer)} ${byTestId('edit')}`);
    await page.waitForSelector(byTestId('edit-issuer'));
  }
  const usedFlags = () => page.$$eval(byTestId('recovery-code'), (rows) => rows.map((r) => r.getAttribute('data-used')));

  it('adds recovery codes, marks one used; after lock and unlock it is still marked', async () => {
    await openEdit('Drift');
    await click(page, byTestId('recovery-open'));
    await fill(page, byTestId('recovery-input'), `Your GitHub recovery codes\n\n${RECOVERY.join('\n')}\n`);
    await click(page, byTestId('recovery-save'));
    await expect.poll(() => count(page, byTestId('recovery-code'))).toBe(3);
    await (await page.$$(byTestId('recovery-mark-used')))[1]!.click();
    await expect.poll(usedFlags).toEqual(['false', 'true', 'false']);
    expect(await text(page, byTestId('recovery-left'))).toMatch(/2 of 3 left/);
    await click(page, byTestId('back'));
    await click(page, byTestId('back'));
    await click(page, byTestId('lock'));
    await unlock(page);

    await openEdit('Drift');
    await click(page, byTestId('recovery-open'));
    await expect.poll(usedFlags).toEqual(['false', 'true', 'false']);
    await click(page, byTestId('back'));
    await click(page, byTestId('back'));
  });

  it('a code from two steps ahead offers a +60 s offset; accepting it shifts the codes and shows the clock warning', async () => {
    await openEdit('Drift');
    await click(page, byTestId('check-code'));
    await awayFromStepEdge();
    await fill(page, byTestId('check-code-input'), oathtoolCode(TOTP, Date.now() + 60_000));
    await click(page, byTestId('check-code-submit'));
    await waitForText(page, byTestId('check-code-result'), /2 time steps \(60 s\) later/);
    await click(page, byTestId('check-code-apply'));
    await waitForText(page, byTestId('check-code-done'), /60 seconds/);
    await click(page, byTestId('back'));
    await click(page, byTestId('back'));
    await waitForText(page, byTestId('clock-warning'), /60 seconds/);
    await expect
      .poll(async () => {
        const { code, before, after } = await readCode(page, 'Drift');
        return oracleCodes((t) => oathtoolCode(TOTP, t + 60_000), before, after).includes(code);
      })
      .toBe(true);
  });

  it('an HOTP code further along offers to move the counter there', async () => {
    await openEdit('Counter');
    await click(page, byTestId('check-code'));
    await fill(page, byTestId('check-code-input'), oathtoolCode(HOTP, 0, { type: 'hotp', counter: 7 }));
    await click(page, byTestId('check-code-submit'));
    await waitForText(page, byTestId('check-code-result'), /counter 7 \(Sesame is at 0\)/);
    await click(page, byTestId('check-code-apply'));
    await click(page, byTestId('back'));
    await click(page, byTestId('back'));
    await expect.poll(async () => (await readCode(page, 'Counter')).code).toBe(oathtoolCode(HOTP, 0, { type: 'hotp', counter: 7 }));
  });

  it('the options page lists the activity, newest first, without codes or secrets', async () => {
    const options = await openOptions(ff);
    await options.waitForSelector(byTestId('log-entry'));
    const types = await options.$$eval(byTestId('log-entry'), (items) => items.map((i) => i.getAttribute('data-type')));
    expect(types[0]).toBe('account-edited'); // the HOTP counter moved
    expect(types).toContain('unlocked');
    expect(types.slice(-2)).toEqual(['account-added', 'account-added']);
    const all = (await options.$$eval(byTestId('log-entry'), (items) => items.map((i) => i.textContent ?? ''))).join('\n');
    for (const code of RECOVERY) expect(all).not.toContain(code);
    expect(all).not.toContain(TOTP);
    await options.close();
  });

  it("checks the clock against a site: asks for that one site's permission, one credential-less HEAD request, permission removed", async () => {
    const options = await openOptions(ff);
    await click(options, byTestId('clock-check-enable'));
    await fill(options, byTestId('clock-check-site'), CLOCK_HOST);
    await click(options, byTestId('clock-check-submit'));
    await acceptPermissionPrompt(ff);
    // The clock is compared, not Sesame's codes (shifted +60 s above): the server runs on this
    // machine's clock, so they agree. The header has whole seconds and the round trip is split in
    // half, so on a loaded machine the reading can be a second off: that much is measurement.
    const host = CLOCK_HOST.replace(/\./g, '\\.');
    expect(await waitForText(options, byTestId('clock-check-result'), /\S/)).toMatch(
      new RegExp(`agrees with ${host}|clock is 1 second (behind|ahead of) ${host}`),
    );
    expect(requests).toEqual([{ method: 'HEAD', cookie: undefined }]);
    const origins = await options.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }
          ).browser.permissions.getAll()
        ).origins ?? [],
    );
    expect(origins).toEqual([]);
    await options.close();
  });
});
