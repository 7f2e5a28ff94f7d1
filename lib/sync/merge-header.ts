/**
 * Merging the synced vault header (docs/vault-format.md, "Sync: the header"). The header holds the
 * key slots that wrap the one data key; every change writes it whole with `revision + 1` and a new
 * MAC. Pure: the caller has already checked both headers' MACs with the data key it holds, so
 * everything here is authentic; what is left is which version, or which mix, to keep.
 *
 * - `agreed` is the header this device's header is built on: the store's header it last adopted or
 *   merged with (never its own write read back: a browser's sync may still replace it). If only
 *   one side changed since, that side's header is kept, provided its revision is higher: a remote
 *   rolled back to an older header is ignored (and this device's is pushed back).
 * - If both changed (two browsers changed slots at once: a passphrase change here, a passkey
 *   added there), this device's slot changes since `agreed` are replayed onto the remote's
 *   slots: added slots are added, removed ones removed, re-wrapped ones (a new passphrase)
 *   replace the old version unless the remote re-wrapped the same slot too, where the later
 *   `createdAt` wins. The result gets `max(revision) + 1`. Slots are taken as they are, never
 *   re-wrapped, and the MAC is a deterministic HMAC, so two devices replaying the same changes
 *   write byte-identical headers.
 * - With no agreed header (sync just turned on), the higher revision wins, then the larger MAC.
 *
 * Passkey slots sync like the others: a passkey's relying party is the extension's origin, so it
 * opens the vault only where that origin and the credential both exist (another Chromium profile
 * with the same extension id and a passkey provider that syncs the credential); elsewhere it is
 * listed but unused.
 */
import { canonicalJson, type CanonicalValue } from '../vault/canonical-json';
import { bytesEqual } from '../vault/encoding';
import type { KeySlot } from '../vault/key-slots';
import { MAX_SLOTS, slotListProblem, type VaultHeader } from '../vault/vault-header';

export type HeaderDecision =
  | { readonly kind: 'same' }
  /** This device's header stands; push it if the remote's differs. */
  | { readonly kind: 'keep-local' }
  /** Write the remote's header here. */
  | { readonly kind: 'adopt-remote' }
  /** Sign these slots with this revision, write it here and push it. */
  | { readonly kind: 'merged'; readonly slots: readonly KeySlot[]; readonly revision: number };

export const sameHeader = (a: VaultHeader, b: VaultHeader): boolean => a.revision === b.revision && bytesEqual(a.mac, b.mac);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const slotText = (slot: KeySlot): string => canonicalJson({ ...slot, params: { ...slot.params } } as unknown as CanonicalValue);
const sameSlot = (a: KeySlot, b: KeySlot): boolean => slotText(a) === slotText(b);

/** Of two versions of one slot changed on both sides: the later `createdAt`, then the larger wrapped key. */
const laterSlot = (a: KeySlot, b: KeySlot): KeySlot =>
  a.params.createdAt !== b.params.createdAt
    ? a.params.createdAt > b.params.createdAt
      ? a
      : b
    : compareBytes(a.wrappedKey.ciphertext, b.wrappedKey.ciphertext) >= 0
      ? a
      : b;

/** This device's slot changes from `base` to `local`, replayed onto `remote` (see above). */
export function replaySlotChanges(base: readonly KeySlot[], local: readonly KeySlot[], remote: readonly KeySlot[]): KeySlot[] {
  const baseById = new Map(base.map((s) => [s.id, s]));
  const localById = new Map(local.map((s) => [s.id, s]));
  let result = [...remote];
  const indexOf = (id: string) => result.findIndex((s) => s.id === id);
  for (const slot of local) {
    const before = baseById.get(slot.id);
    const at = indexOf(slot.id);
    if (!before) {
      if (at < 0) result.push(slot); // added here
    } else if (!sameSlot(slot, before) && at >= 0) {
      // Changed here (a new passphrase, a raised work factor). Removed there: the removal stands.
      const theirs = result[at]!;
      result[at] = sameSlot(theirs, before) ? slot : laterSlot(slot, theirs);
    }
  }
  for (const slot of base) if (!localById.has(slot.id)) result = result.filter((s) => s.id !== slot.id); // removed here
  // Two recovery keys made at once: the later one stands (a vault has at most one).
  const recoveries = result.filter((s) => s.kind === 'recovery');
  if (recoveries.length > 1) {
    const keep = recoveries.reduce((a, b) => (laterSlot(a, b) === a ? a : b));
    result = result.filter((s) => s.kind !== 'recovery' || s === keep);
  }
  // Each side removed a different passphrase slot: keep the remote's, never lock everyone out.
  if (!result.some((s) => s.kind === 'passphrase')) result = [...remote.filter((s) => s.kind === 'passphrase'), ...result];
  if (result.length > MAX_SLOTS || slotListProblem(result)) return [...remote];
  return result;
}

/** What to do with this device's header and the remote's (both authentic, same vault id). */
export function decideHeader(local: VaultHeader, remote: VaultHeader | undefined, agreed: VaultHeader | undefined): HeaderDecision {
  if (!remote) return { kind: 'keep-local' };
  if (sameHeader(local, remote)) return { kind: 'same' };
  const newer = remote.revision > local.revision || (remote.revision === local.revision && compareBytes(remote.mac, local.mac) > 0);
  if (!agreed) return newer ? { kind: 'adopt-remote' } : { kind: 'keep-local' };
  const localChanged = !sameHeader(local, agreed);
  const remoteChanged = !sameHeader(remote, agreed) && remote.revision > agreed.revision; // older than agreed: a rollback
  if (!remoteChanged) return { kind: 'keep-local' };
  if (!localChanged) return remote.revision > local.revision ? { kind: 'adopt-remote' } : { kind: 'keep-local' };
  const slots = replaySlotChanges(agreed.slots, local.slots, remote.slots);
  const same = (a: readonly KeySlot[], b: readonly KeySlot[]) => a.length === b.length && a.every((s, i) => sameSlot(s, b[i]!));
  if (same(slots, remote.slots) && remote.revision > local.revision) return { kind: 'adopt-remote' };
  if (same(slots, local.slots) && local.revision > remote.revision) return { kind: 'keep-local' };
  return { kind: 'merged', slots, revision: Math.max(local.revision, remote.revision) + 1 };
}
