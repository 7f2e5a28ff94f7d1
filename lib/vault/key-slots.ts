/**
 * Key slots (docs/vault-format.md, "Key slots"), after Aegis's design: every slot wraps the same
 * random 32-byte data key under its own wrapping key, so adding or removing a way in never
 * re-encrypts the accounts.
 *
 * | kind         | wrapping key                                                              |
 * | ------------ | ------------------------------------------------------------------------- |
 * | `passphrase` | PBKDF2-HMAC-SHA256(NFC passphrase, salt, iterations) (RFC 8018 §5.2)        |
 * | `passkey`    | HKDF-SHA256(WebAuthn PRF output, hkdfSalt, "sesame-vault/passkey-slot/v2")  |
 * | `recovery`   | HKDF-SHA256(128-bit recovery key, salt, "sesame-vault/recovery-slot/v2")    |
 *
 * The wrapped key is AES-256-GCM with the canonical JSON of `{context, vaultId, id, kind, params}`
 * as additional data, so a slot whose parameters were changed (fewer iterations, another salt,
 * another credential, another name) or that was moved to another vault or id does not unwrap.
 */
import { canonicalJson } from './canonical-json';
import { deriveWrappingKey, hkdfBytes, hkdfKey, randomBytes, seal, SALT_BYTES, unwrapRawKey, wrapRawKey, type Sealed } from './crypto';
import { hasExactKeys, isBytes, isId, isRecord, isTimestamp, parseWrappedKey } from './stored-shape';

export type SlotKind = 'passphrase' | 'passkey' | 'recovery';

const SLOT_AAD_CONTEXT = 'sesame-vault/slot/v2';
const PASSKEY_HKDF_INFO = 'sesame-vault/passkey-slot/v2';
const RECOVERY_HKDF_INFO = 'sesame-vault/recovery-slot/v2';
/** HKDF info of the key a backup's recovery slot uses (backup.ts); never the vault's wrapping key. */
const RECOVERY_BACKUP_HKDF_INFO = 'sesame-backup/recovery-slot/v2';
const RECOVERY_BACKUP_KEY_CONTEXT = 'sesame-vault/recovery-backup-key/v2';

/** Refuse absurd work factors from a damaged header instead of hanging the browser. */
export const MAX_ITERATIONS = 10_000_000;
export const MIN_SALT_BYTES = 16;
/** The WebAuthn PRF extension's output (CTAP2 hmac-secret): 32 bytes. */
const PRF_OUTPUT_BYTES = 32;
export const PRF_SALT_BYTES = 32;
/** WebAuthn Level 3 §5.1: a credential id is at most 1023 bytes. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
const MAX_SLOT_NAME_LENGTH = 64;

export interface PassphraseSlotParams {
  readonly kdf: 'PBKDF2-SHA256';
  readonly iterations: number;
  readonly salt: Uint8Array;
  readonly createdAt: number;
}

export interface PasskeySlotParams {
  /** The WebAuthn credential's raw id (`rawId`), for `allowCredentials` and to pick the slot. */
  readonly credentialId: Uint8Array;
  /** The PRF extension's evaluation input (`prf.eval.first`), 32 random bytes. */
  readonly prfSalt: Uint8Array;
  /** HKDF salt, 32 random bytes. */
  readonly hkdfSalt: Uint8Array;
  /** What the user called it ("Work laptop", "YubiKey"). */
  readonly name: string;
  readonly createdAt: number;
}

export interface RecoverySlotParams {
  /** HKDF salt for both the wrapping key and the backup key, 16 random bytes. */
  readonly salt: Uint8Array;
  readonly createdAt: number;
}

interface SlotBase {
  /** A random UUID, fixed for the life of the slot. */
  readonly id: string;
  /** The 32-byte data key, AES-256-GCM under the slot's wrapping key (48 bytes with the tag). */
  readonly wrappedKey: Sealed;
}

export interface PassphraseSlot extends SlotBase {
  readonly kind: 'passphrase';
  readonly params: PassphraseSlotParams;
}

