/**
 * Unlock-time figures for vault format 2, in Node (WebCrypto from OpenSSL, IndexedDB from
 * fake-indexeddb, which is slower than a browser's): PBKDF2 at the production work factor, the
 * one-time upgrade of a 1,000-account format-1 vault, and unlocks of the upgraded vault by
 * passphrase, passkey PRF output and recovery key, each followed by listing (decrypting) every
 * account. Prints medians; the browser figures (press to codes painted) come with `npm run bench`.
 *
 *   npx vite-node scripts/bench-vault-unlock.ts [accounts=1000] [runs=5]
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { accountToJson } from '../lib/vault/account-codec';
import { deriveWrappingKey, importRawDataKey, seal, unwrapRawKey } from '../lib/vault/crypto';
import { formatRecoveryKey, generateRecoveryKey } from '../lib/vault/recovery-key';
import { openVaultDb, type VaultDb } from '../lib/vault/vault-db';
import {
  addPasskeySlot,
  DEFAULT_ITERATIONS,
  listAccounts,
  replaceRecoverySlot,
  unlockVault,
  unlockWithPasskey,
  unlockWithRecoveryKey,
} from '../lib/vault/vault';
import type { Account } from '../lib/otp/account';

const ACCOUNTS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const FIXTURE = 'tests/fixtures/vault-format-1';

interface Dump {
  version: number;
  stores: Record<string, { keyPath: string | null; entries: { key: IDBValidKey; value: unknown }[] }>;
}
const fromJson = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(fromJson)
    : typeof v === 'object' && v !== null
      ? '$bytes' in v
        ? new Uint8Array(Buffer.from((v as { $bytes: string }).$bytes, 'base64'))
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromJson(x)]))
      : v;

const dump = JSON.parse(readFileSync(`${FIXTURE}/vault.json`, 'utf8')) as Dump;
const { passphrase } = JSON.parse(readFileSync(`${FIXTURE}/EXPECTED.json`, 'utf8')) as { passphrase: string };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const value = await f();
  return [performance.now() - t, value];
};

let n = 0;
/** The real format-1 fixture, grown to ACCOUNTS accounts with format-1 records made as docs §10 says. */
async function format1Vault(): Promise<VaultDb> {
  const db = await openVaultDb(`bench-${++n}`);
  const header = fromJson(dump.stores['meta']!.entries[0]!.value) as {
    kdf: { name: 'PBKDF2-SHA256'; iterations: number; salt: Uint8Array };
    wrappedKey: { iv: Uint8Array; ciphertext: Uint8Array };
  };
  const raw = (await unwrapRawKey(header.wrappedKey, await deriveWrappingKey(passphrase, header.kdf), 'sesame-vault/data-key/v1'))!;
  const key = await importRawDataKey(raw);
  const records = dump.stores['accounts']!.entries.map((e) => fromJson(e.value)) as { id: string }[];
  const template = {
    type: 'totp',
    issuer: 'Bench',
    label: '',
    secret: new Uint8Array(20).fill(1),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    note: '',
    tags: [],
    pinned: false,
    sites: [],
    recoveryCodes: [],
    createdAt: 0,
    updatedAt: 0,
  };
  for (let i = records.length; i < ACCOUNTS; i++) {
    const account = { ...template, id: crypto.randomUUID(), label: `user${i}@example.com`, order: i } as unknown as Account;
    const sealed = await seal(key, new TextEncoder().encode(JSON.stringify(accountToJson(account))), `account/${account.id}`);
    records.push({ id: account.id, ...sealed });
  }
  const tx = db.transaction(['meta', 'accounts', 'log'], 'readwrite');
  await Promise.all([
    tx.objectStore('meta').put(header as never, 'header'),
    ...records.map((r) => tx.objectStore('accounts').put(r as never)),
    tx.done,
  ]);
  return db;
}

const pbkdf2: number[] = [];
const upgrade: number[] = [];
const byPassphrase: number[] = [];
const byPasskey: number[] = [];
const byRecovery: number[] = [];
const list: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const db = await format1Vault();
  const kdfParams = { name: 'PBKDF2-SHA256' as const, iterations: DEFAULT_ITERATIONS, salt: crypto.getRandomValues(new Uint8Array(16)) };
  pbkdf2.push((await time(() => deriveWrappingKey(passphrase, kdfParams)))[0]);
  const [tUpgrade, key] = await time(() => unlockVault(db, passphrase));
  if (!key.ok) throw new Error(key.problem.code);
  upgrade.push(tUpgrade);

  const prfSalt = crypto.getRandomValues(new Uint8Array(32));
  const prfOutput = crypto.getRandomValues(new Uint8Array(32));
  const credentialId = crypto.getRandomValues(new Uint8Array(16));
  await addPasskeySlot(db, key.value, { credentialId, prfSalt, prfOutput, name: 'Bench' }, Date.now());
  const recovery = formatRecoveryKey(generateRecoveryKey());
  await replaceRecoverySlot(db, key.value, recovery, Date.now());

  const unlockAndList = async (unlock: () => Promise<{ ok: boolean }>) => {
    const t = performance.now();
    const k = (await unlock()) as { ok: true; value: CryptoKey };
    const t1 = performance.now();
    const listed = await listAccounts(db, k.value);
    if (listed.accounts.length !== ACCOUNTS) throw new Error(`listed ${listed.accounts.length}`);
    list.push(performance.now() - t1);
    return performance.now() - t;
  };
  byPassphrase.push(await unlockAndList(() => unlockVault(db, passphrase)));
  byPasskey.push(await unlockAndList(() => unlockWithPasskey(db, credentialId, prfOutput)));
  byRecovery.push(await unlockAndList(() => unlockWithRecoveryKey(db, recovery)));
  db.close();
}

const ms = (x: number) => `${Math.round(x)} ms`;
console.log(`vault format 2, ${ACCOUNTS} accounts, median of ${RUNS} (Node ${process.version}, fake-indexeddb)`);
console.log(`  PBKDF2-SHA256, ${DEFAULT_ITERATIONS.toLocaleString('en')} iterations:  ${ms(median(pbkdf2))}`);
console.log(
  `  first unlock of a format-1 vault (PBKDF2 + upgrade, one transaction): ${ms(median(upgrade))}  (upgrade alone ~${ms(median(upgrade) - median(pbkdf2))})`,
);
console.log(`  unlock by passphrase + list every account: ${ms(median(byPassphrase))}`);
console.log(`  unlock by passkey PRF output + list:       ${ms(median(byPasskey))}`);
console.log(`  unlock by recovery key + list:             ${ms(median(byRecovery))}`);
console.log(`  of which listing (decrypting) ${ACCOUNTS} accounts: ${ms(median(list))}`);
