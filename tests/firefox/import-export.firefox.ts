/**
 * Import and export on the options page in Firefox: the encrypted Aegis fixture (codes checked
 * against oathtool; HOTP against the fixture's reference code, oathtool's HOTP being SHA-1 only;
 * Steam against the independent implementation), the cap on an encrypted file's key-stretching
 * work and Cancel of a slow derivation in the import worker, an encrypted Sesame backup downloaded
 * and read back, every export behind the vault passphrase (a wrong one refused, no file), a plain
 * export after the passphrase again, and the scheduled backup, which asks for the optional
 * `downloads` permission (the prompt is accepted in the browser window) and saves a file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  acceptPermissionPrompt,
  byTestId,
  chooseFile,
  click,
  count,
  launch,
  openOptions,
  openPopup,
  PASSPHRASE,
  readCode,
  setUpVault,
  waitForText,
  type Firefox,
} from './harness';
import { oathtoolCode, oracleCodes, steamCode } from '../support/oracles';
import { fixturePath, readFixtureJson } from '../support/fixtures';
import { makeAegisFile } from '../unit/import/make-aegis-file';

const AEGIS = fixturePath('other_apps/aegis_encrypted.json');

interface Vector {
  readonly n: number;
  readonly type: 'totp' | 'hotp' | 'steam';
  readonly issuer: string;
  readonly secret: string;
  readonly algo: 'SHA1' | 'SHA256' | 'SHA512';
  readonly digits: number;
  readonly period?: number;
  readonly counter?: number;
  readonly reference_code: { readonly at_counter?: number; readonly code: string };
}
interface Expected {
  readonly vectors: Vector[];
  readonly files: Record<string, { password?: string; expected_vectors: number[] }>;
}
const EXPECTED = readFixtureJson<Expected>('other_apps/EXPECTED.json');
const AEGIS_INFO = EXPECTED.files['aegis_encrypted.json']!;
const AEGIS_VECTORS = AEGIS_INFO.expected_vectors.map((n) => EXPECTED.vectors.find((v) => v.n === n)!);

async function expectVectorCode(popup: Page, v: Vector): Promise<void> {
  const { code, before, after } = await readCode(popup, v.issuer);
  if (v.type === 'hotp') {
    expect(v.reference_code.at_counter).toBe(v.counter);
    expect(code, v.issuer).toBe(v.reference_code.code);
    if (v.algo === 'SHA1') expect(code, v.issuer).toBe(oathtoolCode(v.secret, 0, { type: 'hotp', counter: v.counter!, digits: v.digits }));
  } else if (v.type === 'steam') {
    expect(
      oracleCodes((t) => steamCode(v.secret, t), before, after),
      v.issuer,
    ).toContain(code);
  } else {
    expect(
      oracleCodes((t) => oathtoolCode(v.secret, t, { algorithm: v.algo, digits: v.digits, period: v.period! }), before, after),
      v.issuer,
    ).toContain(code);
  }
}

/** Waits for a finished download (no .part file left) matching `name` under `dir`, and returns its path. */
async function downloaded(dir: string, name: RegExp): Promise<string> {
  let found = '';
  await expect
    .poll(
      () => {
        const files = fs.readdirSync(dir, { recursive: true }).map(String);
        found = files.find((f) => name.test(path.basename(f)) && !files.includes(`${f}.part`)) ?? '';
        return found !== '' && fs.statSync(path.join(dir, found)).size > 0;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
  return path.join(dir, found);
}

async function importFile(options: Page, file: string, password?: string): Promise<void> {
  await chooseFile(options, byTestId('import-file'), file);
  if (password !== undefined) {
    await options.waitForSelector(byTestId('import-password'));
    await options.type(byTestId('import-password'), password);
    await click(options, byTestId('import-password-submit'));
  }
}

describe('import and export in Firefox', () => {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-firefox-downloads-'));
  let ff: Firefox;
  let options: Page;

  beforeAll(async () => {
    ff = await launch(undefined, { downloadDir: downloads });
    await setUpVault(ff);
    options = await openOptions(ff);
    await options.waitForSelector(byTestId('import-file'), { timeout: 30_000 });
  });
  afterAll(async () => {
    await ff?.close().catch(() => {});
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('imports the encrypted Aegis file (its password asked for); the popup shows codes that match the oracles', async () => {
    await importFile(options, AEGIS, AEGIS_INFO.password);
    await expect.poll(() => count(options, byTestId('import-row')), { timeout: 30_000 }).toBe(AEGIS_VECTORS.length);
    await click(options, byTestId('import-submit'));
    expect(await waitForText(options, byTestId('import-result'), /Added/)).toMatch(new RegExp(`Added ${AEGIS_VECTORS.length} account`));

    const popup = await openPopup(ff);
    await expect.poll(() => count(popup, byTestId('account'))).toBe(AEGIS_VECTORS.length);
    expect(AEGIS_VECTORS.map((v) => v.type)).toEqual(expect.arrayContaining(['totp', 'hotp', 'steam']));
    for (const v of AEGIS_VECTORS) await expectVectorCode(popup, v);
    await popup.close();
  });

  it('a wrong Aegis password is refused and adds nothing', async () => {
    await importFile(options, AEGIS, 'not the password');
    await waitForText(options, byTestId('import-error'), /password/i);
    expect(await count(options, byTestId('import-row'))).toBe(0);
  });

  it('a file asking for more key-stretching work than the cap is refused before any work; Cancel stops a slow derivation at once', async () => {
    // Two password slots at Aegis' largest scrypt memory setting: twice the cap.
    const costly = path.join(downloads, '..', `${path.basename(downloads)}-costly.json`);
    fs.writeFileSync(
      costly,
      makeAegisFile(
        [
          { password: 'x', N: 2 ** 18, derive: false },
          { password: 'y', N: 2 ** 18, derive: false },
        ],
        'Costly',
      ),
    );
    await importFile(options, costly, 'x');
    await waitForText(options, byTestId('import-error'), /password-stretching work/);
    expect(await count(options, byTestId('import-row'))).toBe(0);

    // One slot at N=2^18, r=8: within the cap, and seconds of scrypt in the options page's worker.
    const slow = path.join(downloads, '..', `${path.basename(downloads)}-slow.json`);
    fs.writeFileSync(slow, makeAegisFile([{ password: 'slow but fine', N: 2 ** 18 }], 'Slowpoke'));
    await importFile(options, slow, 'slow but fine');
    await click(options, byTestId('import-cancel'));
    await options.waitForSelector(byTestId('import-cancelled'));
    expect(await count(options, byTestId('import-cancel'))).toBe(0);
    expect(await count(options, byTestId('import-row'))).toBe(0);
    expect(await options.$eval(byTestId('import-password-submit'), (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    fs.rmSync(costly);
    fs.rmSync(slow);
  });

  it('every export needs the vault passphrase: a wrong one is refused and nothing is saved', async () => {
    await options.type(byTestId('export-backup-passphrase'), 'not the passphrase');
    await click(options, byTestId('export-backup'));
    await waitForText(options, byTestId('export-backup-result'), /passphrase is not right/);
    await options.type(byTestId('export-plain-passphrase'), 'not the passphrase');
    await click(options, byTestId('export-plain-unlock'));
    await waitForText(options, byTestId('export-plain-error'), /passphrase is not right/);
    expect(await count(options, byTestId('export-uri-list'))).toBe(0);
    expect(fs.readdirSync(downloads)).toEqual([]);
    await options.$eval(byTestId('export-plain-passphrase'), (el) => {
      (el as HTMLInputElement).value = '';
    });
  });

  it('downloads an encrypted Sesame backup, which reads back as the same accounts (all duplicates)', async () => {
    await options.$eval(byTestId('export-backup-passphrase'), (el) => {
      (el as HTMLInputElement).value = '';
    });
    await options.type(byTestId('export-backup-passphrase'), PASSPHRASE);
    await click(options, byTestId('export-backup'));
    await waitForText(options, byTestId('export-backup-result'), new RegExp(`Backup of ${AEGIS_VECTORS.length} accounts saved`));
    const file = await downloaded(downloads, /^sesame-backup-\d{4}-\d{2}-\d{2}.*\.json$/);
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'sesame-backup', version: 1, kdf: { name: 'PBKDF2-SHA256' } });
    for (const v of AEGIS_VECTORS) expect(text).not.toContain(v.secret);

    await importFile(options, file, PASSPHRASE);
    await expect
      .poll(() => count(options, '[data-testid="import-row"][data-duplicate="true"]'), { timeout: 30_000 })
      .toBe(AEGIS_VECTORS.length);
    fs.rmSync(file);
  });

  it('a plain export needs the passphrase again and holds every account', async () => {
    await options.type(byTestId('export-plain-passphrase'), PASSPHRASE);
    await click(options, byTestId('export-plain-unlock'));
    await click(options, byTestId('export-uri-list'));
    const uris = fs
      .readFileSync(await downloaded(downloads, /\.txt$/), 'utf8')
      .trim()
      .split('\n');
    expect(uris).toHaveLength(AEGIS_VECTORS.length);
    for (const v of AEGIS_VECTORS)
      expect(
        uris.some((u) => u.includes(`secret=${v.secret}`)),
        v.issuer,
      ).toBe(true);
  });

  it('shows a QR code per account, and Google Authenticator migration codes', async () => {
    await click(options, byTestId('export-show-qr'));
    await expect.poll(() => count(options, `${byTestId('export-qr')} svg`), { timeout: 30_000 }).toBe(AEGIS_VECTORS.length);
    await click(options, byTestId('export-show-migration'));
    await waitForText(options, byTestId('export-migration-position'), /^1 of \d+$/);
    expect(await count(options, `${byTestId('export-migration-qr')} svg`)).toBe(1);
  });

  it('the scheduled backup asks for the downloads permission and saves an encrypted backup into the downloads folder', async () => {
    await options.type(byTestId('auto-backup-passphrase'), 'another long passphrase');
    await options.type(byTestId('auto-backup-confirm'), 'another long passphrase');
    // Turning the schedule on needs the vault passphrase too (issue 9: exports only behind it).
    await options.type(byTestId('auto-backup-vault-passphrase'), PASSPHRASE);
    await click(options, byTestId('auto-backup-enable'));
    await acceptPermissionPrompt(ff);
    await waitForText(options, byTestId('auto-backup-result'), /first backup is in your downloads folder/);
    const file = await downloaded(path.join(downloads, 'Sesame backups'), /^sesame-backup-.*\.json$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'sesame-backup', version: 1 });
    expect(await options.$eval(byTestId('auto-backup-status'), (el) => el.textContent)).toMatch(/every week/);
  });
});
