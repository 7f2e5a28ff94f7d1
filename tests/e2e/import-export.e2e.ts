/**
 * Issue 5 end to end: import encrypted Aegis and 2FAS v4 backups through the options page, bad
 * input changes nothing, duplicates are marked, exports (encrypted backup restored in a new
 * profile, plain files), and the QR codes on screen are readable by zbarimg and by Sesame's decoder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';
import { PASSPHRASE, ROOT, launch, openOptions, openPopup, readCode, seriousA11yViolations, setUpVault, type Launched } from './harness';
import { IMPORT_FORMATS } from '../../lib/import/import-formats';
import { migrationDecode, oathtoolCode, oracleCodes, steamCode, zbarimg } from '../support/oracles';
import { fixturePath, readFixtureJson } from '../support/fixtures';
import { decodeQrCodes } from '../../lib/qr/decode-qr-codes';
import { makeAegisFile } from '../unit/import/make-aegis-file';

const AEGIS = fixturePath('other_apps/aegis_encrypted.json');
const TWOFAS = fixturePath('other_apps/2fas_authenticator_encrypted_v4.2fas');

interface Vector {
  readonly n: number;
  readonly type: 'totp' | 'hotp' | 'steam';
  readonly issuer: string;
  readonly name: string;
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
const vector = (n: number): Vector => EXPECTED.vectors.find((v) => v.n === n)!;
const AEGIS_INFO = EXPECTED.files['aegis_encrypted.json']!;
const TWOFAS_INFO = EXPECTED.files['2fas_authenticator_encrypted_v4.2fas']!;

/** Ten more TOTP accounts from a plain otpauth:// list, so the migration export needs two QR codes. */
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const EXTRA = Array.from({ length: 10 }, (_, i) => ({
  issuer: `Batch ${i + 1}`,
  label: `user${i + 1}@example.com`,
  secret: Array.from({ length: 32 }, (_, j) => B32[(j * 7 + i * 5 + 3) % 32]).join(''),
}));
const EXTRA_LIST = `# exported for a test\n${EXTRA.map((e) => `otpauth://totp/${encodeURIComponent(e.issuer)}:${encodeURIComponent(e.label)}?secret=${e.secret}&issuer=${encodeURIComponent(e.issuer)}`).join('\n')}\n`;

