/**
 * Issue 11, sync through the browser's own storage (`storage.sync`), end to end: two Chromium
 * profiles run at once, and the test moves `storage.sync` items between their service workers the
 * way the vendor's sync does (tests/e2e/sync-support.ts: per key, the last upload wins), in orders
 * that make one browser's items replace the other's.
 *
 * Checked: a second browser's first-run screen finds the synced vault and joins it with the
 * passphrase; edits made on both while they could not see each other (adds, renames of different
 * accounts, the same account renamed on both, a delete on one and an edit on the other) converge
 * with nothing lost (the same account renamed twice keeps both names: one as a conflict copy); the
 * codes match oathtool; what the vendor sees holds no secret or name; a passphrase changed on one
 * opens the other (locked meanwhile) with the new passphrase; a restore from the trash reaches the
 * other browser; an open popup shows what a sync brought without being reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import {
  addUris,
  closeAll,
  launch,
  openOptions,
  openPopup,
  PASSPHRASE,
  seriousA11yViolations,
  setUpInPopup,
  unlock,
  type Launched,
} from './harness';
import { codesMatch, deleteAccount, listed, renameIssuer, SECRETS, syncNow, uri, VendorSync } from './sync-support';

const S = SECRETS;

let a: Launched;
let b: Launched;
let wa: Worker;
let wb: Worker;
let popupA: Page;
let popupB: Page;
let optionsA: Page;
let optionsB: Page;
const vendor = new VendorSync();

beforeAll(async () => {
  [a, b] = await Promise.all([launch(), launch()]);
  wa = a.context.serviceWorkers()[0]!;
  wb = b.context.serviceWorkers()[0]!;
}, 120_000);
afterAll(() => closeAll(a, b));

/** Syncs both, then lets the vendor carry the items: A uploads, B uploads (B's win), both download. Until nothing moves. */
const converge = () => vendor.converge([wa, wb], (w) => syncNow(w === wa ? optionsA : optionsB));

