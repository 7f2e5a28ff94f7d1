/**
 * What the "settings follows the sync status" tests read in the settings page, shared by the
 * Chromium (Playwright) and Firefox (puppeteer) suites. Each function runs in the page (pass it to
 * `page.evaluate`), so it keeps everything it needs inside.
 */

/**
 * Keeps, from now on, every text the sync status shows, in order (`window.sesameStatusTexts`): a
 * state the page showed only briefly (a pending count the next sync clears) is still seen by a
 * test that looks later. Also leaves a mark in the page, so a test can tell it was not reloaded.
 */
export function recordStatusTexts(): void {
  const element = document.querySelector('[data-testid="sync-status"]');
  if (!element) throw new Error('no sync status on the page');
  const texts = [element.textContent ?? ''];
  const page = globalThis as unknown as { sesameStatusTexts: string[]; sesameNotReloaded: boolean };
  page.sesameStatusTexts = texts;
  page.sesameNotReloaded = true;
  new MutationObserver(() => {
    const text = element.textContent ?? '';
    if (text !== texts[texts.length - 1]) texts.push(text);
  }).observe(element, { subtree: true, childList: true, characterData: true });
}

/** The texts `recordStatusTexts` kept, or null when the page was reloaded since (its record is gone). */
export function statusTexts(): string[] | null {
  const page = globalThis as unknown as { sesameStatusTexts?: string[]; sesameNotReloaded?: boolean };
  return page.sesameNotReloaded ? [...(page.sesameStatusTexts ?? [])] : null;
}
