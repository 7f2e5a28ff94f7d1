import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import {
  addUris,
  allFiles,
  clipboard,
  launch,
  newProfileDir,
  openOptions,
  openPopup,
  readCode,
  seriousA11yViolations,
  setUp,
  unlock,
  type Clipboard,
  type Launched,
} from './harness';
import { base32Decode, oathtoolCode, oracleCodes, steamCode, type OathOptions } from '../support/oracles';

interface Case extends OathOptions {
  readonly issuer: string;
  readonly secret: string;
  readonly uri: string;
}

const S = {
  sha1: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  sha256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  sha512: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BANJ2W24DTEBXXMZLSEB2GQZJANRQXU6JAMRXWOLQ',
  eight: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZU',
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
    uri: `otpauth://totp/Sha512%20Ltd:carol?secret=${S.sha512}&issuer=Sha512%20Ltd&algorithm=SHA512`,
  },
  { issuer: 'Eight', secret: S.eight, digits: 8, uri: `otpauth://totp/Eight:dave?secret=${S.eight}&issuer=Eight&digits=8` },
  {
    issuer: 'Sixty',
    secret: S.sixty,
    period: 60,
    algorithm: 'SHA256',
    digits: 8,
    uri: `otpauth://totp/Sixty:erin?secret=${S.sixty}&issuer=Sixty&period=60&algorithm=SHA256&digits=8`,
  },
];
const HOTP_URI = `otpauth://hotp/Counter:frank?secret=${S.hotp}&issuer=Counter&counter=5`;
const STEAM_URI = `otpauth://totp/Steam:gabe?secret=${S.steam}&issuer=Steam&encoder=steam`;

async function expectAllCodes(page: Page, hotpCounter: number) {
  for (const c of CASES) {
    const { code, before, after } = await readCode(page, c.issuer);
    expect(
      oracleCodes((t) => oathtoolCode(c.secret, t, c), before, after),
      c.issuer,
    ).toContain(code);
  }
  const hotp = await readCode(page, 'Counter');
  expect(hotp.code).toBe(oathtoolCode(S.hotp, 0, { type: 'hotp', counter: hotpCounter }));
  const steam = await readCode(page, 'Steam');
  expect(oracleCodes((t) => steamCode(S.steam, t), steam.before, steam.after)).toContain(steam.code);
}

