/**
 * Managing a format-2 vault's key slots (docs/vault-format.md, "Key slots"). Each change verifies
 * the header's MAC with the data key the caller holds (so a tampered header is never re-signed),
 * writes the new slot list with the next revision and a new MAC in one transaction, and never
 * touches the account records: the data key they are encrypted under does not change.
 */
import { fail, ok, type Result } from '../result';
import type { BackupRecoveryKey } from './backup';
import { exportRawDataKey, open, randomBytes } from './crypto';
import { encodeBase64 } from './encoding';
import {
  cleanSlotName,
  isPrfOutput,
  makeRecoverySlot,
  MAX_CREDENTIAL_ID_BYTES,
  newPassphraseParams,
  openSlot,
  passkeyWrappingKey,
  passphraseWrappingKey,
  PRF_SALT_BYTES,
  recoveryBackupKeyAad,
  sealSlot,
  type KeySlot,
  type PasskeySlotParams,
  type PassphraseSlot,
  type SlotKind,
} from './key-slots';
import { headerMacValid } from './header-mac';
import { parseRecoveryKey } from './recovery-key';
import type { VaultDb } from './vault-db';
import { MAX_SLOTS, type VaultHeader } from './vault-header';
import { commitHeader, readStoredHeader, verifiedHeader } from './vault-header-store';
import { nowOf, targetIterations, type VaultOptions } from './vault-options';
import {
  ERR_HEADER_TAMPERED,
  ERR_LAST_PASSPHRASE_SLOT,
  ERR_PASSKEY_EXISTS,
  ERR_PASSPHRASE_EMPTY,
  ERR_PASSKEY_ANSWER_INVALID,
  ERR_SLOT_MISSING,
  ERR_SLOT_NAME_INVALID,
  ERR_TOO_MANY_SLOTS,
  ERR_WRONG_PASSPHRASE,
} from './vault-problems';

/** What settings may show of a slot: never a key, salt or wrapped key. */
export interface SlotSummary {
  readonly id: string;
  readonly kind: SlotKind;
  /** The passkey's name; passphrase and recovery slots have none. */
  readonly name?: string;
  readonly createdAt: number;
}

/** What the unlock screen needs before any key is known (all of it stored in plaintext anyway). */
export interface UnlockOptions {
  /** One entry per passkey slot: `allowCredentials` ids and the PRF input to evaluate for each. */
  readonly passkeys: readonly { readonly slotId: string; readonly credentialId: Uint8Array; readonly prfSalt: Uint8Array }[];
  readonly recoveryKey: boolean;
}

export interface NewPasskey {
  /** The credential's `rawId`. */
  readonly credentialId: Uint8Array;
  /** The PRF input the ceremony evaluated (`prf.eval.first`), 32 random bytes from the caller. */
  readonly prfSalt: Uint8Array;
  /** The PRF output (`prf.results.first`), 32 bytes. Used once to wrap; never stored. */
  readonly prfOutput: Uint8Array;
  readonly name: string;
}

const summary = (slot: KeySlot): SlotSummary =>
  slot.kind === 'passkey'
    ? { id: slot.id, kind: slot.kind, name: slot.params.name, createdAt: slot.params.createdAt }
    : { id: slot.id, kind: slot.kind, createdAt: slot.params.createdAt };

/** Runs `change` on the authenticated header with the raw data key, zeroing the key afterwards. */
async function withHeader<T>(
  db: VaultDb,
  dataKey: CryptoKey,
  change: (header: VaultHeader, raw: Uint8Array) => Promise<Result<T>>,
): Promise<Result<T>> {
  const raw = await exportRawDataKey(dataKey);
  try {
    const header = await verifiedHeader(db, raw);
    return header.ok ? await change(header.value, raw) : header;
  } finally {
    raw.fill(0);
  }
}

/** The slots, in order, without secrets. */
export function listSlots(db: VaultDb, dataKey: CryptoKey): Promise<Result<SlotSummary[]>> {
  return withHeader(db, dataKey, async (header) => ok(header.slots.map(summary)));
}

