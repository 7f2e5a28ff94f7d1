import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey } from '../../../lib/vault/recovery-key';
import {
  addAccounts,
  addPasskeySlot,
  addPassphraseSlot,
  changePassphrase,
  createVault,
  listAccounts,
  listSlots,
  removeSlot,
  replaceRecoverySlot,
  setNewPassphrase,
  unlockOptions,
  unlockVault,
  unlockWithPasskey,
  unlockWithRecoveryKey,
} from '../../../lib/vault/vault';
import { newPrfSalt } from '../../../lib/vault/vault-slots';
import type { VaultDb } from '../../../lib/vault/vault-db';
import { FAST, fakePasskey, freshDb, hotpDraft, rawKey, storedHeader, tamperHeader, totpDraft, unwrap } from './helpers';

const PASS = 'correct horse battery staple';
const NOW = 1_750_000_000_000;
const problem = (code: string, ...params: string[]) => ({ ok: false, problem: params.length ? { code, params } : { code } });

async function vault(): Promise<{ db: VaultDb; key: CryptoKey }> {
  const db = await freshDb();
  const key = unwrap(await createVault(db, PASS, { ...FAST, now: NOW }));
  await addAccounts(db, key, [totpDraft(), hotpDraft()], NOW);
  return { db, key };
}

/** Registers a fake passkey the way phase 2's ceremony will: PRF evaluated on a fresh salt. */
async function addPasskey(db: VaultDb, key: CryptoKey, seed: number, name = `Key ${seed}`) {
  const passkey = fakePasskey(seed);
  const prfSalt = newPrfSalt();
  const added = await addPasskeySlot(
    db,
    key,
    { credentialId: passkey.credentialId, prfSalt, prfOutput: await passkey.prf(prfSalt), name },
    NOW + seed,
  );
  return { passkey, prfSalt, added };
}

/** What the unlock screen does: ask the passkey for the PRF of its slot's stored salt. */
async function unlockWith(db: VaultDb, passkey: ReturnType<typeof fakePasskey>) {
  const options = unwrap(await unlockOptions(db));
  const entry = options.passkeys.find((p) => Buffer.from(p.credentialId).equals(Buffer.from(passkey.credentialId)));
  const prfSalt = entry?.prfSalt ?? new Uint8Array(32);
  return unlockWithPasskey(db, passkey.credentialId, await passkey.prf(prfSalt));
}

describe('a new vault', () => {
  it('has one passphrase slot, revision 1, and lists it without secrets', async () => {
    const { db, key } = await vault();
    const header = await storedHeader(db);
    expect(header).toMatchObject({ format: 'sesame-vault', version: 2, revision: 1 });
    expect(header.slots.map((s) => s.kind)).toEqual(['passphrase']);
    const slots = unwrap(await listSlots(db, key));
    expect(slots).toEqual([{ id: header.slots[0]!.id, kind: 'passphrase', createdAt: NOW }]);
    expect(unwrap(await unlockOptions(db))).toEqual({ passkeys: [], recoveryKey: false });
  });
});

