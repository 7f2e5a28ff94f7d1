import { describe, expect, it } from 'vitest';
import { decideHeader, replaySlotChanges } from '../../../lib/sync/merge-header';
import type { KeySlot } from '../../../lib/vault/key-slots';
import type { VaultHeader } from '../../../lib/vault/vault-header';

const bytes = (n: number, len: number) => new Uint8Array(len).fill(n);
const passphrase = (id: string, createdAt: number, n = createdAt): KeySlot => ({
  id,
  kind: 'passphrase',
  params: { kdf: 'PBKDF2-SHA256', iterations: 600_000, salt: bytes(n, 16), createdAt },
  wrappedKey: { iv: bytes(n, 12), ciphertext: bytes(n, 48) },
});
const passkey = (id: string, createdAt: number): KeySlot => ({
  id,
  kind: 'passkey',
  params: { credentialId: bytes(createdAt, 16), prfSalt: bytes(1, 32), hkdfSalt: bytes(2, 32), name: id, createdAt },
  wrappedKey: { iv: bytes(3, 12), ciphertext: bytes(createdAt, 48) },
});
const recovery = (id: string, createdAt: number): KeySlot => ({
  id,
  kind: 'recovery',
  params: { salt: bytes(createdAt, 16), createdAt },
  wrappedKey: { iv: bytes(4, 12), ciphertext: bytes(createdAt, 48) },
  backupKey: { iv: bytes(5, 12), ciphertext: bytes(createdAt, 48) },
});
const ids = (slots: readonly KeySlot[]) => slots.map((s) => `${s.id}@${s.params.createdAt}`);
const header = (revision: number, mac: number, slots: KeySlot[]): VaultHeader => ({
  format: 'sesame-vault',
  version: 2,
  vaultId: 'v',
  revision,
  slots,
  mac: bytes(mac, 32),
});

describe('replaying this browser slot changes onto the remote slots', () => {
  const base = [passphrase('p', 1)];
  it('keeps a passphrase changed here and a passkey added there', () => {
    expect(ids(replaySlotChanges(base, [passphrase('p', 5)], [passphrase('p', 1), passkey('k', 3)]))).toEqual(['p@5', 'k@3']);
  });
  it('the same slot re-wrapped on both sides: the later passphrase wins', () => {
    expect(ids(replaySlotChanges(base, [passphrase('p', 5)], [passphrase('p', 7)]))).toEqual(['p@7']);
    expect(ids(replaySlotChanges(base, [passphrase('p', 9)], [passphrase('p', 7)]))).toEqual(['p@9']);
  });
  it('a slot removed there stays removed even if re-wrapped here; removed here, it goes', () => {
    expect(ids(replaySlotChanges([...base, passkey('k', 2)], [passphrase('p', 1), passkey('k', 2)], [passphrase('p', 1)]))).toEqual([
      'p@1',
    ]);
    expect(ids(replaySlotChanges([...base, passkey('k', 2)], [passphrase('p', 1)], [passphrase('p', 1), passkey('k', 2)]))).toEqual([
      'p@1',
    ]);
    expect(ids(replaySlotChanges(base, [passphrase('n', 6)], [passphrase('p', 1)]))).toEqual(['n@6']); // a reset passphrase (recovery) replaces all
  });
  it('keeps one recovery slot (the later) and never leaves no passphrase slot', () => {
    expect(ids(replaySlotChanges(base, [...base, recovery('r1', 4)], [...base, recovery('r2', 6)]))).toEqual(['p@1', 'r2@6']);
    const two = [passphrase('p', 1), passphrase('q', 2)];
    expect(ids(replaySlotChanges(two, [passphrase('p', 1)], [passphrase('q', 2)]))).toEqual(['q@2']);
  });
});

describe('deciding the header', () => {
  const agreed = header(3, 1, [passphrase('p', 1)]);
  it('adopts a newer remote header when only it changed, and refuses a rolled-back one', () => {
    expect(decideHeader(agreed, header(4, 2, [passphrase('p', 2)]), agreed)).toEqual({ kind: 'adopt-remote' });
    expect(decideHeader(header(4, 2, [passphrase('p', 2)]), agreed, header(4, 2, [passphrase('p', 2)]))).toEqual({ kind: 'keep-local' });
    expect(decideHeader(agreed, header(2, 9, [passphrase('p', 0)]), agreed)).toEqual({ kind: 'keep-local' });
  });
  it('merges two changes made at once into the next revision; with nothing agreed the higher revision wins', () => {
    const decision = decideHeader(header(4, 2, [passphrase('p', 5)]), header(4, 3, [passphrase('p', 1), passkey('k', 3)]), agreed);
    expect(decision.kind).toBe('merged');
    if (decision.kind === 'merged') {
      expect(decision.revision).toBe(5);
      expect(ids(decision.slots)).toEqual(['p@5', 'k@3']);
    }
    expect(decideHeader(header(4, 2, []), header(5, 1, []), undefined)).toEqual({ kind: 'adopt-remote' });
    expect(decideHeader(header(5, 1, []), header(5, 2, []), undefined)).toEqual({ kind: 'adopt-remote' });
  });
});
