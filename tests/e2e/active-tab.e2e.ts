import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeAll, grantActiveTab, launch, openPopup, servePages, type Launched, type PageServer } from './harness';

let browser: Launched;
let server: PageServer;
let base: string;

beforeAll(async () => {
  server = await servePages('demo');
  base = `http://localhost:${server.port}`;
  browser = await launch();
});
afterAll(() => closeAll(browser, server));

it('a toolbar click grants activeTab, and popup.html?tab= acts on that tab', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${base}/`);
  const tabId = await grantActiveTab(browser, page);
  expect(tabId).toBeGreaterThan(0);
  const popup = await openPopup(browser, tabId);
  // The popup can read the bound tab's URL only because activeTab was granted to it.
  const url = await popup.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: { tabs: { get(id: number): Promise<{ url?: string }> } } }).chrome;
    return (await api.tabs.get(id)).url;
  }, tabId);
  expect(url).toBe(`${base}/`);
});
