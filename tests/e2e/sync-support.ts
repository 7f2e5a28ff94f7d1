/**
 * What the sync end-to-end tests share: the browser vendor's sync modelled between two profiles'
 * service workers, and small steps through Sesame's own pages.
 */
import type { Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import { readCode } from './harness';
import { oathtoolCode, oracleCodes } from '../support/oracles';
import { VendorSyncOf, type SyncArea } from '../support/vendor-sync';

/** The accounts both sync tests use: issuer → Base32 secret (TOTP, SHA-1, 6 digits, 30 s). */
export const SECRETS = {
  Acme: 'JBSWY3DPEHPK3PXP',
  Globex: 'GEZDGNBVGY3TQOJQ',
  Initech: 'MFRGGZDFMZTWQ2LK',
  Umbrella: 'KRSXG5CTMVRXEZLU',
  Hooli: 'ONSWG4TFOQYTEMZU',
  Stark: 'NBSWY3DPFQQFO33S',
} as const;
export type Issuer = keyof typeof SECRETS;
export const uri = (issuer: Issuer): string =>
  `otpauth://totp/${issuer}:${issuer.toLowerCase()}%40example.com?secret=${SECRETS[issuer]}&issuer=${issuer}`;

/** Every code on screen in `popup` for these issuers matches oathtool's for the secret. */
export async function codesMatch(popup: Page, issuers: Issuer[]): Promise<void> {
  for (const issuer of issuers) {
    const { code, before, after } = await readCode(popup, issuer);
    expect(
      oracleCodes((t) => oathtoolCode(SECRETS[issuer], t), before, after),
      issuer,
    ).toContain(code);
  }
}

type Chrome = {
  chrome: {
    storage: {
      sync: {
        get(keys: null): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
        remove(keys: string[]): Promise<void>;
      };
    };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
};

/** A service worker's `storage.sync`. */
const workerArea = (worker: Worker): SyncArea => ({
  read: () => worker.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.sync.get(null)),
  write: (set, remove) =>
    worker.evaluate(
      async ({ set, remove }) => {
        const area = (globalThis as unknown as Chrome).chrome.storage.sync;
        if (Object.keys(set).length) await area.set(set);
        if (remove.length) await area.remove(remove);
      },
      { set, remove },
    ),
});

/** The browser vendor's sync (tests/support/vendor-sync.ts) between two profiles' service workers. */
export class VendorSync extends VendorSyncOf<Worker> {
  constructor() {
    super(workerArea);
  }

  static read = (worker: Worker): Promise<Map<string, string>> => new VendorSync().read(worker);
}

/** Sends a request to Sesame's background from one of its pages (as the settings page does). */
const ask = <T = unknown>(page: Page, request: object): Promise<{ ok: boolean; value?: T; problem?: { code: string } }> =>
  page.evaluate((r) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage(r), request) as Promise<{
    ok: boolean;
    value?: T;
    problem?: { code: string };
  }>;

/** Runs a sync now (waiting for one already running) and answers the status after it. */
export async function syncNow(page: Page): Promise<{ pending: number; problem?: { code: string } }> {
  const reply = await ask<{ pending: number; problem?: { code: string } }>(page, { type: 'sync-now' });
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return reply.value!;
}

/** The issuers in the popup's list, sorted, with " [copy]" after a conflict copy. */
export async function listed(popup: Page): Promise<string[]> {
  const rows = popup.getByTestId('account');
  const out: string[] = [];
  for (const row of await rows.all()) {
    const issuer = (await row.getAttribute('data-issuer')) ?? '';
    out.push(`${issuer}${(await row.getByTestId('conflict-badge').count()) ? ' [copy]' : ''}`);
  }
  return out.sort();
}

/** Renames an account's issuer through the popup's edit screen. */
export async function renameIssuer(popup: Page, from: string, to: string): Promise<void> {
  await popup.locator(`[data-testid="account"][data-issuer="${from}"] [data-testid="edit"]`).click();
  await popup.getByTestId('edit-issuer').fill(to);
  await popup.getByTestId('edit-save').click();
  await popup.locator(`[data-testid="account"][data-issuer="${to}"]`).waitFor();
}

/** Deletes an account through the popup's edit screen (it goes to the trash). */
export async function deleteAccount(popup: Page, issuer: string): Promise<void> {
  await popup.locator(`[data-testid="account"][data-issuer="${issuer}"] [data-testid="edit"]`).click();
  await popup.getByTestId('delete').click();
  await popup.getByTestId('delete-confirm').click();
  await popup.locator(`[data-testid="account"][data-issuer="${issuer}"]`).waitFor({ state: 'detached' });
}
