/**
 * The vault in Firefox: the build is Manifest V3 with the add-on id and the data-collection
 * declaration; setup, add by link (TOTP SHA-1/256/512, 8 digits, 60 s, HOTP, Steam) with every
 * code checked against oathtool (Steam against the independent implementation), copy, lock,
 * wrong passphrase, unlock, auto-lock, a browser restart locks, and no secret reaches the profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  addUris,
  allFiles,
  byTestId,
  click,
  clipboardText,
  count,
  EXTENSION_DIR,
  fireAutoLock,
  launch,
  newProfileDir,
  openOptions,
  fill,
  openPopup,
  PASSPHRASE,
  readCode,
  reload,
  row,
  sessionStoreState,
  setUp,
  text,
  unlock,
  waitForText,
  type Firefox,
} from './harness';
import { oathtoolCode, oracleCodes, steamCode, base32Decode, type OathOptions } from '../support/oracles';
import { decodeMozLz4, isMozLz4 } from './mozlz4';

interface Case extends OathOptions {
  readonly issuer: string;
  readonly secret: string;
  readonly uri: string;
}

const S = {
  sha1: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  sha256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  sha512: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BANJ2W24DTEBXXMZLSEB2GQZJANRQXU6JAMRXWOLQ',
  sixty: 'ORSXG5BNONSWG4TFOQWWC3TEFVWW64TFEBWWC4TFEBUW4ZTP',
  hotp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  steam: 'OBQXG43XN5ZGIMJSGM2DKNRXHA4TAYLC',
};
const CASES: Case[] = [
  { issuer: 'Acme', secret: S.sha1, uri: `otpauth://totp/Acme:alice@example.com?secret=${S.sha1}&issuer=Acme` },
  {
    issuer: 'Sha256 Co',
    secret: S.sha256,
    algorithm: 'SHA256',
    uri: `otpauth://totp/Sha256%20Co:bob?secret=${S.sha256}&issuer=Sha256%20Co&algorithm=SHA256`,
  },
  {
    issuer: 'Sha512 Ltd',
    secret: S.sha512,
    algorithm: 'SHA512',
    digits: 8,
    uri: `otpauth://totp/Sha512%20Ltd:carol?secret=${S.sha512}&issuer=Sha512%20Ltd&algorithm=SHA512&digits=8`,
  },
  { issuer: 'Sixty', secret: S.sixty, period: 60, uri: `otpauth://totp/Sixty:erin?secret=${S.sixty}&issuer=Sixty&period=60` },
];
const HOTP_URI = `otpauth://hotp/Counter:frank?secret=${S.hotp}&issuer=Counter&counter=5`;
const STEAM_URI = `otpauth://totp/Steam:gabe?secret=${S.steam}&issuer=Steam&encoder=steam`;

async function expectAllCodes(page: Page, hotpCounter: number) {
  await page.waitForSelector(row('Steam'));
  for (const c of CASES) {
    const { code, before, after } = await readCode(page, c.issuer);
    expect(
      oracleCodes((t) => oathtoolCode(c.secret, t, c), before, after),
      c.issuer,
    ).toContain(code);
  }
  expect((await readCode(page, 'Counter')).code).toBe(oathtoolCode(S.hotp, 0, { type: 'hotp', counter: hotpCounter }));
  const steam = await readCode(page, 'Steam');
  expect(oracleCodes((t) => steamCode(S.steam, t), steam.before, steam.after)).toContain(steam.code);
}

describe('the Firefox build', () => {
  it('is Manifest V3 with a fixed add-on id, the data-collection declaration, and the optional host permissions it can ask for', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.action).toBeDefined();
    // An event page: jsQR's script first (it has no importScripts), then the bundle (wxt.config.ts).
    expect(manifest.background.scripts).toEqual(['vendor/jsqr.js', 'background.js']);
    expect(manifest.browser_specific_settings.gecko).toEqual({
      id: 'sesame@sesame.invalid',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
    // https for the clock check and a WebDAV folder; http only for a WebDAV server on this computer (sync).
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://*.localhost/*']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.permissions).toContain('activeTab');
  });
});

describe('vault and popup in Firefox', () => {
  const profile = newProfileDir();
  let ff: Firefox;
  let page: Page;

  beforeAll(async () => {
    ff = await launch(profile);
    page = await openPopup(ff);
  });
  afterAll(async () => {
    await ff?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('sets up a vault', async () => {
    await page.waitForSelector(byTestId('setup-passphrase'));
    await setUp(page);
    expect(await count(page, byTestId('account'))).toBe(0);
    // Typing right after set-up searches: the search field has the focus.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'search');
  });

  it('adds accounts by link and shows the codes oathtool computes', async () => {
    const result = await addUris(page, [...CASES.map((c) => c.uri), HOTP_URI, STEAM_URI]);
    expect(result).toBe('Added 6 accounts.');
    const types = await page.$$eval(byTestId('account'), (rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(types.sort()).toEqual(['hotp', 'steam', 'totp', 'totp', 'totp', 'totp']);
    await expectAllCodes(page, 5);
  });

  it('refuses an invalid link with a message and saves nothing from that paste', async () => {
    const result = await addUris(page, [`otpauth://totp/Good:x?secret=${S.sha1}&issuer=Good`, 'otpauth://totp/Bad:y?secret=not*base32']);
    expect(result).toMatch(/Line 2/);
    expect(await count(page, row('Good'))).toBe(0);
    expect(await count(page, byTestId('account'))).toBe(6);
  });

  it('advances an HOTP counter', async () => {
    await click(page, `${row('Counter')} ${byTestId('hotp-next')}`);
    await page.waitForFunction(
      (sel: string, want: string) => document.querySelector(sel)?.textContent?.replace(/\s/g, '') === want,
      {},
      `${row('Counter')} ${byTestId('code')}`,
      oathtoolCode(S.hotp, 0, { type: 'hotp', counter: 6 }),
    );
  });

  it('copies a code to the clipboard with a click', async () => {
    const before = Date.now();
    await click(page, `${row('Acme')} ${byTestId('code')}`);
    await waitForText(page, byTestId('status'), /Copied/);
    expect(oracleCodes((t) => oathtoolCode(S.sha1, t), before, Date.now())).toContain(await clipboardText(ff));
  });

  it('locks, refuses a wrong passphrase, and unlocks with everything there', async () => {
    await click(page, byTestId('lock'));
    await page.waitForSelector(byTestId('unlock-passphrase'));
    await page.type(byTestId('unlock-passphrase'), 'wrong passphrase');
    await click(page, byTestId('unlock-submit'));
    await waitForText(page, byTestId('unlock-error'), /passphrase/i);
    await page.$eval(byTestId('unlock-passphrase'), (el) => {
      (el as HTMLInputElement).value = '';
    });
    await unlock(page);
    await expectAllCodes(page, 6);
  });

  it('auto-lock: the alarm is armed about 15 minutes ahead, and the vault locks when it fires', async () => {
    type Alarms = { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } };
    const armed = await page.evaluate(
      async () => (await (globalThis as unknown as { browser: Alarms }).browser.alarms.get('auto-lock'))?.scheduledTime ?? 0,
    );
    expect(armed - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(armed - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    await fireAutoLock(page);
    await reload(page, byTestId('unlock-passphrase'));
    await unlock(page);
  });

  it('the settings say what stands in for "the computer locks" in Firefox', async () => {
    const options = await openOptions(ff);
    await options.waitForSelector(byTestId('auto-lock-hint'));
    expect(await text(options, byTestId('auto-lock-hint'))).toMatch(
      /Firefox cannot tell when the computer locks.*5 minutes without keyboard or mouse input/,
    );
    await options.close();
  });

  it("a link being pasted and a note never reach Firefox's session store", async () => {
    /** Types into a field session restore does keep; once that shows up, the page's form data was collected. */
    const collected = async (marker: string) => {
      await page.evaluate(() => {
        const area = document.body.appendChild(document.createElement('textarea'));
        area.id = 'sessionstore-control';
      });
      await page.type('#sessionstore-control', marker);
      await expect.poll(() => sessionStoreState(ff), { timeout: 30_000, interval: 250 }).toContain(marker);
      await page.evaluate(() => document.getElementById('sessionstore-control')?.remove());
    };
    const pasted = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
    await click(page, byTestId('add'));
    await fill(page, byTestId('add-uri'), `otpauth://totp/Pasted:x?secret=${pasted}&issuer=Pasted`);
    await collected('control one');
    expect(await sessionStoreState(ff)).not.toContain(pasted);
    await click(page, byTestId('back'));

    await click(page, `${row('Acme')} ${byTestId('edit')}`);
    await fill(page, byTestId('edit-note'), 'mother maiden name: kerouac');
    await collected('control two');
    expect(await sessionStoreState(ff)).not.toContain('kerouac');
    await click(page, byTestId('back'));
    await page.waitForSelector(byTestId('search'));
  });

  it('a browser restart locks; unlocking shows every account', async () => {
    await ff.close();
    ff = await launch(profile);
    page = await openPopup(ff);
    await unlock(page);
    expect(await count(page, byTestId('account'))).toBe(6);
    await expectAllCodes(page, 6);
  });

  it('no secret and not the passphrase reaches the profile directory in the clear', async () => {
    await ff.close();
    const needles: Buffer[] = [];
    for (const secret of [...Object.values(S), 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U']) {
      const bytes = Buffer.from(base32Decode(secret));
      needles.push(
        Buffer.from(secret),
        Buffer.from(secret.toLowerCase()),
        Buffer.from(bytes.toString('hex')),
        Buffer.from(bytes.toString('hex').toUpperCase()),
        bytes,
        Buffer.from(bytes.toString('base64')),
      );
    }
    const leaks: string[] = [];
    for (const file of allFiles(profile)) {
      // Session restore and other Firefox stores are LZ4-compressed: look inside them too.
      const raw = fs.readFileSync(file);
      const content = isMozLz4(raw) ? decodeMozLz4(raw) : raw;
      for (const needle of [...needles, Buffer.from(PASSPHRASE), Buffer.from('kerouac')])
        if (content.includes(needle)) leaks.push(`${file}: ${needle.subarray(0, 8).toString('hex')}`);
    }
    expect(leaks).toEqual([]);
    ff = await launch(profile); // for afterAll
  });
});