/** Which ways in the unlock screen can offer (read without a key; a format-1 vault has only the passphrase). */
export async function unlockOptions(db: VaultDb): Promise<Result<UnlockOptions>> {
  const stored = await readStoredHeader(db);
  if (!stored.ok) return stored;
  if (stored.value.version !== 2) return ok({ passkeys: [], recoveryKey: false });
  const slots = stored.value.header.slots;
  return ok({
    passkeys: slots.flatMap((s) =>
      s.kind === 'passkey' ? [{ slotId: s.id, credentialId: s.params.credentialId, prfSalt: s.params.prfSalt }] : [],
    ),
    recoveryKey: slots.some((s) => s.kind === 'recovery'),
  });
}

/** 32 random bytes to evaluate the PRF with when registering a passkey (`prf.eval.first`). */
export const newPrfSalt = (): Uint8Array<ArrayBuffer> => randomBytes(PRF_SALT_BYTES);

async function addSlot(db: VaultDb, header: VaultHeader, slot: KeySlot, raw: Uint8Array): Promise<Result<SlotSummary>> {
  if (header.slots.length >= MAX_SLOTS) return fail(ERR_TOO_MANY_SLOTS, MAX_SLOTS);
  const committed = await commitHeader(db, header, [...header.slots, slot], raw);
  return committed.ok ? ok(summary(slot)) : committed;
}

/** Adds a passkey slot: the data key wrapped under HKDF-SHA256 of the PRF output (key-slots.ts). */
export function addPasskeySlot(db: VaultDb, dataKey: CryptoKey, passkey: NewPasskey, now: number): Promise<Result<SlotSummary>> {
  return withHeader(db, dataKey, async (header, raw) => {
    if (!isPrfOutput(passkey.prfOutput)) return fail(ERR_PASSKEY_ANSWER_INVALID);
    const name = cleanSlotName(passkey.name);
    if (name === undefined) return fail(ERR_SLOT_NAME_INVALID);
    const { credentialId, prfSalt } = passkey;
    if (!(credentialId instanceof Uint8Array) || credentialId.length < 1 || credentialId.length > MAX_CREDENTIAL_ID_BYTES)
      return fail(ERR_PASSKEY_ANSWER_INVALID);
    if (!(prfSalt instanceof Uint8Array) || prfSalt.length !== PRF_SALT_BYTES) return fail(ERR_PASSKEY_ANSWER_INVALID);
    const wanted = encodeBase64(credentialId);
    if (header.slots.some((s) => s.kind === 'passkey' && encodeBase64(s.params.credentialId) === wanted)) return fail(ERR_PASSKEY_EXISTS);
    const params: PasskeySlotParams = {
      credentialId: new Uint8Array(credentialId),
      prfSalt: new Uint8Array(prfSalt),
      hkdfSalt: randomBytes(PRF_SALT_BYTES),
      name,
      createdAt: now,
    };
    const slot = await sealSlot(
      raw,
      header.vaultId,
      { id: crypto.randomUUID(), kind: 'passkey' as const, params },
      await passkeyWrappingKey(passkey.prfOutput, params),
    );
    return addSlot(db, header, slot, raw);
  });
}

/** Adds another passphrase slot (a second passphrase that also unlocks). */
export function addPassphraseSlot(db: VaultDb, dataKey: CryptoKey, passphrase: string, opts?: VaultOptions): Promise<Result<SlotSummary>> {
  return withHeader(db, dataKey, async (header, raw) => {
    if (passphrase === '') return fail(ERR_PASSPHRASE_EMPTY);
    const params = newPassphraseParams(targetIterations(opts), nowOf(opts));
    const slot = await sealSlot(
      raw,
      header.vaultId,
      { id: crypto.randomUUID(), kind: 'passphrase' as const, params },
      await passphraseWrappingKey(passphrase, params),
    );
    return addSlot(db, header, slot, raw);
  });
}

/** Removes a slot. The last passphrase slot cannot be removed. */
export function removeSlot(db: VaultDb, dataKey: CryptoKey, slotId: string): Promise<Result<void>> {
  return withHeader(db, dataKey, async (header, raw) => {
    const slot = header.slots.find((s) => s.id === slotId);
    if (!slot) return fail(ERR_SLOT_MISSING);
    const rest = header.slots.filter((s) => s.id !== slotId);
    if (slot.kind === 'passphrase' && !rest.some((s) => s.kind === 'passphrase')) return fail(ERR_LAST_PASSPHRASE_SLOT);
    const committed = await commitHeader(db, header, rest, raw);
    return committed.ok ? ok(undefined) : committed;
  });
}

