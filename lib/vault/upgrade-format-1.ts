/**
 * The one-time upgrade of a format-1 vault, on its first unlock with the passphrase
 * (docs/vault-format.md, "Upgrading a format-1 vault"). In ONE transaction: the header becomes a
 * format-2 header with one passphrase slot and its MAC, this device's clock is created, and every
 * account record is re-encrypted under the same data key with the format-2 additional data and a
 * clock. If anything fails, nothing is written and the format-1 vault stays as it was.
 *
 * The data key does not change, and neither do the activity-log records (same key, same
 * additional data). A format-1 record that does not decrypt is left exactly as it was: it is
 * still listed as unreadable, as before.
 */
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { decodeAccount } from './account-codec';
import { sealAccountRecord } from './account-record';
import { deriveWrappingKey, importRawDataKey, open, unwrapRawKey } from './crypto';
import { DEVICE_KEY, issueClocks, newDeviceClockState } from './device-clock';
import { bytesEqual } from './encoding';
import { signHeader } from './header-mac';
import { abortQuietly, commitAll } from './idb-write';
import { newPassphraseParams, passphraseWrappingKey, sealSlot, type PassphraseSlotParams } from './key-slots';
import { isBytes, isId, isRecord } from './stored-shape';
import { HEADER_KEY, type VaultDb } from './vault-db';
import { parseStoredHeader, VAULT_FORMAT, VAULT_VERSION } from './vault-header';
import { accountAadV1, WRAP_AAD_V1, type VaultHeaderV1 } from './vault-header-v1';
import { ERR_UPGRADE_FAILED, ERR_WRONG_PASSPHRASE } from './vault-problems';

export type UpgradeOutcome = Result<CryptoKey> | { readonly ok: false; readonly raced: true };

/** Decrypts a format-1 record; undefined if it does not authenticate or parse (it is then left alone). */
async function readRecordV1(key: CryptoKey, value: unknown): Promise<Account | undefined> {
  if (!isRecord(value) || !isId(value['id']) || !isBytes(value['iv']) || !isBytes(value['ciphertext'])) return undefined;
  const id = value['id'];
  const plain = await open(key, { iv: value['iv'], ciphertext: value['ciphertext'] }, accountAadV1(id));
  if (!plain) return undefined;
  const account = decodeAccount(plain);
  plain.fill(0);
  return account.ok && account.value.id === id ? account.value : undefined;
}

/**
 * Unwraps the format-1 data key with `passphrase` and upgrades the vault. `raced` means another
 * context changed the header meanwhile (the caller unlocks again); any other failure leaves the
 * vault untouched.
 */
export async function upgradeFormat1(
  db: VaultDb,
  header: VaultHeaderV1,
  passphrase: string,
  iterations: number,
  now: number,
): Promise<UpgradeOutcome> {
  const oldWrappingKey = await deriveWrappingKey(passphrase, header.kdf);
  const raw = await unwrapRawKey(header.wrappedKey, oldWrappingKey, WRAP_AAD_V1);
  if (!raw) return fail(ERR_WRONG_PASSPHRASE);
  try {
    const dataKey = await importRawDataKey(raw);
    const stored = await db.getAll('accounts');
    const accounts = (await Promise.all(stored.map((value) => readRecordV1(dataKey, value)))).filter((a): a is Account => a !== undefined);
    const { clocks, next: device } = issueClocks(newDeviceClockState(), now, accounts.length);
    const records = await Promise.all(accounts.map((a, i) => sealAccountRecord(dataKey, a, clocks[i]!, false)));

    // The passphrase-derived key of format 1 wraps the slot when its work factor is still enough:
    // no second PBKDF2 run. Otherwise the slot gets a fresh salt at the current default.
    const vaultId = crypto.randomUUID();
    const keep = header.kdf.iterations >= iterations;
    const params: PassphraseSlotParams = keep
      ? { kdf: 'PBKDF2-SHA256', iterations: header.kdf.iterations, salt: header.kdf.salt, createdAt: now }
      : newPassphraseParams(iterations, now);
    const wrappingKey = keep ? oldWrappingKey : await passphraseWrappingKey(passphrase, params);
    const slot = await sealSlot(raw, vaultId, { id: crypto.randomUUID(), kind: 'passphrase' as const, params }, wrappingKey);
    const next = await signHeader({ format: VAULT_FORMAT, version: VAULT_VERSION, vaultId, revision: 1, slots: [slot] }, raw);

    const tx = db.transaction(['meta', 'accounts'], 'readwrite');
    const meta = tx.objectStore('meta');
    const store = tx.objectStore('accounts');
    const current = parseStoredHeader(await meta.get(HEADER_KEY));
    if (
      !current.ok ||
      current.value.version !== 1 ||
      !bytesEqual(current.value.header.wrappedKey.ciphertext, header.wrappedKey.ciphertext)
    ) {
      await abortQuietly(tx);
      return { ok: false, raced: true };
    }
    await commitAll(tx, [() => meta.put(next, HEADER_KEY), () => meta.put(device, DEVICE_KEY), ...records.map((r) => () => store.put(r))]);
    return ok(dataKey);
  } catch {
    return fail(ERR_UPGRADE_FAILED);
  } finally {
    raw.fill(0);
  }
}
