/**
 * Sync figures in Node (WebCrypto from OpenSSL, IndexedDB from fake-indexeddb, slower than a
 * browser's): bytes and items a real sync writes to storage.sync for 100 and 300 typical
 * accounts, the largest vault that fits, and the time for a new browser to join a 1,000-account
 * vault from a WebDAV folder (the in-memory WebDAV of the unit tests; a real server on 127.0.0.1
 * comes with `npm run bench` in phase 2).
 *
 *   npx vite-node scripts/bench-sync.ts
 */
import 'fake-indexeddb/auto';
import { joinSyncedVault } from '../lib/sync/join-vault';
import { fitReport, STORAGE_SYNC_BUDGET } from '../lib/sync/pack-items';
import { storageSyncTransport } from '../lib/sync/storage-sync-transport';
import { syncOnce } from '../lib/sync/sync-engine';
import { webDavTransport } from '../lib/sync/webdav-transport';
import { readLocalVault } from '../lib/sync/local-vault';
import { addAccounts, createVault } from '../lib/vault/vault';
import { openVaultDb } from '../lib/vault/vault-db';
import { FakeSyncArea, FakeWebDav } from '../tests/unit/sync/fakes';
import { typicalAccounts } from '../tests/unit/sync/typical-accounts';

let n = 0;
const PASS = 'benchmark passphrase';

async function vaultWith(count: number) {
  const db = await openVaultDb(`bench-sync-${++n}`);
  const created = await createVault(db, PASS, { iterations: 600_000 });
  if (!created.ok) throw new Error(created.problem.code);
  await addAccounts(db, created.value, typicalAccounts(count), Date.now());
  return { db, key: created.value };
}

for (const count of [100, 300]) {
  const { db, key } = await vaultWith(count);
  const area = new FakeSyncArea(() => Date.now());
  const report = await syncOnce({ db, dataKey: key, transport: storageSyncTransport(area), now: () => Date.now() });
  console.log(
    `storage.sync, ${count} accounts: ${report.ok ? `${area.totalBytes()} bytes in ${area.data.size} items (${area.setCalls} set calls)` : report.problem?.code}`,
  );
}

{
  const { db, key } = await vaultWith(2000);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
  const local = await readLocalVault(db, key, raw);
  if (typeof local === 'string') throw new Error(local);
  const versions = [...local.records.values()].map((r) => ({ version: r.opened, history: [r.opened.clock] }));
  const fit = await fitReport(local.header.vaultId, local.header, versions, STORAGE_SYNC_BUDGET);
  console.log(`storage.sync: the largest vault of typical accounts that fits is ${fit.maxAccounts} accounts`);
}

{
  const { db, key } = await vaultWith(1000);
  const server = new FakeWebDav();
  const transport = webDavTransport({ url: server.base, username: server.user, password: server.password, fetch: server.fetch });
  await syncOnce({ db, dataKey: key, transport, now: () => Date.now() });
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const joiner = await openVaultDb(`bench-sync-join-${++n}`);
    const start = performance.now();
    const joined = await joinSyncedVault(joiner, transport, PASS, Date.now());
    times.push(performance.now() - start);
    if (!joined.ok || joined.value.accounts !== 1000) throw new Error('join failed');
  }
  times.sort((a, b) => a - b);
  console.log(
    `WebDAV (in memory): a new browser joins a 1,000-account vault in ${times[1]!.toFixed(0)} ms (median of 3; PBKDF2 at 600,000 included)`,
  );
}