/**
 * Adds a recovery slot for the recovery key the user was shown and typed back (recovery-key.ts
 * `formatRecoveryKey(generateRecoveryKey())`), replacing the old one if there was one.
 */
export function replaceRecoverySlot(db: VaultDb, dataKey: CryptoKey, recoveryKeyText: string, now: number): Promise<Result<SlotSummary>> {
  return withHeader(db, dataKey, async (header, raw) => {
    const parsed = parseRecoveryKey(recoveryKeyText);
    if (!parsed.ok) return parsed;
    const slot = await makeRecoverySlot(dataKey, raw, header.vaultId, parsed.value, now);
    parsed.value.fill(0);
    const slots = [...header.slots.filter((s) => s.kind !== 'recovery'), slot];
    const committed = await commitHeader(db, header, slots, raw);
    return committed.ok ? ok(summary(slot)) : committed;
  });
}

/**
 * Changes the passphrase: re-wraps the data key in the slot `oldPassphrase` opens, under
 * `newPassphrase` with a fresh salt and `max(stored iterations, default)`. Other slots and the
 * accounts are not touched.
 */
export async function changePassphrase(
  db: VaultDb,
  oldPassphrase: string,
  newPassphrase: string,
  opts?: VaultOptions,
): Promise<Result<void>> {
  if (newPassphrase === '') return fail(ERR_PASSPHRASE_EMPTY);
  const stored = await readStoredHeader(db);
  if (!stored.ok) return stored;
  if (stored.value.version !== 2) return fail(ERR_WRONG_PASSPHRASE); // unlock (which upgrades) comes first
  const header = stored.value.header;
  for (const slot of header.slots) {
    if (slot.kind !== 'passphrase') continue;
    const raw = await openSlot(slot, header.vaultId, await passphraseWrappingKey(oldPassphrase, slot.params));
    if (!raw) continue;
    try {
      if (!(await headerMacValid(header, raw))) return fail(ERR_HEADER_TAMPERED);
      const params = newPassphraseParams(Math.max(slot.params.iterations, targetIterations(opts)), nowOf(opts));
      const next = await sealSlot(
        raw,
        header.vaultId,
        { id: slot.id, kind: 'passphrase' as const, params },
        await passphraseWrappingKey(newPassphrase, params),
      );
      const committed = await commitHeader(
        db,
        header,
        header.slots.map((s) => (s.id === slot.id ? next : s)),
        raw,
      );
      return committed.ok ? ok(undefined) : committed;
    } finally {
      raw.fill(0);
    }
  }
  return fail(ERR_WRONG_PASSPHRASE);
}

/**
 * Sets a new passphrase with the data key alone (after unlocking with the recovery key, when the
 * old passphrase is forgotten): every passphrase slot is replaced by one for `newPassphrase`.
 */
export function setNewPassphrase(db: VaultDb, dataKey: CryptoKey, newPassphrase: string, opts?: VaultOptions): Promise<Result<void>> {
  return withHeader(db, dataKey, async (header, raw) => {
    if (newPassphrase === '') return fail(ERR_PASSPHRASE_EMPTY);
    const params = newPassphraseParams(targetIterations(opts), nowOf(opts));
    const slot: PassphraseSlot = await sealSlot(
      raw,
      header.vaultId,
      { id: crypto.randomUUID(), kind: 'passphrase' as const, params },
      await passphraseWrappingKey(newPassphrase, params),
    );
    const committed = await commitHeader(db, header, [slot, ...header.slots.filter((s) => s.kind !== 'passphrase')], raw);
    return committed.ok ? ok(undefined) : committed;
  });
}

/**
 * The key that lets a backup carry a recovery slot (backup.ts), unsealed from the recovery slot
 * with the data key; `undefined` when the vault has no recovery key. The recovery key itself is
 * never needed.
 */
export function recoveryBackupKey(db: VaultDb, dataKey: CryptoKey): Promise<Result<BackupRecoveryKey | undefined>> {
  return withHeader(db, dataKey, async (header) => {
    const slot = header.slots.find((s) => s.kind === 'recovery');
    if (!slot || slot.kind !== 'recovery') return ok(undefined);
    const key = await open(dataKey, slot.backupKey, recoveryBackupKeyAad(header.vaultId, slot.id));
    if (!key || key.length !== 32) return fail(ERR_HEADER_TAMPERED);
    return ok({ slotId: slot.id, salt: slot.params.salt, createdAt: slot.params.createdAt, key });
  });
}