describe('vault and popup', () => {
  const profile = newProfileDir();
  let browser: Launched;
  let page: Page;

  beforeAll(async () => {
    browser = await launch(profile);
    page = await openPopup(browser);
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('first run asks for a passphrase twice and refuses a short or mismatched one', async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('setup-passphrase').fill('short');
    await page.getByTestId('setup-confirm').fill('short');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toMatch(/at least 8/);
    await page.getByTestId('setup-passphrase').fill('long enough one');
    await page.getByTestId('setup-confirm').fill('long enough two');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toMatch(/not the same/);
    await page.getByTestId('setup-passphrase').fill(' '.repeat(12));
    await page.getByTestId('setup-confirm').fill(' '.repeat(12));
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('setup-error').textContent()).toMatch(/only of spaces/);
    await setUp(page);
  });

  it('adds accounts by URI and shows the codes oathtool computes', async () => {
    const result = await addUris(page, [...CASES.map((c) => c.uri), HOTP_URI, STEAM_URI]);
    expect(result).toMatch(/Added 7/);
    await expect.poll(() => page.getByTestId('account').count()).toBe(7);
    const types = await page.getByTestId('account').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(types.sort()).toEqual(['hotp', 'steam', 'totp', 'totp', 'totp', 'totp', 'totp']);
    await expectAllCodes(page, 5);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('refuses an invalid URI with a message and saves nothing from that paste', async () => {
    const result = await addUris(page, [`otpauth://totp/Good:x?secret=${S.sha1}&issuer=Good`, 'otpauth://totp/Bad:y?secret=not*base32']);
    expect(result).toMatch(/Line 2/);
    expect(await page.locator('[data-testid="account"][data-issuer="Good"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('account').count()).toBe(7);
  });

  it('advances an HOTP counter and keeps it', async () => {
    await page.locator('[data-testid="account"][data-issuer="Counter"] [data-testid="hotp-next"]').click();
    await expect.poll(async () => (await readCode(page, 'Counter')).code).toBe(oathtoolCode(S.hotp, 0, { type: 'hotp', counter: 6 }));
  });

  /** What the clipboard holds once a copy has replaced `NOTHING`. */
  const NOTHING = 'nothing copied yet';
  let board: Clipboard;
  const copied = async () => {
    await expect.poll(() => board.read()).not.toBe(NOTHING);
    return board.read();
  };

  it("copies a row's code with a click: the clipboard holds oathtool's code", async () => {
    board = await clipboard(browser, () => page);
    await board.write(NOTHING);
    const eight = CASES.find((c) => c.issuer === 'Eight')!;
    const before = Date.now();
    await page.locator('[data-testid="account"][data-issuer="Eight"] button.copy').click();
    const text = await copied();
    expect(oracleCodes((t) => oathtoolCode(eight.secret, t, eight), before, Date.now())).toContain(text);
    expect(await page.getByTestId('status').textContent()).toMatch(/Copied/);
  });

  it('filters by search and copies the first match with Enter: the clipboard holds its code', async () => {
    await board.write(NOTHING);
    await page.getByTestId('search').fill('sha');
    await expect.poll(() => page.getByTestId('account').count()).toBe(2);
    const firstIssuer = await page.getByTestId('account').first().getAttribute('data-issuer');
    const first = CASES.find((c) => c.issuer === firstIssuer)!;
    expect(first.algorithm).toMatch(/SHA(256|512)/);
    const before = Date.now();
    await page.getByTestId('search').press('Enter');
    const text = await copied();
    expect(oracleCodes((t) => oathtoolCode(first.secret, t, first), before, Date.now())).toContain(text);
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Copied/);
    await page.getByTestId('search').fill('');
  });

  it('copies a Steam code with Enter on its focused row', async () => {
    await board.write(NOTHING);
    const steam = page.locator('[data-testid="account"][data-issuer="Steam"] button.copy');
    await steam.focus();
    const before = Date.now();
    await page.keyboard.press('Enter');
    const text = await copied();
    expect(oracleCodes((t) => steamCode(S.steam, t), before, Date.now())).toContain(text);
  });

  it('locks, refuses a wrong passphrase, and unlocks with everything still there', async () => {
    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-passphrase').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('unlock-passphrase').fill('wrong passphrase');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toMatch(/passphrase/i);
    await unlock(page);
    await expect.poll(() => page.getByTestId('account').count()).toBe(7);
    await expectAllCodes(page, 6);
  });

  it('the options page passes an accessibility check', async () => {
    const options = await openOptions(browser);
    await options.getByTestId('auto-lock').waitFor();
    expect(await seriousA11yViolations(options)).toEqual([]);
    await options.close();
  });

  it('a new passphrase made only of spaces is refused on the options page, and the old one still unlocks', async () => {
    const options = await openOptions(browser);
    await options.getByTestId('pass-current').fill('correct horse battery staple');
    await options.getByTestId('pass-new').fill('\t' + ' '.repeat(10));
    await options.getByTestId('pass-confirm').fill('\t' + ' '.repeat(10));
    await options.getByTestId('pass-submit').click();
    await expect.poll(() => options.getByTestId('pass-result').textContent()).toMatch(/only of spaces/);
    await options.close();
    await page.getByTestId('lock').click();
    await unlock(page);
  });

  it('a browser restart locks; unlocking shows every account', async () => {
    await browser.close();
    browser = await launch(profile);
    page = await openPopup(browser);
    await page.getByTestId('unlock-passphrase').waitFor();
    await unlock(page);
    await expect.poll(() => page.getByTestId('account').count()).toBe(7);
    await expectAllCodes(page, 6);
  });

  it('no secret reaches the profile directory in the clear', async () => {
    await browser.close();
    const needles: Buffer[] = [];
    for (const secret of Object.values(S)) {
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
    const passphrase = Buffer.from('correct horse battery staple');
    const leaks: string[] = [];
    for (const file of allFiles(profile)) {
      const content = fs.readFileSync(file);
      for (const needle of [...needles, passphrase])
        if (content.includes(needle)) leaks.push(`${file}: ${needle.subarray(0, 8).toString('hex')}`);
    }
    expect(leaks).toEqual([]);
    browser = await launch(profile); // for afterAll
  });
});