describe('sync through storage.sync, two browsers', () => {
  it('the first browser turns sync on; the second finds the synced vault on its first-run screen and joins it', async () => {
    popupA = await setUpInPopup(a);
    await addUris(popupA, [uri('Acme'), uri('Globex'), uri('Initech'), uri('Umbrella')]);
    optionsA = await openOptions(a);
    await optionsA.getByTestId('sync-enable').click();
    await expect.poll(() => optionsA.getByTestId('sync-kind').inputValue()).toBe('browser');
    await optionsA.getByTestId('sync-submit').click();
    await expect.poll(() => optionsA.getByTestId('sync-result').textContent()).toContain('Sync is on');
    await expect.poll(() => optionsA.getByTestId('sync-status').textContent()).toMatch(/Last synced .*Nothing waiting to sync/);

    await vendor.upload(wa);
    await vendor.download(wb);
    popupB = await openPopup(b);
    await popupB.getByTestId('join-passphrase').waitFor();
    expect(await seriousA11yViolations(popupB)).toEqual([]);
    await popupB.getByTestId('join-passphrase').fill('not the passphrase');
    await popupB.getByTestId('join-submit').click();
    await expect.poll(() => popupB.getByTestId('join-error').textContent()).toContain('does not open the synced vault');
    await popupB.getByTestId('join-passphrase').fill(PASSPHRASE);
    await popupB.getByTestId('join-submit').click();
    await popupB.getByTestId('search').waitFor({ timeout: 30_000 });
    expect(await listed(popupB)).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
    await codesMatch(popupB, ['Acme', 'Globex', 'Initech', 'Umbrella']);
    optionsB = await openOptions(b);
    await expect.poll(() => optionsB.getByTestId('sync-status').textContent()).toContain("Syncing through this browser's own sync");
  });

  it('edits made on both while apart converge with nothing lost; the same account renamed on both keeps a conflict copy', async () => {
    // A: an add, a rename, the shared rename, a delete.
    await addUris(popupA, [uri('Hooli')]);
    await renameIssuer(popupA, 'Acme', 'Acme A');
    await renameIssuer(popupA, 'Initech', 'Initech A');
    await deleteAccount(popupA, 'Globex');
    // B, later: an add, another rename, the same account renamed, and an edit of the account A deleted.
    await addUris(popupB, [uri('Stark')]);
    await renameIssuer(popupB, 'Umbrella', 'Umbrella B');
    await renameIssuer(popupB, 'Initech', 'Initech B');
    await renameIssuer(popupB, 'Globex', 'Globex B');

    await converge();
    const expected = ['Acme A', 'Globex B', 'Hooli', 'Initech A', 'Initech B', 'Stark', 'Umbrella B'];
    // The open popups show it without being reopened (the accounts notice).
    await expect.poll(async () => (await listed(popupA)).map((s) => s.replace(' [copy]', ''))).toEqual(expected);
    await expect.poll(async () => (await listed(popupB)).map((s) => s.replace(' [copy]', ''))).toEqual(expected);
    expect(await listed(popupA)).toEqual(await listed(popupB));
    // One of the two names of Initech lost (by clock) and is kept as a conflict copy.
    expect((await listed(popupA)).filter((s) => s.endsWith('[copy]'))).toHaveLength(1);
    expect((await listed(popupA)).find((s) => s.endsWith('[copy]'))).toMatch(/^Initech [AB] \[copy\]$/);
    await codesMatch(popupA, ['Stark']);
    await codesMatch(popupB, ['Hooli']);
    // What the vendor's servers hold: no secret and no name.
    const stored = JSON.stringify([...vendor.snapshot()]);
    for (const [issuer, secret] of Object.entries(S)) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(issuer);
    }
  });

  it('a conflict copy is reviewed and deleted on the settings page; the deletion syncs', async () => {
    await optionsA.reload();
    await optionsA.getByTestId('conflict-row').waitFor();
    await optionsA.getByTestId('trash-open').click();
    await optionsA.locator('#trash-list').waitFor(); // empty: the deleted Globex lost to B's later edit
    await optionsA.getByTestId('sync-change').click();
    expect(await seriousA11yViolations(optionsA)).toEqual([]);
    await optionsA.getByTestId('sync-cancel').click();
    await optionsA.getByTestId('trash-open').click();
    await optionsA.getByTestId('conflict-delete').click();
    await optionsA.getByTestId('conflict-row').waitFor({ state: 'detached' });
    await converge();
    await expect.poll(async () => (await listed(popupB)).filter((s) => s.endsWith('[copy]'))).toEqual([]);
    // (A's own popup learns of a change made on A's settings page when it next asks: reopened here.)
    await popupA.reload();
    await popupA.getByTestId('search').waitFor();
    expect(await listed(popupA)).toEqual(await listed(popupB));
  });

  it('a passphrase changed on one browser opens the other, locked meanwhile, with the new passphrase', async () => {
    await popupB.getByTestId('lock').click();
    await popupB.getByTestId('unlock-passphrase').waitFor();
    const next = 'a new passphrase for both browsers';
    await optionsA.getByTestId('pass-current').fill(PASSPHRASE);
    await optionsA.getByTestId('pass-new').fill(next);
    await optionsA.getByTestId('pass-confirm').fill(next);
    await optionsA.getByTestId('pass-submit').click();
    await expect.poll(() => optionsA.getByTestId('pass-result').getAttribute('class')).toBe('success');
    await syncNow(optionsA);
    await vendor.upload(wa);
    await vendor.download(wb);
    await unlock(popupB, next);
    expect(await listed(popupB)).toEqual(await listed(popupA));
    // And from then on only the new one.
    await popupB.getByTestId('lock').click();
    await popupB.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await popupB.getByTestId('unlock-submit').click();
    await popupB.getByTestId('unlock-error').waitFor();
    await unlock(popupB, next);
  });

  it('a restore from the trash reaches the other browser', async () => {
    await deleteAccount(popupA, 'Hooli');
    await converge();
    await expect.poll(async () => (await listed(popupB)).includes('Hooli')).toBe(false);
    await optionsB.reload();
    await optionsB.getByTestId('trash-open').click();
    const row = optionsB.locator('[data-testid="trash-row"][data-issuer="Hooli"]');
    await row.getByTestId('trash-restore').click();
    await row.waitFor({ state: 'detached' });
    await converge();
    await expect.poll(async () => (await listed(popupA)).includes('Hooli')).toBe(true);
    await codesMatch(popupA, ['Hooli']);
  });
});
