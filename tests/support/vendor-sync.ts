/**
 * The browser vendor's sync of `storage.sync`, modelled between browsers for the sync tests
 * (Chromium over Playwright, tests/e2e/sync-support.ts; Firefox over puppeteer,
 * tests/firefox/sync.firefox.ts). Each test says how to read and write one browser's area.
 */

/** One browser's `storage.sync`, as the test reaches it (a service worker, an add-on page). */
export interface SyncArea {
  /** Every item, as stored. */
  read(): Promise<Record<string, unknown>>;
  /** Sets `set` and removes `remove`, as the vendor's download does. */
  write(set: Record<string, unknown>, remove: string[]): Promise<void>;
}

const asText = async (area: SyncArea): Promise<Map<string, string>> =>
  new Map(Object.entries(await area.read()).map(([k, v]) => [k, JSON.stringify(v)]));

/**
 * As Chrome Sync and Firefox Sync behave for `storage.sync`: a server keeps one value per key; a
 * browser uploads the keys it changed (or removed) since it last synced, and the last upload of a
 * key wins whatever the other browser wrote; a browser then downloads every key that differs, and
 * removes the keys the server no longer has. The test decides the order of uploads and downloads,
 * so it can make one browser's write of an item replace the other's. `B` is what names a browser
 * in the test; `areaOf` reaches its storage.
 */
export class VendorSyncOf<B> {
  private readonly server = new Map<string, string>();
  /** Per browser: the server's keys as that browser last saw them. */
  private readonly seen = new Map<B, Map<string, string>>();

  constructor(private readonly areaOf: (browser: B) => SyncArea) {}

  /** Uploads what the browser changed since it last synced; its writes replace the server's. */
  async upload(browser: B): Promise<void> {
    const local = await asText(this.areaOf(browser));
    const seen = this.seen.get(browser) ?? new Map<string, string>();
    for (const [key, value] of local) if (seen.get(key) !== value) this.server.set(key, value);
    for (const key of seen.keys()) if (!local.has(key)) this.server.delete(key);
    this.seen.set(browser, new Map(this.server));
  }

  /** Downloads: every key the server holds that differs here is set; keys the server dropped are removed. */
  async download(browser: B): Promise<void> {
    const area = this.areaOf(browser);
    const local = await asText(area);
    const seen = this.seen.get(browser) ?? new Map<string, string>();
    const set: Record<string, unknown> = {};
    for (const [key, value] of this.server) if (local.get(key) !== value) set[key] = JSON.parse(value) as unknown;
    const remove = [...local.keys()].filter((key) => !this.server.has(key) && seen.has(key));
    if (Object.keys(set).length || remove.length) await area.write(set, remove);
    this.seen.set(browser, new Map(this.server));
  }

  /** The server's items as JSON text, for comparing with a browser's. */
  snapshot(): Map<string, string> {
    return new Map(this.server);
  }

  /**
   * Until nothing moves (at most 6 rounds): each browser syncs, the vendor carries the items (each
   * uploads in turn, so the later one's writes win; then each downloads), each syncs again.
   */
  async converge(browsers: readonly B[], syncNow: (browser: B) => Promise<unknown>): Promise<void> {
    for (let round = 0; round < 6; round++) {
      for (const browser of browsers) await syncNow(browser);
      for (const browser of browsers) await this.upload(browser);
      for (const browser of browsers) await this.download(browser);
      for (const browser of browsers) await syncNow(browser);
      const same = (x: Map<string, string>) => x.size === this.server.size && [...x].every(([k, v]) => this.server.get(k) === v);
      if ((await Promise.all(browsers.map((b) => this.read(b)))).every(same)) return;
    }
    throw new Error('the browsers did not converge in 6 rounds');
  }

  /** One browser's items as JSON text. */
  read(browser: B): Promise<Map<string, string>> {
    return asText(this.areaOf(browser));
  }
}
