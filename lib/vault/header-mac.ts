/**
 * The header MAC (docs/vault-format.md, "Header MAC"): HMAC-SHA256 over the canonical JSON of the
 * whole header except `mac`, under `HKDF-SHA256(data key, salt = empty, info =
 * "sesame-vault/header-mac/v2")`. Only someone holding the data key can write a header that
 * passes, so the store can neither drop, add, swap, reorder nor roll back slots unnoticed.
 */
import { canonicalJson, type CanonicalValue } from './canonical-json';
import { hkdfKey, hmacSign, hmacVerify, type Sealed } from './crypto';
import type { KeySlot } from './key-slots';
import type { UnsignedHeader, VaultHeader } from './vault-header';

const HEADER_MAC_CONTEXT = 'sesame-vault/header/v2';
const HEADER_MAC_HKDF_INFO = 'sesame-vault/header-mac/v2';

const sealedJson = (s: Sealed) => ({ iv: s.iv, ciphertext: s.ciphertext });

function slotJson(slot: KeySlot): CanonicalValue {
  const base = { id: slot.id, kind: slot.kind, params: { ...slot.params }, wrappedKey: sealedJson(slot.wrappedKey) };
  return slot.kind === 'recovery' ? { ...base, backupKey: sealedJson(slot.backupKey) } : base;
}

/** The exact text the MAC is computed over. */
function headerMacText(header: UnsignedHeader): string {
  return canonicalJson({
    context: HEADER_MAC_CONTEXT,
    format: header.format,
    version: header.version,
    vaultId: header.vaultId,
    revision: header.revision,
    slots: header.slots.map(slotJson),
  });
}

function macKey(rawDataKey: Uint8Array): Promise<CryptoKey> {
  return hkdfKey(rawDataKey, new Uint8Array(0), HEADER_MAC_HKDF_INFO, 'hmac');
}

/** The header with its MAC. */
export async function signHeader(header: UnsignedHeader, rawDataKey: Uint8Array): Promise<VaultHeader> {
  const { format, version, vaultId, revision, slots } = header;
  return { format, version, vaultId, revision, slots, mac: await hmacSign(await macKey(rawDataKey), headerMacText(header)) };
}

export async function headerMacValid(header: VaultHeader, rawDataKey: Uint8Array): Promise<boolean> {
  return hmacVerify(await macKey(rawDataKey), header.mac, headerMacText(header));
}
