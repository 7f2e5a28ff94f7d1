/**
 * Issue 14: the popup keeps its first screen as HTML in storage.session
 * (components/popup/saved-screen.ts) and, opened again on the same stores, paints it at once with
 * its codes made anew by WebCrypto (paint-saved-screen.ts) before its own code has loaded; that
 * code then takes the same elements over (mount-popup.tsx). What the user sees in that first
 * frame is checked here: the codes oathtool computes, the focus, nothing typed lost, and never a
 * stale screen. Every Sesame page of this browser notes what its first screen held at the moment
 * the popup marks it painted (`sesame:codes-visible` / `sesame:unlock-visible`, after that frame).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import fs from 'node:fs';
import { addUris, launch, newProfileDir, openOptions, openPopup, PASSPHRASE, setUpWithAccounts, unlock, type Launched } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';

const ACME = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SIXTY = 'ORSXG5BNONSWG4TFOQWWC3TEFVWW64TFEBWWC4TFEBUW4ZTP';
const LATER = 'KRUGS4ZANFZSAYLOEBSXQYLNOBWGKIDTMVRXEZLU';
const URIS = [
  `otpauth://totp/Acme:alice?secret=${ACME}&issuer=Acme`,
  `otpauth://totp/Sixty:erin?secret=${SIXTY}&issuer=Sixty&period=60&algorithm=SHA256&digits=8`,
];

interface FirstScreen {
  readonly name: string;
  /** Painted from a saved screen (the popup's element still carries `data-saved-screen`). */
  readonly saved: boolean;
  readonly testIds: number;
  readonly focused: string | undefined;
  readonly rows: readonly { issuer: string; code: string; next: string | null; countdown: string | null }[];
  readonly html: string;
  readonly at: number;
}

type Area = { get(key: string | null): Promise<Record<string, unknown>>; remove(key: string): Promise<void> };
type Chrome = {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    storage: { session: Area; local: Area };
  };
};

/** Where each saved screen is kept (components/popup/saved-screen.ts): the screen of codes, the unlock form. */
const SLOT = { codes: ['session', 'popupSavedScreen'], unlock: ['local', 'popupSavedUnlockForm'] } as const;
type Slot = keyof typeof SLOT;

// A profile of this file's own: the last test starts the browser again on it.
const profile = newProfileDir();
let browser: Launched;

/** In every Sesame page of `launched`, notes what its first screen held when the popup marked it painted (above). */
async function noteFirstScreens(launched: Launched): Promise<void> {
  await launched.context.addInitScript(() => {
    const screens: unknown[] = [];
    (globalThis as unknown as { firstScreens: unknown[] }).firstScreens = screens;
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      const app = document.getElementById('app');
      if (app && (name === 'sesame:codes-visible' || name === 'sesame:unlock-visible')) {
        screens.push({
          name,
          saved: app.hasAttribute('data-saved-screen'),
          testIds: app.querySelectorAll('[data-testid]').length,
          focused: document.activeElement?.id,
          rows: [...app.querySelectorAll<HTMLElement>('li.row')].map((row) => ({
            issuer: row.dataset.issuer,
            code: row.querySelector('.code')?.textContent?.replace(/\s/g, ''),
            next: row.querySelector('.next-code')?.textContent ?? null,
            countdown: row.querySelector('.countdown')?.getAttribute('aria-label') ?? null,
          })),
          html: app.innerHTML,
          at: Date.now(),
        });
        // `#type=…`: what a user types into the page's first screen's field the moment it is painted.
        const typed = new URLSearchParams(location.hash.slice(1)).get('type');
        const field = app.querySelector('input');
        if (typed && field && screens.length === 1) {
          field.value = typed;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }
      return mark(name, options);
    };
  });
}

beforeAll(async () => {
  browser = await launch(profile);
  await noteFirstScreens(browser);
  await setUpWithAccounts(browser, URIS);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

const firstScreen = async (page: Page): Promise<FirstScreen> => {
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { firstScreens: unknown[] }).firstScreens.length)).toBe(1);
  return page.evaluate(() => (globalThis as unknown as { firstScreens: FirstScreen[] }).firstScreens[0]!);
};

