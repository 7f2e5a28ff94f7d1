/**
 * The encrypted vault, format 2 (docs/vault-format.md): a random data key wrapped once per key
 * slot (passphrase, passkey, recovery key), a header MAC over the slots, and one AES-256-GCM
 * record per account with its id, clock and deleted flag bound as additional data.
 *
 * This file creates and unlocks vaults; `vault-accounts.ts` reads and writes accounts and
 * `vault-slots.ts` manages the slots. Everything is a thin wrapper over IndexedDB, testable in
 * Node with fake-indexeddb; errors come back as values (`Result`), except from the account
 * writes, which reject with a `VaultError` carrying the Problem.
 */
import { fail, ok, type Result } from '../result';
import { exportRawDataKey, generateDataKey, importRawDataKey } from './crypto';
import { DEVICE_KEY, newDeviceClockState } from './device-clock';
import { encodeBase64 } from './encoding';
import { headerMacValid, signHeader } from './header-mac';
import { commitAll } from './idb-write';
import {
  isPrfOutput,
  newPassphraseParams,
  openSlot,
  passkeyWrappingKey,
  passphraseWrappingKey,
  recoveryWrappingKey,
  sealSlot,
  type KeySlot,
  type PassphraseSlot,
} from './key-slots';
import { parseRecoveryKey } from './recovery-key';
import { upgradeFormat1 } from './upgrade-format-1';
import { HEADER_KEY, type VaultDb } from './vault-db';
import { VAULT_FORMAT, VAULT_VERSION, type StoredHeader, type VaultHeader } from './vault-header';
import { commitHeader, hasVault, isStoredHeader, readStoredHeader } from './vault-header-store';
import { nowOf, targetIterations, type VaultOptions } from './vault-options';
import {
  ERR_HEADER_TAMPERED,
  ERR_NO_RECOVERY_KEY,
  ERR_PASSKEY_REFUSED,
  ERR_PASSKEY_UNKNOWN,
  ERR_PASSPHRASE_EMPTY,
  ERR_PASSKEY_ANSWER_INVALID,
  ERR_RECOVERY_KEY_WRONG,
  ERR_VAULT_EXISTS,
  ERR_WRONG_PASSPHRASE,
} from './vault-problems';

export { DEFAULT_ITERATIONS, type VaultOptions } from './vault-options';
export { VaultError } from './vault-problems';
export { hasVault } from './vault-header-store';
export { accountRecordAad } from './account-record';
export {
  addAccounts,
  deleteAccount,
  listAccounts,
  listTrash,
  purgeTrash,
  putAccount,
  putAccounts,
  readSealedRecords,
  restoreAccount,
} from './vault-accounts';
export { openListCache, removeListCache, sealListCache, writeListCache } from './list-cache';
export {
  addPasskeySlot,
  addPassphraseSlot,
  changePassphrase,
  listSlots,
  recoveryBackupKey,
  removeSlot,
  replaceRecoverySlot,
  setNewPassphrase,
  unlockOptions,
} from './vault-slots';

/** Creates a new vault protected by `passphrase` and returns its data key. Refuses if one exists. */
export async function createVault(db: VaultDb, passphrase: string, opts?: VaultOptions): Promise<Result<CryptoKey>> {
  if (passphrase === '') return fail(ERR_PASSPHRASE_EMPTY);
  if (await hasVault(db)) return fail(ERR_VAULT_EXISTS);
  const dataKey = await generateDataKey();
  const raw = await exportRawDataKey(dataKey);
  try {
    const vaultId = crypto.randomUUID();
    const params = newPassphraseParams(targetIterations(opts), nowOf(opts));
    const slot = await sealSlot(
      raw,
      vaultId,
      { id: crypto.randomUUID(), kind: 'passphrase' as const, params },
      await passphraseWrappingKey(passphrase, params),
    );
    const header = await signHeader({ format: VAULT_FORMAT, version: VAULT_VERSION, vaultId, revision: 1, slots: [slot] }, raw);
    const tx = db.transaction('meta', 'readwrite');
    // `add` (not `put`) fails if another context created a vault meanwhile.
    await commitAll(tx, [() => tx.store.add(header, HEADER_KEY), () => tx.store.put(newDeviceClockState(), DEVICE_KEY)]);
  } catch {
    return fail(ERR_VAULT_EXISTS);
  } finally {
    raw.fill(0);
  }
  return ok(dataKey);
}

