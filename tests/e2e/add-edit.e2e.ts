import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fireAutoLock, launch, openPopup, readCode, seriousA11yViolations, setUpInPopup, unlock, type Launched } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

describe('adding by form and by a generated secret; edit, pin, delete', () => {
  let browser: Launched;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
    page = await setUpInPopup(browser);
  });
  afterAll(() => browser?.close());

  it('the form tolerates spaces and lower case in the secret and names a bad field', async () => {
    await page.getByTestId('add').click();
    await page.getByTestId('add-tab-form').click();
    await page.getByTestId('add-issuer').fill('Formly');
    await page.getByTestId('add-label').fill('zoe');
    await page.getByTestId('add-secret').fill('jbsw y3dp ehpk 3pxp');
    await page.getByTestId('add-form-submit').click();
    await expect.poll(() => page.getByTestId('add-result').textContent()).toMatch(/Added 1/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('add-issuer').fill('Broken');
    await page.getByTestId('add-secret').fill('this is not base32!');
    await page.getByTestId('add-form-submit').click();
    await expect.poll(() => page.getByTestId('add-result').textContent()).toMatch(/Base32|secret/i);
    await page.getByTestId('back').click();
    await expect.poll(() => page.getByTestId('account').count()).toBe(1);
    const { code, before, after } = await readCode(page, 'Formly');
    expect(oracleCodes((t) => oathtoolCode('JBSWY3DPEHPK3PXP', t), before, after)).toContain(code);
  });

  it('generates a 160-bit secret with its URI and QR code, and saves it', async () => {
    await page.getByTestId('add').click();
    await page.getByTestId('add-tab-generate').click();
    await page.getByTestId('gen-issuer').fill('My Service');
    await page.getByTestId('gen-label').fill('admin');
    const secret = await page.getByTestId('gen-secret').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes = 32 Base32 characters
    expect(await page.getByTestId('gen-uri').inputValue()).toContain(`secret=${secret}`);
    expect(await page.locator('svg.qr').count()).toBe(1);
    await page.getByTestId('gen-submit').click();
    await expect.poll(() => page.getByTestId('add-result').textContent()).toMatch(/Added 1/);
    await page.getByTestId('back').click();
    const { code, before, after } = await readCode(page, 'My Service');
    expect(oracleCodes((t) => oathtoolCode(secret, t), before, after)).toContain(code);
  });

  it('edits names, pins to the top, and deletes only after a confirmation', async () => {
    const row = page.locator('[data-testid="account"][data-issuer="My Service"]');
    await row.getByTestId('edit').click();
    await page.getByTestId('edit-issuer').fill('Renamed');
    await page.getByTestId('edit-pinned').check();
    await page.getByTestId('edit-save').click();
    await page.getByTestId('search').waitFor();
    const issuers = await page.getByTestId('account').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-issuer')));
    expect(issuers).toEqual(['Renamed', 'Formly']);

    await page.locator('[data-testid="account"][data-issuer="Formly"]').getByTestId('edit').click();
    await page.getByTestId('delete').click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('delete-cancel').click();
    await page.getByTestId('back').click();
    await expect.poll(() => page.getByTestId('account').count()).toBe(2);
    await page.locator('[data-testid="account"][data-issuer="Formly"]').getByTestId('edit').click();
    await page.getByTestId('delete').click();
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('search').waitFor();
    await expect.poll(() => page.getByTestId('account').count()).toBe(1);
  });

  it('after an unlock (answered with the list only), the edit screen still gets the whole account', async () => {
    const row = page.locator('[data-testid="account"][data-issuer="Renamed"]');
    await row.getByTestId('edit').click();
    await page.getByTestId('edit-note').fill('kept in the vault, not in the list');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('search').waitFor();
    await page.getByTestId('lock').click();
    await unlock(page);
    await row.getByTestId('edit').click();
    await expect.poll(() => page.getByTestId('edit-note').inputValue()).toBe('kept in the vault, not in the list');
    await page.getByTestId('back').click();
    await page.getByTestId('search').waitFor();
  });

  it('keyboard: Down from the search moves to the rows, Up returns', async () => {
    await page.getByTestId('search').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('copy'))).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  });

  it('"pop out" opens the popup in a window of its own, bound to the same tab', async () => {
    const boundTab = await page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { tabs: { getCurrent(): Promise<{ id?: number }> } } }).chrome;
      return (await api.tabs.getCurrent()).id;
    });
    const [popped] = await Promise.all([browser.context.waitForEvent('page'), page.getByTestId('pop-out').click()]);
    await popped.waitForLoadState();
    expect(new URL(popped.url()).searchParams.get('tab')).toBe(String(boundTab));
    await popped.getByTestId('search').waitFor();
    expect(await popped.getByTestId('account').count()).toBe(1);
  });

  it('auto-lock: when the idle alarm fires, the vault locks (the alarm is re-armed on every use)', async () => {
    const [worker] = browser.context.serviceWorkers();
    type Alarms = { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } };
    // Every request re-arms the alarm about 15 minutes ahead (the default).
    const armed = await worker!.evaluate(
      async () => (await (globalThis as unknown as { chrome: Alarms }).chrome.alarms.get('auto-lock'))?.scheduledTime ?? 0,
    );
    expect(armed - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(armed - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // Only a blank page stays open while the alarm is brought forward: a page still starting (the
    // window "pop out" opened sends 'touch' once painted) would re-arm it (seen once in CI).
    const blank = await browser.context.newPage();
    for (const open of browser.context.pages()) if (open !== blank) await open.close();
    await fireAutoLock(worker!);
    const after = await openPopup(browser);
    await after.getByTestId('unlock-passphrase').waitFor();
  });
});
