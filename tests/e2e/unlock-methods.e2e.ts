/**
 * Unlock with a passkey, recover with a recovery key (issue 10), in headless Chromium. Passkeys
 * come from the DevTools virtual authenticator (WebAuthn.addVirtualAuthenticator with `hasPrf`),
 * which belongs to one page target: each test drives one tab and navigates it between the options
 * page and the popup's page, so the authenticator that made a passkey is the one asked for it (a
 * credential copied into another authenticator with WebAuthn.addCredential loses its PRF secret).
 *
 * Set SESAME_SCREENSHOTS=<dir> to keep light and dark screenshots of the new screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import {
  addUris,
  allFiles,
  launch,
  newProfileDir,
  openOptions,
  openPopup,
  PASSPHRASE,
  readCode,
  seriousA11yViolations,
  setUpInPopup,
  unlock,
  type Launched,
} from './harness';
import { oathtoolCode, oracleCodes, steamCode, type OathOptions } from '../support/oracles';
import { fixturePath, readFixtureText } from '../support/fixtures';
import { writeIdbDump } from '../support/idb-dump';

interface Case extends OathOptions {
  readonly issuer: string;
  readonly secret: string;
  readonly steam?: boolean;
  readonly uri: string;
}
const CASES: Case[] = [
  {
    issuer: 'Acme',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    uri: 'otpauth://totp/Acme:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme',
  },
  {
    issuer: 'Sixty',
    secret: 'ORSXG5BNONSWG4TFOQWWC3TEFVWW64TFEBWWC4TFEBUW4ZTP',
    period: 60,
    algorithm: 'SHA256',
    digits: 8,
    uri: 'otpauth://totp/Sixty:erin?secret=ORSXG5BNONSWG4TFOQWWC3TEFVWW64TFEBWWC4TFEBUW4ZTP&issuer=Sixty&period=60&algorithm=SHA256&digits=8',
  },
  {
    issuer: 'Steam',
    secret: 'OBQXG43XN5ZGIMJSGM2DKNRXHA4TAYLC',
    steam: true,
    uri: 'otpauth://totp/Steam:gabe?secret=OBQXG43XN5ZGIMJSGM2DKNRXHA4TAYLC&issuer=Steam&encoder=steam',
  },
];
const NEW_PASSPHRASE = 'a new passphrase after recovery';

const VIRTUAL = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
};

async function addAuthenticator(cdp: CDPSession, hasPrf: boolean): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { ...VIRTUAL, hasPrf } as never });
  return authenticatorId;
}

async function expectCodes(page: Page, cases: readonly Case[] = CASES): Promise<void> {
  for (const c of cases) {
    const { code, before, after } = await readCode(page, c.issuer);
    const oracle = c.steam ? (t: number) => steamCode(c.secret, t) : (t: number) => oathtoolCode(c.secret, t, c);
    expect(oracleCodes(oracle, before, after), c.issuer).toContain(code);
  }
}

const issuers = async (page: Page): Promise<string[]> =>
  (await page.getByTestId('account').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer') ?? ''))).sort();

const extensionUrl = (l: Launched, file: string) => `chrome-extension://${l.extensionId}/${file}`;

/** Light and dark screenshots for a person to look at, when SESAME_SCREENSHOTS names a folder. */
async function screenshots(page: Page, name: string, selector = 'body'): Promise<void> {
  const dir = process.env['SESAME_SCREENSHOTS'];
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page
      .locator(selector)
      .first()
      .screenshot({ path: path.join(dir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: null });
}

async function lockFromPopup(l: Launched, page: Page): Promise<void> {
  await page.goto(extensionUrl(l, 'popup.html'));
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-passphrase').waitFor();
}

async function exportBackup(options: Page, dir: string): Promise<string> {
  await options.getByTestId('export-backup-passphrase').fill(PASSPHRASE);
  const [download] = await Promise.all([
    options.waitForEvent('download', { timeout: 60_000 }),
    options.getByTestId('export-backup').click(),
  ]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

describe('passkey unlock and the recovery key, in one profile', () => {
  const profile = newProfileDir();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-unlock-methods-'));
  let browser: Launched;
  let page: Page;
  let cdp: CDPSession;
  let authenticator = '';
  let recoveryKey = '';

  beforeAll(async () => {
    browser = await launch(profile);
    page = await setUpInPopup(browser);
    expect(
      await addUris(
        page,
        CASES.map((c) => c.uri),
      ),
    ).toMatch(/Added 3/);
    cdp = await browser.context.newCDPSession(page);
    authenticator = await addAuthenticator(cdp, true);
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('settings add a passkey after the vault passphrase; it is listed by its name; the same authenticator is not added twice', async () => {
    await page.goto(extensionUrl(browser, 'options.html'));
    await page.getByTestId('passkey-name').fill('Virtual key');
    await page.getByTestId('passkey-passphrase').fill('not the passphrase');
    await page.getByTestId('passkey-add').click();
    await expect.poll(() => page.getByTestId('passkey-result').textContent(), { timeout: 30_000 }).toMatch(/passphrase is not right/);
    expect(await page.getByTestId('passkey-row').count()).toBe(0);

    await page.getByTestId('passkey-passphrase').fill(PASSPHRASE);
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('passkey-row').getAttribute('data-name')).toBe('Virtual key');
    expect(await page.getByTestId('passkey-result').textContent()).toMatch(/Virtual key/);
    const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator })) as {
      credentials: { rpId: string }[];
    };
    expect(credentials.map((c) => c.rpId)).toEqual([`chrome-extension://${browser.extensionId}`]);

    await page.getByTestId('passkey-name').fill('Again');
    await page.getByTestId('passkey-passphrase').fill(PASSPHRASE);
    await page.getByTestId('passkey-add').click();
    await expect.poll(() => page.getByTestId('passkey-result').textContent(), { timeout: 30_000 }).toMatch(/already holds a passkey/);
    expect(await page.getByTestId('passkey-row').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'options-unlock-methods', 'section:has(#unlock-methods-heading)');
  });

  it('locked, the popup offers "Use passkey" beside the passphrase; the passkey unlocks and the codes match oathtool', async () => {
    await lockFromPopup(browser, page);
    await page.getByTestId('unlock-passkey').waitFor();
    expect(await page.getByTestId('unlock-passphrase').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'popup-unlock-passkey');
    await page.getByTestId('unlock-passkey').click();
    await page.getByTestId('search').waitFor({ timeout: 30_000 });
    expect(await issuers(page)).toEqual(['Acme', 'Sixty', 'Steam']);
    await expectCodes(page);
  });

  it('the popup page opened as a tab for the ceremony (as Firefox does) starts it by itself and shows the codes', async () => {
    await lockFromPopup(browser, page);
    await page.goto(extensionUrl(browser, 'popup.html?unlock=passkey'));
    await page.getByTestId('search').waitFor({ timeout: 30_000 });
    await expectCodes(page, CASES.slice(0, 1));
  });

  it('another authenticator, without the passkey, is refused: the vault stays locked and the passphrase still unlocks', async () => {
    await lockFromPopup(browser, page);
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: authenticator });
    await addAuthenticator(cdp, true);
    await page.getByTestId('unlock-passkey').click();
    await expect
      .poll(() => page.getByTestId('unlock-passkey-error').textContent(), { timeout: 30_000 })
      .toMatch(/holds no passkey for Sesame/);
    expect(await page.getByTestId('search').count()).toBe(0);
    await unlock(page);
  });

  it('a removed passkey leaves the list, and the unlock screen no longer offers it', async () => {
    await page.goto(extensionUrl(browser, 'options.html'));
    await page.getByTestId('passkey-remove').click();
    await expect.poll(() => page.getByTestId('passkey-row').count()).toBe(0);
    await lockFromPopup(browser, page);
    await page.getByTestId('unlock-recovery').waitFor();
    expect(await page.getByTestId('unlock-passkey').count()).toBe(0);
    await unlock(page);
  });

  it('settings create a recovery key, shown once in groups; it is saved only when typed back, and a typo is named', async () => {
    await page.goto(extensionUrl(browser, 'options.html'));
    await page.getByTestId('recovery-passphrase').fill(PASSPHRASE);
    await page.getByTestId('recovery-key-create').click();
    const text = page.getByTestId('recovery-key-text');
    await text.waitFor({ timeout: 30_000 });
    recoveryKey = ((await text.textContent()) ?? '').trim();
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    expect(await page.getByTestId('recovery-key-copy').isVisible()).toBe(true);
    expect(await page.getByTestId('recovery-key-print').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'options-recovery-key', 'section:has(#unlock-methods-heading)');

    // One character off: the check characters find it, and nothing is saved.
    const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'A' ? 'B' : 'A') + recoveryKey.slice(6);
    await page.getByTestId('recovery-key-confirm').fill(typo);
    await page.getByTestId('recovery-key-save').click();
    await expect.poll(() => page.getByTestId('recovery-key-result').textContent()).toMatch(/typo/);
    // Typed as people do: lower case, spaces.
    await page.getByTestId('recovery-key-confirm').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
    await page.getByTestId('recovery-key-save').click();
    await expect.poll(() => page.getByTestId('recovery-key-status').textContent(), { timeout: 30_000 }).toMatch(/You have a recovery key/);
    expect(await page.getByTestId('recovery-key-text').count()).toBe(0);
    await exportBackup(page, work);
  });

  it('"Forgot your passphrase?" takes the recovery key, then asks for a new passphrase before anything else; every account is there', async () => {
    await lockFromPopup(browser, page);
    await page.getByTestId('unlock-recovery').click();
    const field = page.getByTestId('unlock-recovery-key');
    const typo = `${recoveryKey.slice(0, -1)}${recoveryKey.endsWith('0') ? '1' : '0'}`;
    await field.fill(typo);
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('unlock-recovery-error').textContent(), { timeout: 30_000 }).toMatch(/typo/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'popup-unlock-recovery');

    await field.fill(recoveryKey);
    await field.press('Enter');
    await page.getByTestId('setup-passphrase').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('recovered-intro').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'popup-new-passphrase');
    // Nothing else answers until the new passphrase is set: another page shows no accounts.
    const other = await openPopup(browser);
    await other.getByTestId('setup-passphrase').waitFor({ timeout: 30_000 });
    expect(await other.getByTestId('account').count()).toBe(0);
    await other.close();

    await page.getByTestId('setup-passphrase').fill(NEW_PASSPHRASE);
    await page.getByTestId('setup-confirm').fill(NEW_PASSPHRASE);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('search').waitFor({ timeout: 30_000 });
    expect(await issuers(page)).toEqual(['Acme', 'Sixty', 'Steam']);
    await expectCodes(page);

    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent(), { timeout: 30_000 }).toMatch(/\w/);
    await unlock(page, NEW_PASSPHRASE);
    expect(await issuers(page)).toEqual(['Acme', 'Sixty', 'Steam']);
  });

  it('a backup made with a recovery key opens, in another browser, with that recovery key', async () => {
    const [file] = fs.readdirSync(work).filter((f) => f.startsWith('sesame-backup-'));
    expect(file).toBeDefined();
    expect(JSON.parse(fs.readFileSync(path.join(work, file!), 'utf8'))).toMatchObject({ format: 'sesame-backup', version: 2 });
    const other = await launch();
    try {
      const popup = await setUpInPopup(other, 'another browser passphrase');
      const options = await openOptions(other);
      await options.getByTestId('import-file').setInputFiles(path.join(work, file!));
      await options.getByTestId('import-password').fill(recoveryKey);
      await options.getByTestId('import-password-submit').click();
      await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(3);
      await options.getByTestId('import-submit').click();
      await options
        .getByTestId('import-result')
        .filter({ hasText: /Added 3/ })
        .waitFor({ timeout: 30_000 });
      await popup.reload();
      await popup.getByTestId('account').first().waitFor({ timeout: 30_000 });
      expect(await issuers(popup)).toEqual(['Acme', 'Sixty', 'Steam']);
      await expectCodes(popup);
    } finally {
      await other.close();
    }
  });
  it('neither the recovery key, as shown or as typed, nor the new passphrase reaches the profile directory', async () => {
    await browser.close();
    const forms = [recoveryKey, recoveryKey.replace(/-/g, ''), recoveryKey.toLowerCase().replace(/-/g, ' '), NEW_PASSPHRASE];
    const needles = forms.flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]);
    const leaks: string[] = [];
    for (const file of allFiles(profile)) {
      const content = fs.readFileSync(file);
      for (const needle of needles) if (content.includes(needle)) leaks.push(`${file}: ${needle.subarray(0, 8).toString('hex')}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('passkeys without PRF: the reason is shown, nothing is added', () => {
  let browser: Launched;
  let page: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    browser = await launch();
    page = await setUpInPopup(browser);
    await addUris(page, [CASES[0]!.uri]);
    cdp = await browser.context.newCDPSession(page);
  });
  afterAll(() => browser?.close());

  it('an authenticator without PRF makes no passkey slot, and says why', async () => {
    const withoutPrf = await addAuthenticator(cdp, false);
    await page.goto(extensionUrl(browser, 'options.html'));
    await page.getByTestId('passkey-name').fill('No PRF key');
    await page.getByTestId('passkey-passphrase').fill(PASSPHRASE);
    await page.getByTestId('passkey-add').click();
    await expect
      .poll(() => page.getByTestId('passkey-result').textContent(), { timeout: 30_000 })
      .toMatch(/does not support the PRF extension/);
    expect(await page.getByTestId('passkey-row').count()).toBe(0);
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: withoutPrf });
  });

  it('where the browser lacks PRF, "Use passkey" and "Add a passkey" are disabled with the reason; the passphrase still unlocks', async () => {
    await addAuthenticator(cdp, true);
    await page.getByTestId('passkey-name').fill('Virtual key');
    await page.getByTestId('passkey-passphrase').fill(PASSPHRASE);
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-row').waitFor({ timeout: 30_000 });
    await lockFromPopup(browser, page);

    // The browser's own answer to "can you do PRF?" (WebAuthn Level 3 getClientCapabilities).
    await page.addInitScript(() => {
      PublicKeyCredential.getClientCapabilities = async () => ({ 'extension:prf': false });
    });
    await page.reload();
    const button = page.getByTestId('unlock-passkey');
    await button.waitFor();
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await page.getByTestId('unlock-passkey-reason').textContent()).toMatch(/does not support the passkey PRF extension/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshots(page, 'popup-unlock-passkey-unsupported');
    await unlock(page);

    await page.goto(extensionUrl(browser, 'options.html'));
    await expect.poll(() => page.getByTestId('passkey-add').isDisabled()).toBe(true);
    expect(await page.getByTestId('passkey-unsupported').textContent()).toMatch(/PRF/);
  });
});

describe('a format-1 vault in the browser', () => {
  let browser: Launched;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());

  it("a real format-1 vault loaded into the extension's IndexedDB unlocks with its passphrase, upgraded, with every account", async () => {
    const expected = JSON.parse(readFixtureText('vault-format-1/EXPECTED.json')) as {
      passphrase: string;
      accounts: { issuer: string; type: string; secret: string; algorithm?: OathOptions['algorithm']; digits?: number; period?: number }[];
    };
    // The popup's first request opens (creates) the database as the extension does.
    const page = await openPopup(browser);
    await page.getByTestId('setup-passphrase').waitFor({ timeout: 30_000 });
    const [worker] = browser.context.serviceWorkers();
    const dump = fs.readFileSync(fixturePath('vault-format-1/vault.json'), 'utf8');
    const version = await worker!.evaluate(writeIdbDump, { text: dump });
    expect(version).toBe(1);

    await page.reload();
    await unlock(page, expected.passphrase);
    const totp = expected.accounts.filter((a) => a.type === 'totp');
    expect(await issuers(page)).toEqual(expected.accounts.map((a) => a.issuer).sort());
    for (const a of totp) {
      const { code, before, after } = await readCode(page, a.issuer);
      expect(
        oracleCodes((t) => oathtoolCode(a.secret, t, { algorithm: a.algorithm, digits: a.digits, period: a.period }), before, after),
        a.issuer,
      ).toContain(code);
    }
    // Stored as format 2 now; it unlocks again (and offers the new ways in).
    const header = await worker!.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('sesame-vault');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const value = await new Promise<{ version: number; slots: { kind: string }[] }>((resolve, reject) => {
        const req = db.transaction('meta').objectStore('meta').get('header');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return { version: value.version, kinds: value.slots.map((s) => s.kind) };
    });
    expect(header).toEqual({ version: 2, kinds: ['passphrase'] });
    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-recovery').waitFor();
    await unlock(page, expected.passphrase);
    expect(await issuers(page)).toHaveLength(expected.accounts.length);
  });
});