describe('passkey slots', () => {
  it('a passkey added unlocks to the same data key, and adding it re-encrypted no account', async () => {
    const { db, key } = await vault();
    const recordsBefore = await db.getAll('accounts');
    const logBefore = await db.getAll('log');
    const { passkey, added } = await addPasskey(db, key, 1, '  Work laptop  ');
    expect(unwrap(added)).toEqual({ id: expect.any(String), kind: 'passkey', name: 'Work laptop', createdAt: NOW + 1 });
    expect(await db.getAll('accounts')).toEqual(recordsBefore);
    expect(await db.getAll('log')).toEqual(logBefore);
    const unlocked = unwrap(await unlockWith(db, passkey));
    expect(await rawKey(unlocked)).toEqual(await rawKey(key));
    expect((await listAccounts(db, unlocked)).accounts).toHaveLength(2);
    expect((await storedHeader(db)).revision).toBe(2);
  });

  it('several passkeys, each listed with its name and each opening the vault; the passphrase still works', async () => {
    const { db, key } = await vault();
    const a = await addPasskey(db, key, 1, 'Laptop');
    const b = await addPasskey(db, key, 2, 'YubiKey');
    const slots = unwrap(await listSlots(db, key));
    expect(slots.map((s) => [s.kind, s.name])).toEqual([
      ['passphrase', undefined],
      ['passkey', 'Laptop'],
      ['passkey', 'YubiKey'],
    ]);
    for (const s of slots)
      expect(Object.keys(s).sort()).toEqual(s.name ? ['createdAt', 'id', 'kind', 'name'] : ['createdAt', 'id', 'kind']);
    expect((await unlockWith(db, a.passkey)).ok).toBe(true);
    expect((await unlockWith(db, b.passkey)).ok).toBe(true);
    expect((await unlockVault(db, PASS, FAST)).ok).toBe(true);
    const options = unwrap(await unlockOptions(db));
    expect(options.passkeys.map((p) => Buffer.from(p.credentialId).toString('hex'))).toEqual(
      [a.passkey.credentialId, b.passkey.credentialId].map((c) => Buffer.from(c).toString('hex')),
    );
    expect(options.passkeys.map((p) => Buffer.from(p.prfSalt))).toEqual([Buffer.from(a.prfSalt), Buffer.from(b.prfSalt)]);
  });

  it('a wrong PRF output is refused', async () => {
    const { db, key } = await vault();
    const { passkey } = await addPasskey(db, key, 1);
    expect(await unlockWithPasskey(db, passkey.credentialId, new Uint8Array(32).fill(9))).toEqual(problem('err_vault_passkey_refused'));
    // Another authenticator answering for the same credential id (its own secret) is refused too.
    const impostor = fakePasskey(3);
    const salt = unwrap(await unlockOptions(db)).passkeys[0]!.prfSalt;
    expect(await unlockWithPasskey(db, passkey.credentialId, await impostor.prf(salt))).toEqual(problem('err_vault_passkey_refused'));
    // The PRF of another salt is refused.
    expect(await unlockWithPasskey(db, passkey.credentialId, await passkey.prf(new Uint8Array(32)))).toEqual(
      problem('err_vault_passkey_refused'),
    );
  });

  it('an unknown credential, or a PRF output of the wrong length, is refused', async () => {
    const { db, key } = await vault();
    await addPasskey(db, key, 1);
    const other = fakePasskey(5);
    expect(await unlockWith(db, other)).toEqual(problem('err_vault_passkey_unknown'));
    expect(await unlockWithPasskey(db, fakePasskey(1).credentialId, new Uint8Array(16))).toEqual(
      problem('err_vault_passkey_answer_invalid'),
    );
  });

  it('refuses the same credential twice, a bad name, and a bad PRF answer', async () => {
    const { db, key } = await vault();
    await addPasskey(db, key, 1);
    expect((await addPasskey(db, key, 1)).added).toEqual(problem('err_vault_passkey_exists'));
    for (const name of ['', '   ', 'x'.repeat(65), 'line\nbreak'])
      expect((await addPasskey(db, key, 7, name)).added).toEqual(problem('err_vault_slot_name_invalid'));
    const p = fakePasskey(8);
    const salt = newPrfSalt();
    expect(
      await addPasskeySlot(db, key, { credentialId: p.credentialId, prfSalt: salt, prfOutput: new Uint8Array(31), name: 'x' }, NOW),
    ).toEqual(problem('err_vault_passkey_answer_invalid'));
    expect(
      await addPasskeySlot(db, key, { credentialId: new Uint8Array(0), prfSalt: salt, prfOutput: await p.prf(salt), name: 'x' }, NOW),
    ).toEqual(problem('err_vault_passkey_answer_invalid'));
    expect(
      await addPasskeySlot(
        db,
        key,
        { credentialId: p.credentialId, prfSalt: new Uint8Array(8), prfOutput: await p.prf(salt), name: 'x' },
        NOW,
      ),
    ).toEqual(problem('err_vault_passkey_answer_invalid'));
    expect(unwrap(await listSlots(db, key))).toHaveLength(2);
  });

  it('a removed passkey no longer unlocks; the accounts are untouched', async () => {
    const { db, key } = await vault();
    const { passkey, added } = await addPasskey(db, key, 1);
    const recordsBefore = await db.getAll('accounts');
    expect(await removeSlot(db, key, unwrap(added).id)).toEqual({ ok: true, value: undefined });
    expect(await unlockWith(db, passkey)).toEqual(problem('err_vault_passkey_unknown'));
    expect(await db.getAll('accounts')).toEqual(recordsBefore);
    expect(await removeSlot(db, key, unwrap(added).id)).toEqual(problem('err_vault_slot_missing'));
  });
});