interface PasskeySlot extends SlotBase {
  readonly kind: 'passkey';
  readonly params: PasskeySlotParams;
}

export interface RecoverySlot extends SlotBase {
  readonly kind: 'recovery';
  readonly params: RecoverySlotParams;
  /**
   * The recovery backup key (HKDF of the recovery key, info `RECOVERY_BACKUP_HKDF_INFO`),
   * AES-256-GCM under the data key: lets the unlocked vault make backups that the recovery key
   * opens without ever holding the recovery key.
   */
  readonly backupKey: Sealed;
}

export type KeySlot = PassphraseSlot | PasskeySlot | RecoverySlot;
export type SlotIdentity = Pick<KeySlot, 'id' | 'kind' | 'params'>;

/** The additional data a slot's wrapped key is bound to. */
function slotAad(vaultId: string, slot: SlotIdentity): string {
  return canonicalJson({ context: SLOT_AAD_CONTEXT, vaultId, id: slot.id, kind: slot.kind, params: { ...slot.params } });
}

/** The additional data of a recovery slot's `backupKey`. */
export function recoveryBackupKeyAad(vaultId: string, slotId: string): string {
  return canonicalJson({ context: RECOVERY_BACKUP_KEY_CONTEXT, vaultId, slotId });
}

/** A slot name as the user typed it, trimmed; undefined if empty, too long or holding control characters. */
export function cleanSlotName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  // No C0/C1 controls (so canonical JSON escapes only `"` and `\`) and no lone surrogates (in a
  // `u` regex a surrogate pair is one code point, so only a lone half matches).
  if (trimmed === '' || trimmed.length > MAX_SLOT_NAME_LENGTH || /[\p{Cc}\uD800-\uDFFF]/u.test(trimmed)) return undefined;
  return trimmed;
}

// ---- wrapping keys ----

export function passphraseWrappingKey(passphrase: string, params: PassphraseSlotParams): Promise<CryptoKey> {
  return deriveWrappingKey(passphrase, { name: 'PBKDF2-SHA256', iterations: params.iterations, salt: params.salt });
}

export function passkeyWrappingKey(prfOutput: Uint8Array, params: PasskeySlotParams): Promise<CryptoKey> {
  return hkdfKey(prfOutput, params.hkdfSalt, PASSKEY_HKDF_INFO, 'aes');
}

export function recoveryWrappingKey(recoveryKey: Uint8Array, params: RecoverySlotParams): Promise<CryptoKey> {
  return hkdfKey(recoveryKey, params.salt, RECOVERY_HKDF_INFO, 'aes');
}

/** The 32 raw bytes a backup's recovery slot wraps its file key with (see backup.ts). */
export function recoveryBackupKeyBytes(recoveryKey: Uint8Array, salt: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return hkdfBytes(recoveryKey, salt, RECOVERY_BACKUP_HKDF_INFO);
}

// ---- making and opening slots ----

/** Wraps the raw data key into a new slot with these identity fields. */
export async function sealSlot<S extends SlotIdentity>(
  rawDataKey: Uint8Array,
  vaultId: string,
  identity: S,
  wrappingKey: CryptoKey,
): Promise<S & { wrappedKey: Sealed }> {
  return { ...identity, wrappedKey: await wrapRawKey(rawDataKey, wrappingKey, slotAad(vaultId, identity)) };
}

/** The raw data key a slot wraps, or undefined if the wrapping key or any bound field is wrong. */
export function openSlot(slot: KeySlot, vaultId: string, wrappingKey: CryptoKey): Promise<Uint8Array<ArrayBuffer> | undefined> {
  return unwrapRawKey(slot.wrappedKey, wrappingKey, slotAad(vaultId, slot));
}

export function newPassphraseParams(iterations: number, createdAt: number): PassphraseSlotParams {
  return { kdf: 'PBKDF2-SHA256', iterations, salt: randomBytes(SALT_BYTES), createdAt };
}

