/**
 * The format-1 vault header (docs/vault-format.md, "Format 1"): one passphrase-derived key wrapping
 * the data key. Sesame no longer writes it; it reads it once, to upgrade the vault to format 2 on
 * the first unlock (upgrade-format-1.ts).
 */
import { fail, ok, type Result } from '../result';
import { IV_BYTES, KEY_BYTES, TAG_BYTES, type KdfParams, type Sealed } from './crypto';
import { MAX_ITERATIONS, MIN_SALT_BYTES } from './key-slots';
import { isBytes, isRecord } from './stored-shape';
import { ERR_HEADER_CORRUPT } from './vault-problems';

const VAULT_FORMAT = 'sesame-vault';

const VAULT_VERSION_1 = 1;
/** Additional data of the format-1 wrapped data key. */
export const WRAP_AAD_V1 = 'sesame-vault/data-key/v1';
/** Additional data of a format-1 account record. */
export const accountAadV1 = (id: string): string => `account/${id}`;

export interface VaultHeaderV1 {
  readonly format: typeof VAULT_FORMAT;
  readonly version: typeof VAULT_VERSION_1;
  readonly kdf: KdfParams;
  /** The data key, AES-256-GCM-encrypted under the passphrase-derived key (48 bytes with tag). */
  readonly wrappedKey: Sealed;
}

/** Checks a format-1 header (the caller has read `format` and `version` already). */
export function parseVaultHeaderV1(value: Record<string, unknown>): Result<VaultHeaderV1> {
  const kdf = value['kdf'];
  const wrapped = value['wrappedKey'];
  if (!isRecord(kdf) || kdf['name'] !== 'PBKDF2-SHA256') return fail(ERR_HEADER_CORRUPT);
  const { iterations, salt } = kdf;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
    return fail(ERR_HEADER_CORRUPT);
  if (!isBytes(salt) || salt.length < MIN_SALT_BYTES) return fail(ERR_HEADER_CORRUPT);
  if (!isRecord(wrapped) || !isBytes(wrapped['iv']) || !isBytes(wrapped['ciphertext'])) return fail(ERR_HEADER_CORRUPT);
  const { iv, ciphertext } = wrapped;
  if (iv.length !== IV_BYTES || ciphertext.length !== KEY_BYTES + TAG_BYTES) return fail(ERR_HEADER_CORRUPT);
  return ok({
    format: VAULT_FORMAT,
    version: VAULT_VERSION_1,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt },
    wrappedKey: { iv, ciphertext },
  });
}