describe('passphrase slots', () => {
  it('the last passphrase slot cannot be removed; one of two can', async () => {
    const { db, key } = await vault();
    const [first] = unwrap(await listSlots(db, key));
    expect(await removeSlot(db, key, first!.id)).toEqual(problem('err_vault_last_passphrase_slot'));
    const second = unwrap(await addPassphraseSlot(db, key, 'second passphrase', FAST));
    expect((await unlockVault(db, 'second passphrase', FAST)).ok).toBe(true);
    expect((await removeSlot(db, key, first!.id)).ok).toBe(true);
    expect(await unlockVault(db, PASS, FAST)).toEqual(problem('err_vault_wrong_passphrase'));
    expect(await removeSlot(db, key, second.id)).toEqual(problem('err_vault_last_passphrase_slot'));
    expect((await unlockVault(db, 'second passphrase', FAST)).ok).toBe(true);
  });

  it('changing the passphrase re-wraps only its own slot', async () => {
    const { db, key } = await vault();
    const { passkey } = await addPasskey(db, key, 1);
    await addPassphraseSlot(db, key, 'other passphrase', FAST);
    const before = await storedHeader(db);
    expect((await changePassphrase(db, PASS, 'new passphrase', { ...FAST, now: NOW + 9 })).ok).toBe(true);
    const after = await storedHeader(db);
    expect(after.slots.map((s) => s.id)).toEqual(before.slots.map((s) => s.id));
    expect(after.slots[0]).not.toEqual(before.slots[0]);
    expect(after.slots.slice(1)).toEqual(before.slots.slice(1));
    expect(unwrap(await listSlots(db, key))[0]!.createdAt).toBe(NOW + 9);
    expect((await unlockVault(db, 'new passphrase', FAST)).ok).toBe(true);
    expect((await unlockVault(db, 'other passphrase', FAST)).ok).toBe(true);
    expect((await unlockWith(db, passkey)).ok).toBe(true);
    expect(await unlockVault(db, PASS, FAST)).toEqual(problem('err_vault_wrong_passphrase'));
  });
});

