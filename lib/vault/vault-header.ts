/**
 * The format-2 vault header: the one plaintext record, stored in `meta` under `'header'`
 * (docs/vault-format.md, "Header"). It holds the key slots and a MAC over everything in it.
 *
 * ```
 * { format: "sesame-vault", version: 2, vaultId, revision, slots: [KeySlot, ...], mac }
 * ```
 * `mac` is HMAC-SHA256 under a key derived from the data key (header-mac.ts), checked on every
 * unlock, so a slot removed, added, swapped, reordered or rolled back is found even though each
 * slot on its own still unwraps.
 */
import { fail, ok, type Result } from '../result';
import { parseKeySlot, type KeySlot } from './key-slots';
import { ERR_HEADER_CORRUPT, ERR_UNSUPPORTED_VERSION } from './vault-problems';
import { hasExactKeys, isBytes, isId, isRecord } from './stored-shape';
import { parseVaultHeaderV1, type VaultHeaderV1 } from './vault-header-v1';

export const VAULT_FORMAT = 'sesame-vault';
export const VAULT_VERSION = 2;
const MAC_BYTES = 32;
/** More slots than anyone needs; refuses a header bloated by an attacker or a bug. */
export const MAX_SLOTS = 64;

export interface VaultHeader {
  readonly format: typeof VAULT_FORMAT;
  readonly version: typeof VAULT_VERSION;
  /** A random UUID naming this vault (bound into every slot's additional data). */
  readonly vaultId: string;
  /** 1 when the header is first written, one more on every change. */
  readonly revision: number;
  /** At least one passphrase slot, at most one recovery slot, ids unique. */
  readonly slots: readonly KeySlot[];
  /** HMAC-SHA256 of the rest of the header (header-mac.ts), 32 bytes. */
  readonly mac: Uint8Array;
}

export type UnsignedHeader = Omit<VaultHeader, 'mac'>;

export type StoredHeader = { readonly version: 1; readonly header: VaultHeaderV1 } | { readonly version: 2; readonly header: VaultHeader };

/** Checks the slot list's rules: ids unique, a passphrase slot present, at most one recovery slot. */
export function slotListProblem(slots: readonly KeySlot[]): string | undefined {
  if (slots.length === 0 || slots.length > MAX_SLOTS) return 'count';
  if (new Set(slots.map((s) => s.id)).size !== slots.length) return 'ids';
  if (!slots.some((s) => s.kind === 'passphrase')) return 'passphrase';
  if (slots.filter((s) => s.kind === 'recovery').length > 1) return 'recovery';
  return undefined;
}

/** Checks a format-2 header (format and version already read). */
function parseVaultHeaderV2(value: Record<string, unknown>): Result<VaultHeader> {
  if (!hasExactKeys(value, ['format', 'version', 'vaultId', 'revision', 'slots', 'mac'])) return fail(ERR_HEADER_CORRUPT);
  const { vaultId, revision, slots, mac } = value;
  if (!isId(vaultId) || typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) return fail(ERR_HEADER_CORRUPT);
  if (!isBytes(mac) || mac.length !== MAC_BYTES || !Array.isArray(slots)) return fail(ERR_HEADER_CORRUPT);
  const parsed: KeySlot[] = [];
  for (const slot of slots) {
    const one = parseKeySlot(slot);
    if (!one) return fail(ERR_HEADER_CORRUPT);
    parsed.push(one);
  }
  if (slotListProblem(parsed)) return fail(ERR_HEADER_CORRUPT);
  return ok({ format: VAULT_FORMAT, version: VAULT_VERSION, vaultId, revision, slots: parsed, mac });
}

/** Reads the header of either format; refuses newer formats and anything damaged. */
export function parseStoredHeader(value: unknown): Result<StoredHeader> {
  if (!isRecord(value) || value['format'] !== VAULT_FORMAT) return fail(ERR_HEADER_CORRUPT);
  const version = value['version'];
  if (version === 1) {
    const header = parseVaultHeaderV1(value);
    return header.ok ? ok({ version: 1, header: header.value }) : header;
  }
  if (version === VAULT_VERSION) {
    const header = parseVaultHeaderV2(value);
    return header.ok ? ok({ version: 2, header: header.value }) : header;
  }
  return fail(ERR_UNSUPPORTED_VERSION, String(version));
}