/**
 * Tries each slot of `candidates` with the wrapping key `keyFor` gives it; on the first that
 * opens, checks the header MAC with the data key and returns it (raw).
 */
async function openWithSlots<S extends KeySlot>(
  header: VaultHeader,
  candidates: readonly S[],
  keyFor: (slot: S) => Promise<CryptoKey>,
): Promise<{ raw: Uint8Array<ArrayBuffer>; slot: S } | 'refused' | 'tampered'> {
  for (const slot of candidates) {
    const raw = await openSlot(slot, header.vaultId, await keyFor(slot));
    if (!raw) continue;
    if (!(await headerMacValid(header, raw))) {
      raw.fill(0);
      return 'tampered';
    }
    return { raw, slot };
  }
  return 'refused';
}

/**
 * Opens a format-2 header that is not (yet) this browser's, such as a synced vault's, with its
 * passphrase: the raw data key if a passphrase slot opens and the MAC holds. The caller zeroes it.
 */
export async function openHeaderWithPassphrase(header: VaultHeader, passphrase: string): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const slots = header.slots.filter((s): s is PassphraseSlot => s.kind === 'passphrase');
  const opened = await openWithSlots(header, slots, (slot) => passphraseWrappingKey(passphrase, slot.params));
  if (opened === 'refused') return fail(ERR_WRONG_PASSPHRASE);
  if (opened === 'tampered') return fail(ERR_HEADER_TAMPERED);
  return ok(opened.raw);
}

async function keyFrom(raw: Uint8Array): Promise<CryptoKey> {
  const key = await importRawDataKey(raw);
  raw.fill(0);
  return key;
}

/**
 * Unlocks with the passphrase: tries each passphrase slot with its stored PBKDF2 parameters and
 * checks the header MAC. If the slot's work factor is below the default (or `opts.iterations`),
 * re-wraps the same data key in that slot under a fresh salt at that strength; a failed re-wrap
 * does not fail the unlock. A format-1 vault is upgraded to format 2 first (upgrade-format-1.ts).
 *
 * `readAhead`: the stored header, if the caller started reading it before anything else (an unlock
 * reads every record while the key is derived; a header read asked for after that read waits
 * behind it, and the derivation with it). Its answer stands only if that header is still the
 * stored one once its slots have answered; otherwise the header is read again.
 */
export async function unlockVault(
  db: VaultDb,
  passphrase: string,
  opts?: VaultOptions,
  readAhead?: Promise<Result<StoredHeader>>,
): Promise<Result<CryptoKey>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const early = attempt === 0 ? readAhead : undefined;
    const stored = await (early ?? readStoredHeader(db));
    if (!stored.ok) return stored;
    if (stored.value.version === 1) {
      const upgraded = await upgradeFormat1(db, stored.value.header, passphrase, targetIterations(opts), nowOf(opts));
      if ('raced' in upgraded) continue; // another context upgraded it meanwhile: unlock the format-2 vault
      return upgraded;
    }
    const header = stored.value.header;
    const slots = header.slots.filter((s): s is PassphraseSlot => s.kind === 'passphrase');
    const opened = await openWithSlots(header, slots, (slot) => passphraseWrappingKey(passphrase, slot.params));
    if (early && !(await isStoredHeader(db, header))) {
      if (typeof opened === 'object') opened.raw.fill(0);
      continue; // changed meanwhile (a new passphrase, a raised slot): try the stored one
    }
    if (opened === 'refused') return fail(ERR_WRONG_PASSPHRASE);
    if (opened === 'tampered') return fail(ERR_HEADER_TAMPERED);
    await raiseWorkFactor(db, header, opened.slot, opened.raw, passphrase, opts);
    return ok(await keyFrom(opened.raw));
  }
  return fail(ERR_WRONG_PASSPHRASE);
}