/** A new recovery slot for `recoveryKey`, with its backup key sealed under the data key. */
export async function makeRecoverySlot(
  dataKey: CryptoKey,
  rawDataKey: Uint8Array,
  vaultId: string,
  recoveryKey: Uint8Array,
  createdAt: number,
): Promise<RecoverySlot> {
  const params: RecoverySlotParams = { salt: randomBytes(MIN_SALT_BYTES), createdAt };
  const identity = { id: crypto.randomUUID(), kind: 'recovery' as const, params };
  const sealed = await sealSlot(rawDataKey, vaultId, identity, await recoveryWrappingKey(recoveryKey, params));
  const backupKeyBytes = await recoveryBackupKeyBytes(recoveryKey, params.salt);
  const backupKey = await seal(dataKey, backupKeyBytes, recoveryBackupKeyAad(vaultId, identity.id));
  backupKeyBytes.fill(0);
  return { ...sealed, backupKey };
}

// ---- reading stored slots ----

const isIterations = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= MAX_ITERATIONS;
const isBytesOf = (v: unknown, min: number, max: number = min): v is Uint8Array => isBytes(v) && v.length >= min && v.length <= max;

function parseParams(kind: unknown, p: unknown): KeySlot['params'] | undefined {
  if (!isRecord(p) || !isTimestamp(p['createdAt'])) return undefined;
  const createdAt = p['createdAt'];
  switch (kind) {
    case 'passphrase': {
      const { kdf, iterations, salt } = p;
      if (
        !hasExactKeys(p, ['kdf', 'iterations', 'salt', 'createdAt']) ||
        kdf !== 'PBKDF2-SHA256' ||
        !isIterations(iterations) ||
        !isBytesOf(salt, MIN_SALT_BYTES, 64)
      )
        return undefined;
      return { kdf, iterations, salt, createdAt };
    }
    case 'passkey': {
      const { credentialId, prfSalt, hkdfSalt, name } = p;
      if (!hasExactKeys(p, ['credentialId', 'prfSalt', 'hkdfSalt', 'name', 'createdAt'])) return undefined;
      if (
        !isBytesOf(credentialId, 1, MAX_CREDENTIAL_ID_BYTES) ||
        !isBytesOf(prfSalt, PRF_SALT_BYTES) ||
        !isBytesOf(hkdfSalt, PRF_SALT_BYTES)
      )
        return undefined;
      if (typeof name !== 'string' || cleanSlotName(name) !== name) return undefined;
      return { credentialId, prfSalt, hkdfSalt, name, createdAt };
    }
    case 'recovery': {
      const { salt } = p;
      if (!hasExactKeys(p, ['salt', 'createdAt']) || !isBytesOf(salt, MIN_SALT_BYTES, 64)) return undefined;
      return { salt, createdAt };
    }
    default:
      return undefined;
  }
}

/** A stored slot, checked field by field; undefined if anything is missing, extra or out of range. */
export function parseKeySlot(value: unknown): KeySlot | undefined {
  if (!isRecord(value)) return undefined;
  const { id, kind } = value;
  const keys = kind === 'recovery' ? ['id', 'kind', 'params', 'wrappedKey', 'backupKey'] : ['id', 'kind', 'params', 'wrappedKey'];
  if (!hasExactKeys(value, keys) || !isId(id)) return undefined;
  const params = parseParams(kind, value['params']);
  const wrappedKey = parseWrappedKey(value['wrappedKey']);
  if (!params || !wrappedKey) return undefined;
  if (kind === 'recovery') {
    const backupKey = parseWrappedKey(value['backupKey']);
    return backupKey ? { id, kind, params: params as RecoverySlotParams, wrappedKey, backupKey } : undefined;
  }
  return { id, kind, params, wrappedKey } as KeySlot;
}

export const isPrfOutput = (v: unknown): v is Uint8Array => isBytes(v) && v.length === PRF_OUTPUT_BYTES;