describe('recovery key', () => {
  it('opens the vault (typed with spaces, in lower case), and the user then sets a new passphrase', async () => {
    const { db, key } = await vault();
    const { passkey } = await addPasskey(db, key, 1);
    const text = formatRecoveryKey(generateRecoveryKey());
    expect(unwrap(await replaceRecoverySlot(db, key, text, NOW + 2))).toEqual({
      id: expect.any(String),
      kind: 'recovery',
      createdAt: NOW + 2,
    });
    expect(unwrap(await unlockOptions(db)).recoveryKey).toBe(true);

    const recovered = unwrap(await unlockWithRecoveryKey(db, text.toLowerCase().replace(/-/g, ' ')));
    expect(await rawKey(recovered)).toEqual(await rawKey(key));
    expect((await setNewPassphrase(db, recovered, 'brand new passphrase', FAST)).ok).toBe(true);
    expect(await unlockVault(db, PASS, FAST)).toEqual(problem('err_vault_wrong_passphrase'));
    const again = unwrap(await unlockVault(db, 'brand new passphrase', FAST));
    expect((await listAccounts(db, again)).accounts.map((a) => a.issuer)).toEqual(['Example Bank', 'Hotp Corp']);
    // The other ways in are kept.
    expect((await unlockWith(db, passkey)).ok).toBe(true);
    expect((await unlockWithRecoveryKey(db, text)).ok).toBe(true);
    expect(
      unwrap(await listSlots(db, key))
        .map((s) => s.kind)
        .sort(),
    ).toEqual(['passkey', 'passphrase', 'recovery']);
  });

  it('a wrong key, a typo, or a vault without one, each get their own message', async () => {
    const { db, key } = await vault();
    const text = formatRecoveryKey(generateRecoveryKey());
    expect(await unlockWithRecoveryKey(db, text)).toEqual(problem('err_vault_no_recovery_key'));
    await replaceRecoverySlot(db, key, text, NOW);
    expect(await unlockWithRecoveryKey(db, formatRecoveryKey(generateRecoveryKey()))).toEqual(problem('err_vault_recovery_key_wrong'));
    const typo = [...text];
    typo[7] = typo[7] === 'A' ? 'B' : 'A';
    expect(await unlockWithRecoveryKey(db, typo.join(''))).toEqual(problem('err_recovery_key_check'));
    expect(await replaceRecoverySlot(db, key, typo.join(''), NOW)).toEqual(problem('err_recovery_key_check'));
  });

  it('a new recovery key replaces the old slot: the old key no longer opens the vault', async () => {
    const { db, key } = await vault();
    const oldText = formatRecoveryKey(generateRecoveryKey());
    const newText = formatRecoveryKey(generateRecoveryKey());
    await replaceRecoverySlot(db, key, oldText, NOW);
    await replaceRecoverySlot(db, key, newText, NOW + 1);
    expect((await storedHeader(db)).slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    expect(await unlockWithRecoveryKey(db, oldText)).toEqual(problem('err_vault_recovery_key_wrong'));
    expect((await unlockWithRecoveryKey(db, newText)).ok).toBe(true);
  });
});

describe('tampered slots are refused', () => {
  async function fullVault() {
    const { db, key } = await vault();
    const { passkey } = await addPasskey(db, key, 1, 'Laptop');
    const recovery = formatRecoveryKey(generateRecoveryKey());
    await replaceRecoverySlot(db, key, recovery, NOW);
    return { db, key, passkey, recovery };
  }
  const indexOf = (h: Record<string, any>, kind: string) => h.slots.findIndex((s: { kind: string }) => s.kind === kind);

  it('a changed passkey parameter (name, credential, salts, time) fails to unwrap', async () => {
    for (const edit of [
      (p: Record<string, any>) => void (p.name = 'Renamed'),
      (p: Record<string, any>) => void (p.createdAt += 1),
      (p: Record<string, any>) => void (p.hkdfSalt = new Uint8Array(32)),
    ]) {
      const { db, passkey } = await fullVault();
      await tamperHeader(db, (h) => edit(h.slots[indexOf(h, 'passkey')].params));
      expect(await unlockWith(db, passkey)).toEqual(problem('err_vault_passkey_refused'));
    }
  });

  it('a changed recovery salt fails to unwrap', async () => {
    const { db, recovery } = await fullVault();
    await tamperHeader(db, (h) => void (h.slots[indexOf(h, 'recovery')].params.salt = new Uint8Array(16).fill(1)));
    expect(await unlockWithRecoveryKey(db, recovery)).toEqual(problem('err_vault_recovery_key_wrong'));
  });

  it('a wrapped key moved into another slot fails to unwrap there', async () => {
    const { db, key } = await vault();
    await addPassphraseSlot(db, key, 'second passphrase', FAST);
    // Slot 1's wrapped key (under "second passphrase") is put into slot 0, whose parameters (salt, id) differ.
    await tamperHeader(db, (h) => void (h.slots[0].wrappedKey = h.slots[1].wrappedKey));
    expect(await unlockVault(db, PASS, FAST)).toEqual(problem('err_vault_wrong_passphrase'));
    // Copying the parameters too does not help: the slot id is bound as well. Slot 1 itself still
    // opens with its passphrase, but the header MAC shows the list was altered.
    await tamperHeader(db, (h) => void (h.slots[0].params = h.slots[1].params));
    expect(await unlockVault(db, PASS, FAST)).toEqual(problem('err_vault_wrong_passphrase'));
    expect(await unlockVault(db, 'second passphrase', FAST)).toEqual(problem('err_vault_header_tampered'));
  });

  it('a removed slot, a reordered list, or a slot rolled back to an older version is found by the header MAC', async () => {
    const tampered = problem('err_vault_header_tampered');
    {
      const { db } = await fullVault();
      await tamperHeader(db, (h) => void h.slots.splice(indexOf(h, 'passkey'), 1));
      expect(await unlockVault(db, PASS, FAST)).toEqual(tampered);
    }
    {
      const { db, passkey } = await fullVault();
      await tamperHeader(db, (h) => void h.slots.reverse());
      expect(await unlockVault(db, PASS, FAST)).toEqual(tampered);
      expect(await unlockWith(db, passkey)).toEqual(tampered);
    }
    {
      // Replace the recovery key, then put the old recovery slot back into the new header.
      const { db, key, recovery } = await fullVault();
      const old = (await storedHeader(db)).slots.find((s) => s.kind === 'recovery')!;
      await replaceRecoverySlot(db, key, formatRecoveryKey(generateRecoveryKey()), NOW + 5);
      await tamperHeader(db, (h) => void (h.slots[indexOf(h, 'recovery')] = structuredClone(old)));
      expect(await unlockWithRecoveryKey(db, recovery)).toEqual(tampered);
    }
    {
      // A slot added from another vault's header (an attacker's own passphrase slot).
      const { db } = await fullVault();
      const other = await freshDb();
      await createVault(other, 'attacker passphrase', FAST);
      const foreign = (await storedHeader(other)).slots[0]!;
      await tamperHeader(db, (h) => void h.slots.push(structuredClone(foreign)));
      // It does not even unwrap here (vault id bound); and the real passphrase finds the MAC broken.
      expect(await unlockVault(db, 'attacker passphrase', FAST)).toEqual(problem('err_vault_wrong_passphrase'));
      expect(await unlockVault(db, PASS, FAST)).toEqual(tampered);
    }
  });

  it('changing slots on a tampered header is refused, and the header is not re-signed', async () => {
    const { db, key } = await fullVault();
    await tamperHeader(db, (h) => void h.slots.reverse());
    const before = await storedHeader(db);
    expect((await addPasskey(db, key, 4)).added).toEqual(problem('err_vault_header_tampered'));
    expect(await removeSlot(db, key, before.slots[0]!.id)).toEqual(problem('err_vault_header_tampered'));
    expect(await listSlots(db, key)).toEqual(problem('err_vault_header_tampered'));
    expect(await storedHeader(db)).toEqual(before);
  });

  it('a data key from another vault cannot change this header', async () => {
    const { db } = await vault();
    const other = unwrap(await createVault(await freshDb(), 'x', FAST));
    expect(await listSlots(db, other)).toEqual(problem('err_vault_header_tampered'));
  });
});

describe('concurrent changes', () => {
  it('two slot changes at once: each is applied or reported, and the header stays valid', async () => {
    const { db, key } = await vault();
    const results = await Promise.all([addPasskey(db, key, 1), addPasskey(db, key, 2)]);
    const outcomes = results.map((r) => (r.added.ok ? 'ok' : r.added.problem.code));
    expect(outcomes.every((o) => o === 'ok' || o === 'err_vault_changed_meanwhile')).toBe(true);
    const slots = unwrap(await listSlots(db, key));
    expect(slots.filter((s) => s.kind === 'passkey')).toHaveLength(outcomes.filter((o) => o === 'ok').length);
    expect((await unlockVault(db, PASS, FAST)).ok).toBe(true);
  });
});