/** A saved screen's HTML ('' if none): the screen of codes, or the unlock form. */
const savedHtml = (page: Page, slot: Slot = 'codes') =>
  page.evaluate(async ([area, key]) => {
    const { [key]: saved } = await (globalThis as unknown as Chrome).chrome.storage[area].get(key);
    return (saved as { html?: string } | undefined)?.html ?? '';
  }, SLOT[slot]);

/** Removes a saved screen (from the options page, which keeps none), so the next popup renders its own. */
async function forgetSavedScreen(slot: Slot = 'codes'): Promise<void> {
  const page = await openOptions(browser);
  await page.evaluate(([area, key]) => (globalThis as unknown as Chrome).chrome.storage[area].remove(key), SLOT[slot]);
  await page.close();
}

/** Opens the popup (with `#type=…`, see above) once its code has taken over, with its first screen. */
async function open(hash = ''): Promise<{ page: Page; first: FirstScreen }> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html${hash}`);
  const first = await firstScreen(page);
  await page.locator('[data-testid="code"], [data-testid="unlock-passphrase"]').first().waitFor();
  return { page, first };
}

/**
 * A popup's markup apart from what changes with the moment or once it runs (codes, next codes in
 * a period's last seconds, countdowns), test ids, and `autofocus` (Preact writes it again as it
 * takes the field over, so it moves).
 */
const layout = (html: string) =>
  html
    .replace(/ (data-testid|autofocus)="[^"]*"/g, '')
    .replace(/<span class="countdown[^"]*"[^>]*>[\s\S]*?<\/span><\/span>/g, '')
    .replace(/<span class="next-code"[^>]*>[^<]*<\/span>/g, '')
    .replace(/(<span class="code">)[^<]*/g, '$1');

const expectOathtoolCodes = (first: FirstScreen) => {
  const before = first.at - 2000;
  expect(first.rows.map((r) => r.issuer).slice(0, 2)).toEqual(['Acme', 'Sixty']);
  expect(oracleCodes((t) => oathtoolCode(ACME, t), before, first.at)).toContain(first.rows[0]!.code);
  expect(oracleCodes((t) => oathtoolCode(SIXTY, t, { period: 60, algorithm: 'SHA256', digits: 8 }), before, first.at)).toContain(
    first.rows[1]!.code,
  );
};

describe('the saved first screen', () => {
  it('a popup opened again on the same list paints it: oathtool’s codes and the focus in the search field, then its code takes the same elements over', async () => {
    // The set-up popup saved one already (keep-saved-screen.tsx): this test starts without.
    await forgetSavedScreen();
    const { page: once, first: rendered } = await open();
    expect(rendered.saved).toBe(false);
    await expect.poll(() => savedHtml(once)).toContain('Acme');
    await once.close();

    const { page, first } = await open();
    expect(first.saved).toBe(true);
    // Nothing a test (or a click) finds until the popup's code is in charge.
    expect(first.testIds).toBe(0);
    expect(first.focused).toBe('search');
    expectOathtoolCodes(first);
    // Taken over: the same rows and controls, the focus where it was, and the search works.
    await expect.poll(() => page.evaluate(() => document.getElementById('app')!.hasAttribute('data-saved-screen'))).toBe(false);
    expect(layout(await page.evaluate(() => document.getElementById('app')!.innerHTML))).toBe(layout(first.html));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('Sixty');
    await expect.poll(() => page.getByTestId('account').count()).toBe(1);
    await page.close();
  });

  it('a search typed into the saved screen before the popup’s code took it over stays, and filters the list', async () => {
    const { page, first } = await open('#type=Sixty');
    expect(first.saved).toBe(true);
    await expect.poll(() => page.getByTestId('account').count()).toBe(1);
    expect(await page.getByTestId('search').inputValue()).toBe('Sixty');
    await expect(page.locator('[data-testid="account"]').getAttribute('data-issuer')).resolves.toBe('Sixty');
    await page.close();
  });

  it('after the list changed, the stale screen is not painted; the next popup saves and paints the new one', async () => {
    // Changed in a popped-out window (`?tab=`), which keeps no saved screen for the toolbar's popup
    // (keep-saved-screen.tsx): the one saved before the change is left, stale.
    const adding = await openPopup(browser, 1);
    await addUris(adding, [`otpauth://totp/Later:zoe?secret=${LATER}&issuer=Later`]);
    await adding.close();

    const { page: changed, first: fresh } = await open();
    expect(fresh.saved).toBe(false);
    expect(fresh.rows.map((r) => r.issuer)).toEqual(['Acme', 'Sixty', 'Later']);
    await expect.poll(() => savedHtml(changed)).toContain('Later');
    await changed.close();
    const { page, first } = await open();
    expect(first.saved).toBe(true);
    expect(first.rows.map((r) => r.issuer)).toEqual(['Acme', 'Sixty', 'Later']);
    expect(oracleCodes((t) => oathtoolCode(LATER, t), first.at - 2000, first.at)).toContain(first.rows[2]!.code);
    await page.close();
  });

  it('in the last seconds of a period, the saved screen shows the next code too, as oathtool computes it; in the next period, none', async () => {
    // The clock offset (a setting) puts the popup's time 21-22 s into Acme's 30 s step: no next code.
    const offset = (((21 - Math.floor(Date.now() / 1000)) % 30) + 30) % 30;
    // From the options page: a popup open meanwhile would save the screen for the new setting itself.
    const setting = await openOptions(browser);
    await setting.evaluate((s) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'set-settings', settings: s }), {
      autoLockMinutes: 15,
      timeOffsetSeconds: offset,
    });
    await setting.close();
    const { page: once, first: rendered } = await open();
    expect(rendered.saved).toBe(false);
    expect(rendered.rows[0]!.next).toBeNull();
    await expect.poll(() => savedHtml(once)).toContain('Acme');
    await once.close();
    // 26 s into the step: the next code shows (lib/otp/next-code-change.ts, the last 5 s).
    const at = (Math.floor((Date.now() + offset * 1000) / 30_000) * 30 + 26) * 1000 - offset * 1000;
    await new Promise((r) => setTimeout(r, at - Date.now()));
    const { page, first } = await open();
    expect(first.saved).toBe(true);
    const shifted = (t: number) => t + offset * 1000;
    expect(oracleCodes((t) => oathtoolCode(ACME, shifted(t)), first.at - 2000, first.at)).toContain(first.rows[0]!.code);
    const next = oathtoolCode(ACME, shifted(first.at) + 30_000).replace(/^(\d{3})/, '$1 ');
    expect(first.rows[0]!.next).toBe(`next ${next}`);
    // Its countdown says when the code changes, in the page's (local) time: the messages the saved
    // screen's repaint writes are saved with it (saved-words.ts).
    const change = Math.ceil(shifted(first.at) / 30_000) * 30_000 - offset * 1000;
    expect(first.rows[0]!.countdown).toBe(`New code at ${new Date(change).toTimeString().slice(0, 8)}`);
    // And the other way: a screen saved with a next code, painted in the next period, shows none.
    await page.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.remove('popupSavedScreen'));
    await page.close();
    const { page: ending, first: renderedEnding } = await open();
    expect(renderedEnding.saved).toBe(false);
    expect(renderedEnding.rows[0]!.next).not.toBeNull();
    await expect.poll(() => savedHtml(ending)).toContain('next-code');
    await ending.close();
    const boundary = (Math.floor((Date.now() + offset * 1000) / 30_000) * 30 + 31) * 1000 - offset * 1000;
    await new Promise((r) => setTimeout(r, boundary - Date.now()));
    const { page: after, first: next1 } = await open();
    expect(next1.saved).toBe(true);
    expect(next1.rows[0]!.next).toBeNull();
    expect(oracleCodes((t) => oathtoolCode(ACME, shifted(t)), next1.at - 2000, next1.at)).toContain(next1.rows[0]!.code);
    await after.evaluate((s) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'set-settings', settings: s }), {
      autoLockMinutes: 15,
      timeOffsetSeconds: 0,
    });
    await after.close();
  });

  it('locked: the saved unlock form, and a passphrase typed into it before the popup’s code took over unlocks', async () => {
    const { page: unlocked } = await open();
    // While unlocked, the popup saved the unlock form for the popup after the next lock.
    await expect.poll(() => savedHtml(unlocked, 'unlock')).toContain('unlock-passphrase');
    const beforeLock = await savedHtml(unlocked, 'unlock');
    await unlocked.getByTestId('lock').click();
    await unlocked.getByTestId('unlock-passphrase').waitFor();
    // The lock took the screen of codes away with the list.
    await expect.poll(() => savedHtml(unlocked)).toBe('');
    await unlocked.close();

    // The first popup after the lock paints the unlock form saved before it.
    const { page: after, first: atOnce } = await open();
    expect(atOnce).toMatchObject({ name: 'sesame:unlock-visible', saved: true, focused: 'unlock-passphrase' });
    await after.close();
    // Without one, a popup renders the unlock form itself, and saves it.
    await forgetSavedScreen('unlock');
    const { page: once, first: rendered } = await open();
    expect(rendered).toMatchObject({ name: 'sesame:unlock-visible', saved: false });
    await expect.poll(() => savedHtml(once, 'unlock')).toContain('unlock-passphrase');
    // The same form as the one saved before the lock.
    expect(layout(await savedHtml(once, 'unlock'))).toBe(layout(beforeLock));
    await once.close();

    const { page, first } = await open(`#type=${encodeURIComponent(PASSPHRASE)}`);
    expect(first).toMatchObject({ name: 'sesame:unlock-visible', saved: true, testIds: 0, focused: 'unlock-passphrase' });
    expect(await page.getByTestId('unlock-passphrase').inputValue()).toBe(PASSPHRASE);
    // What was typed is in the field only: never in what was saved.
    for (const area of ['session', 'local'] as const) {
      const stored = await page.evaluate((area) => (globalThis as unknown as Chrome).chrome.storage[area].get(null), area);
      expect(JSON.stringify(stored)).not.toContain(PASSPHRASE);
    }
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('code').first().waitFor();
    // The popup that unlocked saves the screen of codes for the next one, while it stays open.
    await expect.poll(() => savedHtml(page)).toContain('Acme');
    const afterUnlock = await savedHtml(page);
    await page.close();

    const { page: next, first: painted } = await open();
    expect(painted).toMatchObject({ name: 'sesame:codes-visible', saved: true, focused: 'search' });
    expectOathtoolCodes(painted);
    // The very screen a popup renders itself for these stores, and saves.
    await next.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.remove('popupSavedScreen'));
    await next.close();
    const { page: own, first: rendered2 } = await open();
    expect(rendered2.saved).toBe(false);
    await expect.poll(() => savedHtml(own)).toContain('Acme');
    expect(layout(await savedHtml(own))).toBe(layout(afterUnlock));
    await own.close();
  });

  it('a change made in the popup (an account added) is on the saved screen the next popup paints', async () => {
    const { page: adding } = await open();
    await addUris(adding, [`otpauth://totp/Zulu:yan?secret=${ACME}&issuer=Zulu`]);
    await expect.poll(() => savedHtml(adding)).toContain('Zulu');
    await adding.close();
    const { page, first } = await open();
    expect(first.saved).toBe(true);
    expect(first.rows.map((r) => r.issuer)).toEqual(['Acme', 'Sixty', 'Later', 'Zulu']);
    expect(oracleCodes((t) => oathtoolCode(ACME, t), first.at - 2000, first.at)).toContain(first.rows[3]!.code);
    await page.close();
  });

  it('after the browser starts again (locked, storage.session empty), the first popup paints the unlock form saved before', async () => {
    const { page: before } = await open();
    await expect.poll(() => savedHtml(before, 'unlock')).toContain('unlock-passphrase');
    await before.close();
    await browser.close();
    browser = await launch(profile);
    await noteFirstScreens(browser);
    const { page, first } = await open();
    expect(first).toMatchObject({ name: 'sesame:unlock-visible', saved: true, testIds: 0, focused: 'unlock-passphrase' });
    await unlock(page);
    await page.getByTestId('code').first().waitFor();
    await page.close();
  });
});