/** Checks the popup's code for a vector against oathtool (Steam: the oracles' Steam Guard). */
async function expectVectorCode(popup: Page, v: Vector): Promise<void> {
  const { code, before, after } = await readCode(popup, v.issuer);
  if (v.type === 'hotp') {
    expect(code, v.issuer).toBe(oathtoolCode(v.secret, 0, { type: 'hotp', algorithm: v.algo, counter: v.counter!, digits: v.digits }));
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

/** The issuers the popup lists, sorted. */
async function popupIssuers(l: Launched): Promise<{ popup: Page; issuers: string[] }> {
  const popup = await openPopup(l);
  await popup.getByTestId('search').waitFor({ timeout: 30_000 });
  // The list (every row, up to 60) or the empty-vault message renders with the search field.
  await popup.locator('[data-testid="account"], [data-testid="empty"]').first().waitFor();
  const issuers = await popup.getByTestId('account').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer') ?? ''));
  return { popup, issuers: issuers.sort() };
}

async function chooseFile(options: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await options.getByTestId('import-file').setInputFiles(file);
}

async function openWithPassword(options: Page, password: string): Promise<void> {
  await options.getByTestId('import-password').fill(password);
  await options.getByTestId('import-password-submit').click();
}

async function resultText(options: Page): Promise<string> {
  const result = options.getByTestId('import-result');
  await result.filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
  return (await result.textContent()) ?? '';
}

/** Screenshots a QR code and reads it with zbarimg and with Sesame's own decoder. */
async function readQr(locator: Locator, dir: string, name: string): Promise<{ zbar: string[]; sesame: string[] }> {
  const file = path.join(dir, `${name}.png`);
  await locator.screenshot({ path: file });
  const png = PNG.sync.read(fs.readFileSync(file));
  const sesame = decodeQrCodes({
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    width: png.width,
    height: png.height,
  });
  return { zbar: zbarimg(file), sesame };
}

describe('import and export on the options page', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sesame-import-export-'));
  let browser: Launched;
  let options: Page;
  let backupFile = '';

  beforeAll(async () => {
    browser = await launch();
    await setUpVault(browser);
    options = await openOptions(browser);
    await options.getByTestId('import-file').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists the formats it reads, from the importer registry, and its file picker offers their files', async () => {
    const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
    await options.getByTestId('import-formats').locator('summary').click();
    expect(await options.getByTestId('import-formats').locator('li').allTextContents()).toEqual(
      IMPORT_FORMATS.map((f) => messages[f.label]!.message),
    );
    const accept = (await options.getByTestId('import-file').getAttribute('accept'))?.split(',') ?? [];
    for (const ext of ['.json', '.txt', '.csv', '.2fas', '.aegis', '.maFile']) expect(accept).toContain(ext);
  });

  it('asks for the 2FAS password, refuses a wrong one and adds nothing', async () => {
    await chooseFile(options, TWOFAS);
    await options.getByTestId('import-password').waitFor();
    await openWithPassword(options, 'not the password');
    await expect.poll(() => options.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/password/i);
    expect(await options.getByTestId('import-row').count()).toBe(0);
    const { popup, issuers } = await popupIssuers(browser);
    expect(issuers).toEqual([]);
    await popup.close();
  });

  it('imports the encrypted 2FAS v4 backup; the popup shows codes that match oathtool', async () => {
    await openWithPassword(options, TWOFAS_INFO.password!);
    await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(TWOFAS_INFO.expected_vectors.length);
    expect(await options.locator('[data-testid="import-row"][data-duplicate="true"]').count()).toBe(0);
    // The preview shows a live code per account; check one against oathtool.
    const deno = vector(1);
    const before = Date.now();
    const shown = (
      (await options.locator('[data-testid="import-row"][data-issuer="Deno"] [data-testid="import-code"]').textContent()) ?? ''
    ).replace(/\s/g, '');
    expect(oracleCodes((t) => oathtoolCode(deno.secret, t), before, Date.now())).toContain(shown);
    expect(await seriousA11yViolations(options)).toEqual([]);

    await options.getByTestId('import-submit').click();
    expect(await resultText(options)).toMatch(/Added 5 account/);

    const { popup, issuers } = await popupIssuers(browser);
    expect(issuers).toEqual(TWOFAS_INFO.expected_vectors.map((n) => vector(n).issuer).sort());
    for (const n of TWOFAS_INFO.expected_vectors) await expectVectorCode(popup, vector(n));
    await popup.close();
  });

  it('a corrupt file gets a message and adds nothing', async () => {
    const text = fs.readFileSync(AEGIS, 'utf8');
    await chooseFile(options, {
      name: 'aegis-truncated.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text.slice(0, Math.floor(text.length / 2))),
    });
    await expect.poll(() => options.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/\w/);
    expect(await options.getByTestId('import-row').count()).toBe(0);
    expect(await options.getByTestId('import-submit').count()).toBe(0);

    // Damaged ciphertext inside a well-formed Aegis file: the password is right, the data is not.
    const aegis = JSON.parse(text) as { db: string };
    const db = Buffer.from(aegis.db, 'base64');
    db[10] = db[10]! ^ 0xff;
    await chooseFile(options, {
      name: 'aegis-damaged.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...aegis, db: db.toString('base64') })),
    });
    await openWithPassword(options, AEGIS_INFO.password!);
    await expect.poll(() => options.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/\w/);
    expect(await options.getByTestId('import-row').count()).toBe(0);

    const { popup, issuers } = await popupIssuers(browser);
    expect(issuers).toHaveLength(TWOFAS_INFO.expected_vectors.length);
    await popup.close();
  });

  it('imports the encrypted Aegis file: accounts already there are marked and unchecked, the rest added', async () => {
    await chooseFile(options, AEGIS);
    await openWithPassword(options, AEGIS_INFO.password!);
    await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(AEGIS_INFO.expected_vectors.length);
    const rows = await options.getByTestId('import-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        issuer: tr.getAttribute('data-issuer'),
        duplicate: tr.getAttribute('data-duplicate'),
        checked: (tr.querySelector('input[type=checkbox]') as HTMLInputElement).checked,
      })),
    );
    for (const r of rows) {
      const already = TWOFAS_INFO.expected_vectors.some((n) => vector(n).issuer === r.issuer);
      expect(r, r.issuer ?? '').toEqual({ issuer: r.issuer, duplicate: already ? 'true' : 'false', checked: !already });
    }
    await options.getByTestId('import-submit').click();
    const text = await resultText(options);
    expect(text).toMatch(/Added 2 account/);
    expect(text).toMatch(/Skipped 5 account/);

    const { popup, issuers } = await popupIssuers(browser);
    expect(issuers).toEqual(AEGIS_INFO.expected_vectors.map((n) => vector(n).issuer).sort());
    for (const n of AEGIS_INFO.expected_vectors) await expectVectorCode(popup, vector(n));
    await popup.close();
  });

  it('importing the same file twice marks every account as a duplicate and adds none', async () => {
    await chooseFile(options, AEGIS);
    await openWithPassword(options, AEGIS_INFO.password!);
    await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(7);
    expect(await options.locator('[data-testid="import-row"][data-duplicate="true"]').count()).toBe(7);
    await options.getByTestId('import-submit').click();
    const text = await resultText(options);
    expect(text).toMatch(/Added 0 account/);
    expect(text).toMatch(/Skipped 7 account/);
  });

  it('an encrypted file asking for more key-stretching work than the cap is refused with a message, before any work', async () => {
    // Two password slots at Aegis' largest scrypt memory setting: twice the cap.
    const costly = makeAegisFile(
      [
        { password: 'x', N: 2 ** 18, derive: false },
        { password: 'y', N: 2 ** 18, derive: false },
      ],
      'Costly',
    );
    await chooseFile(options, { name: 'costly.json', mimeType: 'application/json', buffer: Buffer.from(costly) });
    await openWithPassword(options, 'x');
    await expect.poll(() => options.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/password-stretching work/);
    expect(await options.getByTestId('import-row').count()).toBe(0);
  });

  it('Cancel stops a slow key derivation at once; nothing is added and the password can be given again', async () => {
    // One slot at N=2^18, r=8: within the cap, and seconds of scrypt in the page's worker.
    const slow = makeAegisFile([{ password: 'slow but fine', N: 2 ** 18 }], 'Slowpoke', EXTRA[9]!.secret);
    await chooseFile(options, { name: 'slow.json', mimeType: 'application/json', buffer: Buffer.from(slow) });
    await openWithPassword(options, 'slow but fine');
    await options.getByTestId('import-cancel').click();
    await options.getByTestId('import-cancelled').waitFor();
    expect(await options.getByTestId('import-cancel').count()).toBe(0);
    expect(await options.getByTestId('import-row').count()).toBe(0);
    expect(await options.getByTestId('import-password-submit').isEnabled()).toBe(true);
    // The file itself is fine: given time, the same password opens it.
    await openWithPassword(options, 'slow but fine');
    await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 90_000 }).toBe(1);
    await options.getByTestId('import-file').setInputFiles([]);
  });

  it('imports a plain otpauth:// list', async () => {
    await chooseFile(options, { name: 'accounts.txt', mimeType: 'text/plain', buffer: Buffer.from(EXTRA_LIST) });
    await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(EXTRA.length);
    await options.getByTestId('import-submit').click();
    expect(await resultText(options)).toMatch(/Added 10 account/);
    const { popup, issuers } = await popupIssuers(browser);
    expect(issuers).toHaveLength(17);
    const { code, before, after } = await readCode(popup, EXTRA[3]!.issuer);
    expect(oracleCodes((t) => oathtoolCode(EXTRA[3]!.secret, t), before, after)).toContain(code);
    await popup.close();
  });

  it('exports an encrypted backup protected by the vault passphrase (a wrong one is refused)', async () => {
    await options.getByTestId('export-backup-passphrase').fill('not the passphrase');
    await options.getByTestId('export-backup').click();
    await expect
      .poll(() => options.getByTestId('export-backup-result').textContent(), { timeout: 30_000 })
      .toMatch(/passphrase is not right/);

    await options.getByTestId('export-backup-passphrase').fill(PASSPHRASE);
    const [download] = await Promise.all([
      options.waitForEvent('download', { timeout: 60_000 }),
      options.getByTestId('export-backup').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sesame-backup-\d{4}-\d{2}-\d{2}\.json$/);
    backupFile = path.join(work, download.suggestedFilename());
    await download.saveAs(backupFile);
    const text = fs.readFileSync(backupFile, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'sesame-backup', version: 1, kdf: { name: 'PBKDF2-SHA256' } });
    for (const v of EXPECTED.vectors) expect(text).not.toContain(v.secret);
  });

  it("a backup under another passphrase needs Sesame's passphrase too; a wrong one downloads nothing", async () => {
    await options.getByTestId('export-backup-use-other').check();
    await options.getByTestId('export-backup-vault-passphrase').fill('not the passphrase');
    await options.getByTestId('export-backup-passphrase').fill('another long passphrase');
    await options.getByTestId('export-backup-confirm').fill('another long passphrase');
    let downloaded = false;
    const onDownload = () => void (downloaded = true);
    options.on('download', onDownload);
    await options.getByTestId('export-backup').click();
    await expect
      .poll(() => options.getByTestId('export-backup-result').textContent(), { timeout: 30_000 })
      .toMatch(/passphrase is not right/);
    options.off('download', onDownload);
    expect(downloaded).toBe(false);

    await options.getByTestId('export-backup-vault-passphrase').fill(PASSPHRASE);
    const [download] = await Promise.all([
      options.waitForEvent('download', { timeout: 60_000 }),
      options.getByTestId('export-backup').click(),
    ]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'sesame-backup' });
    for (const v of EXPECTED.vectors) expect(text).not.toContain(v.secret);
    await options.getByTestId('export-backup-use-vault').check();
  });

  it('the background builds exports from the vault: a request carrying accounts is refused, one without the passphrase too', async () => {
    type Runtime = { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    const ask = (message: unknown) => options.evaluate((m) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage(m), message);
    const forged = [{ issuer: 'Forged', secret: [1, 2, 3] }];
    expect(await ask({ type: 'export-file', kind: 'uri-list', passphrase: PASSPHRASE, accounts: forged })).toEqual({
      ok: false,
      problem: { code: 'err_bad_request' },
    });
    expect(await ask({ type: 'export-file', kind: 'uri-list' })).toEqual({ ok: false, problem: { code: 'err_bad_request' } });
    expect(await ask({ type: 'export-file', kind: 'uri-list', passphrase: 'not the passphrase' })).toEqual({
      ok: false,
      problem: { code: 'err_vault_wrong_passphrase' },
    });
    const reply = (await ask({ type: 'export-file', kind: 'uri-list', passphrase: PASSPHRASE })) as {
      ok: true;
      value: { text: string; count: number };
    };
    expect(reply.value.count).toBe(17);
    expect(reply.value.text).not.toContain('Forged');
  });

  it('plain exports need the passphrase again; the URI list and Aegis JSON hold every account', async () => {
    await options.getByTestId('export-plain-passphrase').fill('not the passphrase');
    await options.getByTestId('export-plain-unlock').click();
    await expect
      .poll(() => options.getByTestId('export-plain-error').textContent(), { timeout: 30_000 })
      .toMatch(/passphrase is not right/);
    expect(await options.getByTestId('export-uri-list').count()).toBe(0);
    await options.getByTestId('export-plain-passphrase').fill(PASSPHRASE);
    await options.getByTestId('export-plain-unlock').click();

    const [uriDownload] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-uri-list').click()]);
    const uris = fs
      .readFileSync(await uriDownload.path(), 'utf8')
      .trim()
      .split('\n');
    expect(uris).toHaveLength(17);
    for (const n of AEGIS_INFO.expected_vectors)
      expect(
        uris.some((u) => u.includes(`secret=${vector(n).secret}`)),
        vector(n).issuer,
      ).toBe(true);

    const [aegisDownload] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-aegis').click()]);
    const aegis = JSON.parse(fs.readFileSync(await aegisDownload.path(), 'utf8')) as {
      db: { entries: { issuer: string; info: { secret: string } }[] };
    };
    expect(aegis.db.entries).toHaveLength(17);
    expect(aegis.db.entries.find((e) => e.issuer === 'WWE')?.info.secret).toBe(vector(6).secret);
  });

  it('shows a QR code per account that zbarimg and Sesame both read', async () => {
    await options.getByTestId('export-show-qr').click();
    await expect.poll(() => options.getByTestId('export-qr').count(), { timeout: 30_000 }).toBe(17);
    for (const v of [vector(1), vector(6), vector(7), vector(2)]) {
      const figure = options.locator(`[data-testid="export-qr"][data-issuer="${v.issuer}"] svg`);
      const { zbar, sesame } = await readQr(figure, work, `qr-${v.n}`);
      for (const text of [zbar, sesame]) {
        expect(text, v.issuer).toHaveLength(1);
        expect(text[0]).toMatch(/^otpauth:\/\//);
        expect(text[0]).toContain(`secret=${v.secret}`);
        expect(text[0]).toContain(`issuer=${encodeURIComponent(v.issuer)}`);
      }
      expect(sesame).toEqual(zbar);
    }
  });

  it('shows Google Authenticator migration QR codes in batches ("1 of 2") that both decoders read', async () => {
    await options.getByTestId('export-show-migration').click();
    const position = options.getByTestId('export-migration-position');
    await expect.poll(() => position.textContent(), { timeout: 30_000 }).toBe('1 of 2');
    // 7-digit and 50-second accounts do not fit the format and are listed with why.
    expect(await options.getByTestId('export-migration-skipped').textContent()).toMatch(/SPDX[\s\S]*Airbnb|Airbnb[\s\S]*SPDX/);

    const secrets = new Set<string>();
    for (let i = 0; i < 2; i++) {
      if (i > 0) {
        await options.getByTestId('export-migration-next').click();
        await expect.poll(() => position.textContent(), { timeout: 30_000 }).toBe('2 of 2');
      }
      const { zbar, sesame } = await readQr(options.locator('[data-testid="export-migration-qr"] svg'), work, `migration-${i}`);
      expect(zbar).toHaveLength(1);
      expect(sesame).toEqual(zbar);
      // Read by the oracles' decoder (google_auth.proto), not by Sesame's.
      const payload = migrationDecode(zbar[0]!);
      expect(payload).toMatchObject({ version: 1, batchIndex: i, batchSize: 2 });
      for (const a of payload.accounts) secrets.add(a.secret);
    }
    const expected = [...[1, 4, 6, 7].map((n) => vector(n).secret), ...EXTRA.map((e) => e.secret)];
    expect([...secrets].sort()).toEqual(expected.sort());
    await options.getByTestId('export-migration-prev').click();
    await expect.poll(() => position.textContent(), { timeout: 30_000 }).toBe('1 of 2');
  });

  it('automatic backup is off by default; while locked the options page offers an unlock form', async () => {
    expect(await options.getByTestId('auto-backup-status').textContent()).toBe('Off.');
    const popup = await openPopup(browser);
    await popup.getByTestId('lock').click();
    await popup.getByTestId('unlock-passphrase').waitFor();
    await popup.close();
    await options.reload();
    await options.getByTestId('unlock-passphrase').fill('not the passphrase');
    await options.getByTestId('unlock-submit').click();
    await expect.poll(() => options.getByTestId('unlock-error').textContent(), { timeout: 30_000 }).toMatch(/passphrase/);
    expect(await options.getByTestId('import-file').count()).toBe(0);
    expect(await seriousA11yViolations(options)).toEqual([]);
    await options.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await options.getByTestId('unlock-submit').click();
    await options.getByTestId('import-file').waitFor({ timeout: 30_000 });
  });

  it('reads a file dropped on the drop zone', async () => {
    const drop = await options.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      return data;
    }, `otpauth://totp/Dropped:zoe?secret=${EXTRA[0]!.secret}&issuer=Dropped\n`);
    await options.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: drop });
    await expect.poll(() => options.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await options.getByTestId('import-file-name').textContent()).toContain('dropped.txt');
    await options.getByTestId('import-file').setInputFiles([]);
  });

  it('restores the encrypted backup into a new profile with the same accounts', async () => {
    expect(backupFile).not.toBe('');
    const fresh = await launch();
    try {
      await setUpVault(fresh, 'another long passphrase');
      const page = await openOptions(fresh);
      await chooseFile(page, backupFile);
      await openWithPassword(page, 'wrong passphrase here');
      await expect.poll(() => page.getByTestId('import-error').textContent(), { timeout: 30_000 }).toMatch(/passphrase/);
      await openWithPassword(page, PASSPHRASE);
      await expect.poll(() => page.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(17);
      await page.getByTestId('import-submit').click();
      expect(await resultText(page)).toMatch(/Added 17 account/);
      const { popup: restored, issuers } = await popupIssuers(fresh);
      const original = await popupIssuers(browser);
      expect(issuers).toEqual(original.issuers);
      await original.popup.close();
      for (const n of AEGIS_INFO.expected_vectors) await expectVectorCode(restored, vector(n));
    } finally {
      await fresh.close();
    }
  });
});
