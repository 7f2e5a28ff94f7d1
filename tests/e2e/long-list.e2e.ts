/**
 * A list longer than the popup (issue 14): only the rows in view are in the page, the first
 * screen's rows fill the list to its bottom, and the keyboard reaches the last account, whose
 * code is oathtool's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { addUris, launch, newProfileDir, openPopup, readCode, setUp, type Launched } from './harness';
import { oathtoolCode } from '../support/oracles';

const COUNT = 150;
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A distinct 32-character base32 secret per account. */
const secretOf = (i: number): string => Array.from({ length: 32 }, (_, j) => B32[(i * 11 + j * 7 + (i >> 5)) % 32]).join('');
const issuerOf = (i: number): string => `Svc ${String(i).padStart(3, '0')}`;

let browser: Launched;
const profile = newProfileDir();

beforeAll(async () => {
  browser = await launch(profile);
  const popup = await openPopup(browser);
  await setUp(popup);
  const uris = Array.from(
    { length: COUNT },
    (_, i) => `otpauth://totp/${encodeURIComponent(issuerOf(i))}:user${i}?secret=${secretOf(i)}&issuer=${encodeURIComponent(issuerOf(i))}`,
  );
  expect(await addUris(popup, uris)).toMatch(/150/);
  await popup.close();
}, 120_000);

afterAll(async () => {
  await browser?.context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

/** The rendered rows' issuers, and whether the last rendered row reaches the list's bottom edge. */
async function renderedRows(page: Page): Promise<{ issuers: string[]; filled: boolean }> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.scroller')!;
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="account"]')];
    const bottom = scroller.getBoundingClientRect().bottom;
    return {
      issuers: rows.map((row) => row.dataset.issuer ?? ''),
      filled: rows.length > 0 && rows[rows.length - 1]!.getBoundingClientRect().bottom >= bottom,
    };
  });
}

describe('a list longer than the popup', () => {
  it('renders only the rows around the view, filled to the bottom; End reaches the last account, with oathtool’s code', async () => {
    const popup = await openPopup(browser);
    await popup.getByTestId('code').first().waitFor();
    const first = await renderedRows(popup);
    expect(first.issuers[0]).toBe(issuerOf(0));
    expect(first.issuers.length).toBeLessThan(40);
    expect(first.filled).toBe(true);

    await popup.locator('button.copy').first().focus();
    await popup.keyboard.press('End');
    const last = popup.locator(`[data-testid="account"][data-issuer="${issuerOf(COUNT - 1)}"]`);
    await last.waitFor();
    await expect.poll(() => last.evaluate((row) => row === document.activeElement?.closest('li'))).toBe(true);
    const { code, before, after } = await readCode(popup, issuerOf(COUNT - 1));
    expect([oathtoolCode(secretOf(COUNT - 1), before), oathtoolCode(secretOf(COUNT - 1), after)]).toContain(code);
    await popup.close();
  });
});
