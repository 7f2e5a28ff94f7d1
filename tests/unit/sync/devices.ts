/**
 * Browsers for the engine tests: each is a real vault (lib/vault on fake-indexeddb) with its own
 * database, all sharing one clock the test moves forward.
 */
import type { Account } from '../../../lib/otp/account';
import { joinSyncedVault } from '../../../lib/sync/join-vault';
import { storageSyncTransport } from '../../../lib/sync/storage-sync-transport';
import { syncOnce, type SyncReport } from '../../../lib/sync/sync-engine';
import type { SyncTransport } from '../../../lib/sync/transport';
import { addAccounts, createVault, listAccounts, listTrash } from '../../../lib/vault/vault';
import type { VaultDb } from '../../../lib/vault/vault-db';
import { FAST, freshDb, hotpDraft, totpDraft, unwrap } from '../vault/helpers';
import { FakeSyncArea } from './fakes';

export const PASS = 'correct horse battery staple';

export class TestClock {
  constructor(public ms = 1_750_000_000_000) {}
  now = (): number => this.ms;
  advance(ms = 1_000): number {
    this.ms += ms;
    return this.ms;
  }
}

export interface Browser {
  readonly db: VaultDb;
  key: CryptoKey;
  transport: SyncTransport;
  sync(): Promise<SyncReport>;
  accounts(): Promise<Account[]>;
  labels(): Promise<string[]>;
}

export function browser(db: VaultDb, key: CryptoKey, transport: SyncTransport, clock: TestClock): Browser {
  const b: Browser = {
    db,
    key,
    transport,
    sync: () => syncOnce({ db, dataKey: b.key, transport: b.transport, now: clock.now }),
    accounts: async () => (await listAccounts(db, b.key)).accounts,
    labels: async () => (await b.accounts()).map((a) => a.label).sort(),
  };
  return b;
}

/** A browser with a new vault holding a TOTP and an HOTP account. */
export async function firstBrowser(transport: SyncTransport, clock: TestClock, labels = ['alice@example.com']): Promise<Browser> {
  const db = await freshDb();
  const key = unwrap(await createVault(db, PASS, { ...FAST, now: clock.now() }));
  await addAccounts(db, key, [...labels.map((label) => totpDraft({ label })), hotpDraft()], clock.now());
  return browser(db, key, transport, clock);
}

/** A second browser that joins the synced vault with the passphrase. */
export async function joinedBrowser(transport: SyncTransport, clock: TestClock): Promise<Browser> {
  const db = await freshDb();
  const joined = unwrap(await joinSyncedVault(db, transport, PASS, clock.now()));
  return browser(db, joined.dataKey, transport, clock);
}

/** A comparable picture of a browser's vault: live accounts and trash, secrets as arrays. */
export async function picture(b: Browser): Promise<unknown> {
  const plain = (a: Account) => ({ ...a, secret: Array.from(a.secret) });
  const accounts = (await b.accounts()).map(plain).sort((x, y) => (x.id < y.id ? -1 : 1));
  const trash = (await listTrash(b.db, b.key)).map((e) => plain(e.account)).sort((x, y) => (x.id < y.id ? -1 : 1));
  return { accounts, trash };
}

/** Two browsers on one storage.sync area: the first synced its new vault, the second joined it. */
export async function syncedPair() {
  const clock = new TestClock();
  const area = new FakeSyncArea(clock.now);
  const transport = storageSyncTransport(area);
  const a = await firstBrowser(transport, clock);
  await a.sync();
  const b = await joinedBrowser(transport, clock);
  return { clock, area, transport, a, b };
}
