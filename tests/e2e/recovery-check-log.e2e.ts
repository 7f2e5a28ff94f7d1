import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addUris,
  clipboard,
  launch,
  openOptions,
  openPopup,
  readCode,
  seriousA11yViolations,
  setUp,
  unlock,
  type Clipboard,
  type Launched,
} from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const TOTP = 'JBSWY3DPEHPK3PXP';
const HOTP = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const GITHUB_CODES = ['d1c2b-3a4f5', '6e7d8-c9b0a', '1f2e3-d4c5b'];

const row = (page: Page, issuer: string) => page.locator(`[data-testid="account"][data-issuer="${issuer}"]`);

async function openEdit(page: Page, issuer: string) {
  await row(page, issuer).getByTestId('edit').click();
  await page.getByTestId('edit-issuer').waitFor();
}

/**
 * Waits for a moment with at least `margin` ms left in the current 30 s step, so the code made
 * for "now + 60 s" is still two steps ahead when the popup checks it. (The condition is the
 * clock's: within `margin` of a step's end it holds again right after the step turns.)
 */
async function awayFromStepEdge(margin = 4000) {
  await expect.poll(() => 30_000 - (Date.now() % 30_000), { interval: 100, timeout: margin + 1000 }).toBeGreaterThanOrEqual(margin);
}