async function raiseWorkFactor(
  db: VaultDb,
  header: VaultHeader,
  slot: PassphraseSlot,
  raw: Uint8Array,
  passphrase: string,
  opts?: VaultOptions,
): Promise<void> {
  const iterations = targetIterations(opts);
  if (slot.params.iterations >= iterations) return;
  try {
    const params = { ...newPassphraseParams(iterations, slot.params.createdAt) };
    const raised = await sealSlot(
      raw,
      header.vaultId,
      { id: slot.id, kind: 'passphrase' as const, params },
      await passphraseWrappingKey(passphrase, params),
    );
    await commitHeader(
      db,
      header,
      header.slots.map((s) => (s.id === slot.id ? raised : s)),
      raw,
    );
  } catch {
    // The old slot still unlocks; the raise is retried on the next unlock.
  }
}

/**
 * Unlocks with a passkey: `prfOutput` is the WebAuthn PRF extension's `results.first` for the
 * slot's `prfSalt`, from the credential `credentialId` (its `rawId`). See `unlockOptions` for
 * what the ceremony needs.
 */
export async function unlockWithPasskey(db: VaultDb, credentialId: Uint8Array, prfOutput: Uint8Array): Promise<Result<CryptoKey>> {
  if (!isPrfOutput(prfOutput)) return fail(ERR_PASSKEY_ANSWER_INVALID);
  const stored = await readStoredHeader(db);
  if (!stored.ok) return stored;
  if (stored.value.version !== 2) return fail(ERR_PASSKEY_UNKNOWN);
  const header = stored.value.header;
  const wanted = encodeBase64(credentialId);
  const slots = header.slots.flatMap((s) => (s.kind === 'passkey' && encodeBase64(s.params.credentialId) === wanted ? [s] : []));
  if (slots.length === 0) return fail(ERR_PASSKEY_UNKNOWN);
  const opened = await openWithSlots(header, slots, (slot) => passkeyWrappingKey(prfOutput, slot.params));
  if (opened === 'refused') return fail(ERR_PASSKEY_REFUSED);
  if (opened === 'tampered') return fail(ERR_HEADER_TAMPERED);
  return ok(await keyFrom(opened.raw));
}

/**
 * Unlocks with the recovery key as the user typed it (recovery-key.ts parses it: spaces, dashes,
 * lower case, look-alike letters; a typo is reported as such). The caller then asks for a new
 * passphrase (`setNewPassphrase`) before anything else.
 */
export async function unlockWithRecoveryKey(db: VaultDb, recoveryKeyText: string): Promise<Result<CryptoKey>> {
  const parsed = parseRecoveryKey(recoveryKeyText);
  if (!parsed.ok) return parsed;
  const stored = await readStoredHeader(db);
  if (!stored.ok) return stored;
  const slot = stored.value.version === 2 ? stored.value.header.slots.find((s) => s.kind === 'recovery') : undefined;
  if (stored.value.version !== 2 || !slot) return fail(ERR_NO_RECOVERY_KEY);
  const recoveryKey = parsed.value;
  const opened = await openWithSlots(stored.value.header, [slot], (s) => recoveryWrappingKey(recoveryKey, s.params));
  recoveryKey.fill(0);
  if (opened === 'refused') return fail(ERR_RECOVERY_KEY_WRONG);
  if (opened === 'tampered') return fail(ERR_HEADER_TAMPERED);
  return ok(await keyFrom(opened.raw));
}

/** The data key as 32 raw bytes (for `storage.session`, which is memory-only). */
export function exportDataKey(key: CryptoKey): Promise<Uint8Array> {
  return exportRawDataKey(key);
}

/** The inverse of `exportDataKey`; rejects unless `raw` is 32 bytes. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  return importRawDataKey(raw);
}
