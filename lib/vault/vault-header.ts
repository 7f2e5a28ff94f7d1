/**
 * The vault header: the one plaintext record, stored in `meta` under `'header'`. It holds only
 * what is needed to turn the passphrase into the data key (docs/vault-format.md, "Header").
 */
import { fail, ok, type Result } from '../result';
import { IV_BYTES, KEY_BYTES, TAG_BYTES, type KdfParams, type Sealed } from './crypto';

export const VAULT_FORMAT = 'sesame-vault';
export const VAULT_VERSION = 1;
/** Refuse absurd work factors from a damaged header instead of hanging the browser. */
export const MAX_ITERATIONS = 10_000_000;
export const MIN_SALT_BYTES = 16;

export const ERR_HEADER_CORRUPT = 'err_vault_header_corrupt';
export const ERR_UNSUPPORTED_VERSION = 'err_vault_unsupported_version';

export interface VaultHeader {
  readonly format: typeof VAULT_FORMAT;
  readonly version: typeof VAULT_VERSION;
  readonly kdf: KdfParams;
  /** The data key, AES-256-GCM-encrypted under the passphrase-derived key (48 bytes with tag). */
  readonly wrappedKey: Sealed;
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks a header read from IndexedDB (it may be damaged or come from a newer Sesame). */
export function parseVaultHeader(value: unknown): Result<VaultHeader> {
  if (!isRecord(value) || value['format'] !== VAULT_FORMAT) return fail(ERR_HEADER_CORRUPT);
  if (value['version'] !== VAULT_VERSION) return fail(ERR_UNSUPPORTED_VERSION, String(value['version']));
  const kdf = value['kdf'];
  const wrapped = value['wrappedKey'];
  if (!isRecord(kdf) || kdf['name'] !== 'PBKDF2-SHA256') return fail(ERR_HEADER_CORRUPT);
  const { iterations, salt } = kdf;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return fail(ERR_HEADER_CORRUPT);
  if (!isBytes(salt) || salt.length < MIN_SALT_BYTES) return fail(ERR_HEADER_CORRUPT);
  if (!isRecord(wrapped) || !isBytes(wrapped['iv']) || !isBytes(wrapped['ciphertext'])) return fail(ERR_HEADER_CORRUPT);
  const { iv, ciphertext } = wrapped;
  if (iv.length !== IV_BYTES || ciphertext.length !== KEY_BYTES + TAG_BYTES) return fail(ERR_HEADER_CORRUPT);
  return ok({ format: VAULT_FORMAT, version: VAULT_VERSION, kdf: { name: 'PBKDF2-SHA256', iterations, salt }, wrappedKey: { iv, ciphertext } });
}