describe('recovery codes, code check and clock offset, activity log', () => {
  let browser: Launched;
  let page: Page;
  let board: Clipboard;

  beforeAll(async () => {
    browser = await launch();
    page = await openPopup(browser);
    board = await clipboard(browser, () => page);
    await setUp(page);
    const added = await addUris(page, [
      `otpauth://totp/Drift:alice?secret=${TOTP}&issuer=Drift`,
      `otpauth://hotp/Counter:bob?secret=${HOTP}&issuer=Counter&counter=0`,
    ]);
    expect(added).toMatch(/Added 2/);
  });
  afterAll(() => browser?.close());

  it('adds recovery codes, marks one used; after lock and unlock it is still marked', async () => {
    await openEdit(page, 'Drift');
    await page.getByTestId('recovery-open').click();
    await page.getByTestId('recovery-input').fill(`Your GitHub recovery codes\n\n${GITHUB_CODES.join('\n')}\n`);
    await page.getByTestId('recovery-save').click();
    await expect.poll(() => page.getByTestId('recovery-code').count()).toBe(3);
    expect(await page.getByTestId('recovery-left').textContent()).toMatch(/3 of 3 left/);
    expect(await page.getByTestId('recovery-code').allTextContents()).toEqual(GITHUB_CODES.map((c) => expect.stringContaining(c)));

    await page.getByTestId('recovery-mark-used').nth(1).click();
    await expect.poll(() => page.getByTestId('recovery-code').nth(1).getAttribute('data-used')).toBe('true');
    expect(await page.getByTestId('recovery-left').textContent()).toMatch(/2 of 3 left/);
    expect(await page.getByTestId('recovery-code').nth(1).locator('s').textContent()).toBe(GITHUB_CODES[1]);

    await board.write('nothing copied yet');
    await page.getByTestId('recovery-copy').first().click();
    await expect.poll(() => page.getByTestId('recovery-status').textContent()).toMatch(/copied/i);
    expect(await board.read()).toBe(GITHUB_CODES[0]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Undo works, then mark it again.
    await page.getByTestId('recovery-mark-used').nth(1).click();
    await expect.poll(() => page.getByTestId('recovery-code').nth(1).getAttribute('data-used')).toBe('false');
    await page.getByTestId('recovery-mark-used').nth(1).click();
    await expect.poll(() => page.getByTestId('recovery-code').nth(1).getAttribute('data-used')).toBe('true');

    await page.getByTestId('back').click();
    await page.getByTestId('back').click();
    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-passphrase').fill('not the passphrase');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toMatch(/passphrase/i);
    await unlock(page);

    await openEdit(page, 'Drift');
    expect(await page.getByTestId('recovery-open').textContent()).toMatch(/2 of 3 left/);
    await page.getByTestId('recovery-open').click();
    await expect.poll(() => page.getByTestId('recovery-code').count()).toBe(3);
    const used = await page.getByTestId('recovery-code').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-used')));
    expect(used).toEqual(['false', 'true', 'false']);
    await page.getByTestId('back').click();
    await page.getByTestId('back').click();
  });

  it("copying a code from the list puts oathtool's code on the clipboard (and is logged, see below)", async () => {
    await board.write('nothing copied yet');
    const before = Date.now();
    await row(page, 'Drift').locator('button.copy').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Copied/);
    expect(oracleCodes((t) => oathtoolCode(TOTP, t), before, Date.now())).toContain(await board.read());
  });

  it('a code from two steps ahead offers a +60 s offset; accepting it shifts the codes and shows the clock warning', async () => {
    expect(await page.getByTestId('clock-warning').count()).toBe(0);
    await openEdit(page, 'Drift');
    await page.getByTestId('check-code').click();
    await page.getByTestId('check-code-input').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await awayFromStepEdge();
    const ahead = oathtoolCode(TOTP, Date.now() + 60_000);
    await page.getByTestId('check-code-input').fill(ahead);
    await page.getByTestId('check-code-submit').click();
    await expect.poll(() => page.getByTestId('check-code-result').textContent()).toMatch(/2 time steps \(60 s\) later/);
    expect(await page.getByTestId('check-code-apply').textContent()).toMatch(/60 s/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('check-code-apply').click();
    await expect.poll(() => page.getByTestId('check-code-done').textContent()).toMatch(/60 seconds/);

    // The same code now checks as valid.
    await page.getByTestId('check-code-submit').click();
    await expect.poll(() => page.getByTestId('check-code-result').textContent()).toMatch(/Valid now/);

    await page.getByTestId('back').click();
    await page.getByTestId('back').click();
    await page.getByTestId('clock-warning').waitFor();
    expect(await page.getByTestId('clock-warning').textContent()).toMatch(/60 seconds/);
    await expect
      .poll(async () => {
        const { code, before, after } = await readCode(page, 'Drift');
        return oracleCodes((t) => oathtoolCode(TOTP, t + 60_000), before, after).includes(code);
      })
      .toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('an HOTP code further along offers to move the counter there', async () => {
    await openEdit(page, 'Counter');
    await page.getByTestId('check-code').click();
    await page.getByTestId('check-code-input').fill(oathtoolCode(HOTP, 0, { type: 'hotp', counter: 7 }));
    await page.getByTestId('check-code-submit').click();
    await expect.poll(() => page.getByTestId('check-code-result').textContent()).toMatch(/counter 7 \(Sesame is at 0\)/);
    await page.getByTestId('check-code-apply').click();
    await expect.poll(() => page.getByTestId('check-code-done').textContent()).toMatch(/7/);
    await page.getByTestId('back').click();
    await page.getByTestId('back').click();
    await expect.poll(async () => (await readCode(page, 'Counter')).code).toBe(oathtoolCode(HOTP, 0, { type: 'hotp', counter: 7 }));
  });

  it('the options page lists the activity, newest first, and clears it after a confirmation', async () => {
    const options = await openOptions(browser);
    await options.getByTestId('log-entry').first().waitFor();
    const types = await options.getByTestId('log-entry').evaluateAll((items) => items.map((i) => i.getAttribute('data-type')));
    expect(types).toEqual([
      'account-edited', // HOTP counter moved
      'code-copied',
      'unlocked',
      'unlock-failed',
      'account-edited',
      'account-edited',
      'account-edited',
      'account-edited', // codes pasted, marked, unmarked, marked
      'account-added',
      'account-added',
    ]);
    const texts = await options.getByTestId('log-entry').allTextContents();
    expect(texts[1]).toMatch(/Copied a code of Drift \(alice\)/);
    expect(texts[2]).toMatch(/Unlocked/);
    expect(texts.at(-1)).toMatch(/Added (Drift \(alice\)|Counter \(bob\))/);
    const all = texts.join('\n');
    for (const code of GITHUB_CODES) expect(all).not.toContain(code);
    expect(all).not.toContain(TOTP);
    expect(await options.getByTestId('clock-check-enable').isChecked()).toBe(false);
    expect(await options.getByTestId('clock-check-site').count()).toBe(0);
    await options.getByTestId('clock-check-enable').check();
    await options.getByTestId('clock-check-site').waitFor();
    expect(await seriousA11yViolations(options)).toEqual([]);

    await options.getByTestId('log-clear').click();
    await options.getByTestId('log-clear-cancel').click();
    expect(await options.getByTestId('log-entry').count()).toBe(10);
    await options.getByTestId('log-clear').click();
    await options.getByTestId('log-clear-confirm').click();
    await options.getByTestId('log-empty').waitFor();
    expect(await options.getByTestId('log-entry').count()).toBe(0);
    await options.close();
  });
});
