import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { ExportService } from '../../../lib/export/export-service';
import { AutoBackupService } from '../../../lib/auto-backup/auto-backup-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { toWire } from '../../../lib/messaging/account-wire';
import { readBackup } from '../../../lib/vault/backup';
import { importDataKey, listTrash } from '../../../lib/vault/vault';
import { encodeBase64 } from '../../../lib/vault/encoding';
import { FREE_FAILURES } from '../../../lib/vault/unlock-throttle';
import { SETUP_TTL_MS } from '../../../lib/vault-service/slot-setup-pending';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import type { Request } from '../../../lib/vault-service/protocol';
import type { Result } from '../../../lib/result';

const PASS = 'the vault passphrase';
const NEW_PASS = 'a brand new passphrase';
const T0 = 1_700_000_000_000;
const DAY = 24 * 60 * 60 * 1000;
const draft = (issuer: string): AccountDraft => ({
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer,
  label: 'alice',
  secret: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

let dbCount = 0;
async function setup() {
  const db = openVaultDb(`key-slot-requests-${++dbCount}`);
  const session = memoryStore();
  const local = memoryStore();
  let now = T0;
  const deps: VaultServiceDeps = { db: () => db, session, local, now: () => now, iterations: 1000 };
  const service = new VaultService(deps);
  await service.handle({ type: 'setup', passphrase: PASS });
  await service.handle({ type: 'add', drafts: [toWire(draft('Acme')), toWire(draft('Globex'))] });
  return { service, deps, db, session, local, tick: (ms: number) => (now += ms) };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const value = <T>(reply: Result<T>): T => {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.problem.code}`);
  return reply.value;
};
const code = (reply: Result<unknown>) => (reply.ok ? 'ok' : reply.problem.code);
const issuers = (reply: Result<{ accounts?: readonly { issuer: string }[] }>) =>
  value(reply)
    .accounts?.map((a) => a.issuer)
    .sort();
const failures = async (local: Setup['local']) =>
  ((await local.get(STORE_KEYS.unlockFailures)) as { count: number } | undefined)?.count ?? 0;
const random32 = () => crypto.getRandomValues(new Uint8Array(32));

/** What the page does around `navigator.credentials.create`: begin, then add with the authenticator's answer. */
async function addPasskey(
  service: VaultService,
  name: string,
  prfOutput = random32(),
  credentialId = crypto.getRandomValues(new Uint8Array(20)),
) {
  const begun = value(await service.handle({ type: 'passkey-add-begin', passphrase: PASS, name }));
  const added = value(
    await service.handle({ type: 'passkey-add', credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(prfOutput) }),
  );
  return { begun, added, prfOutput, credentialId };
}

async function createRecoveryKey(service: VaultService): Promise<string> {
  const { text } = value(await service.handle({ type: 'recovery-key-create', passphrase: PASS }));
  value(await service.handle({ type: 'recovery-key-confirm', recoveryKey: text }));
  return text;
}

/** Another valid recovery key (right check characters) than `text`. */
const otherRecoveryKey = async (service: VaultService) =>
  value(await service.handle({ type: 'recovery-key-create', passphrase: PASS })).text;

describe('passkeys: add, list, unlock, remove', () => {
  it('a passkey added in settings unlocks the vault with its PRF output, and every account is there', async () => {
    const { service, local } = await setup();
    const { begun, added, prfOutput, credentialId } = await addPasskey(service, 'Security key');
    expect(begun.excludeCredentials).toEqual([]);
    expect(added).toMatchObject({ kind: 'passkey', name: 'Security key' });
    expect(value(await service.handle({ type: 'slots' })).map((s) => s.kind)).toEqual(['passphrase', 'passkey']);
    expect(await local.get(STORE_KEYS.unlockHints)).toEqual({ passkey: true, recoveryKey: false });

    await service.handle({ type: 'lock' });
    const options = value(await service.handle({ type: 'unlock-options' }));
    expect(options).toEqual({
      passkeys: [{ slotId: added.id, credentialId: encodeBase64(credentialId), prfSalt: begun.prfSalt }],
      recoveryKey: false,
    });
    const unlocked = await service.handle({
      type: 'unlock-passkey',
      credentialId: encodeBase64(credentialId),
      prfOutput: encodeBase64(prfOutput),
    });
    expect(issuers(unlocked)).toEqual(['Acme', 'Globex']);
    const log = value(await service.handle({ type: 'read-log' })).entries.map((e) => e.type);
    expect(log).toContain('passkey-added');
    expect(log).toContain('unlocked-passkey');
  });

  it("a wrong PRF output (another authenticator's answer) is refused, leaves the vault locked and counts toward the wait", async () => {
    const { service, local } = await setup();
    const { credentialId } = await addPasskey(service, 'Laptop');
    await service.handle({ type: 'lock' });
    const refused = await service.handle({
      type: 'unlock-passkey',
      credentialId: encodeBase64(credentialId),
      prfOutput: encodeBase64(random32()),
    });
    expect(code(refused)).toBe('err_vault_passkey_refused');
    expect(await failures(local)).toBe(1);
    expect(value(await service.handle({ type: 'state' })).phase).toBe('locked');
    // A credential the vault does not know counts too; a malformed answer says nothing about a secret.
    expect(
      code(await service.handle({ type: 'unlock-passkey', credentialId: encodeBase64(random32()), prfOutput: encodeBase64(random32()) })),
    ).toBe('err_vault_passkey_unknown');
    expect(await failures(local)).toBe(2);
    expect(code(await service.handle({ type: 'unlock-passkey', credentialId: 'not base64!', prfOutput: encodeBase64(random32()) }))).toBe(
      'err_vault_passkey_answer_invalid',
    );
    expect(
      code(
        await service.handle({
          type: 'unlock-passkey',
          credentialId: encodeBase64(credentialId),
          prfOutput: encodeBase64(new Uint8Array(16)),
        }),
      ),
    ).toBe('err_vault_passkey_answer_invalid');
    expect(await failures(local)).toBe(2);
  });

  it('adding a passkey needs the vault passphrase (a wrong one is counted) and a usable name (checked first, not counted)', async () => {
    const { service, local } = await setup();
    expect(code(await service.handle({ type: 'passkey-add-begin', passphrase: PASS, name: '  ' }))).toBe('err_vault_slot_name_invalid');
    expect(code(await service.handle({ type: 'passkey-add-begin', passphrase: PASS, name: 'x'.repeat(65) }))).toBe(
      'err_vault_slot_name_invalid',
    );
    expect(await failures(local)).toBe(0);
    expect(code(await service.handle({ type: 'passkey-add-begin', passphrase: 'not the passphrase', name: 'Phone' }))).toBe(
      'err_vault_wrong_passphrase',
    );
    expect(await failures(local)).toBe(1);
    // Without a begun registration there is nothing to complete: no way in without the passphrase.
    expect(
      code(await service.handle({ type: 'passkey-add', credentialId: encodeBase64(random32()), prfOutput: encodeBase64(random32()) })),
    ).toBe('err_passkey_setup_expired');
    expect(value(await service.handle({ type: 'slots' })).map((s) => s.kind)).toEqual(['passphrase']);
  });

  it('a begun registration is used once and expires after ten minutes', async () => {
    const { service, tick } = await setup();
    await service.handle({ type: 'passkey-add-begin', passphrase: PASS, name: 'Phone' });
    tick(SETUP_TTL_MS);
    expect(
      code(await service.handle({ type: 'passkey-add', credentialId: encodeBase64(random32()), prfOutput: encodeBase64(random32()) })),
    ).toBe('err_passkey_setup_expired');
    await addPasskey(service, 'Phone');
    expect(
      code(await service.handle({ type: 'passkey-add', credentialId: encodeBase64(random32()), prfOutput: encodeBase64(random32()) })),
    ).toBe('err_passkey_setup_expired');
  });

  it('several passkeys, each listed by name; the next registration excludes the ones the vault has; a removed one no longer unlocks', async () => {
    const { service, local } = await setup();
    const first = await addPasskey(service, 'Laptop');
    const second = await addPasskey(service, 'YubiKey');
    const third = value(await service.handle({ type: 'passkey-add-begin', passphrase: PASS, name: 'Phone' }));
    expect(third.excludeCredentials).toEqual([encodeBase64(first.credentialId), encodeBase64(second.credentialId)]);
    expect(
      value(await service.handle({ type: 'slots' }))
        .filter((s) => s.kind === 'passkey')
        .map((s) => s.name),
    ).toEqual(['Laptop', 'YubiKey']);

    const removed = value(await service.handle({ type: 'passkey-remove', slotId: first.added.id }));
    expect(removed.credentialId).toBe(encodeBase64(first.credentialId));
    expect(code(await service.handle({ type: 'passkey-remove', slotId: first.added.id }))).toBe('err_vault_slot_missing');
    // Only passkeys are removed this way: the passphrase stays.
    const passphraseSlot = value(await service.handle({ type: 'slots' })).find((s) => s.kind === 'passphrase')!;
    expect(code(await service.handle({ type: 'passkey-remove', slotId: passphraseSlot.id }))).toBe('err_vault_slot_missing');

    await service.handle({ type: 'lock' });
    expect(
      code(
        await service.handle({
          type: 'unlock-passkey',
          credentialId: encodeBase64(first.credentialId),
          prfOutput: encodeBase64(first.prfOutput),
        }),
      ),
    ).toBe('err_vault_passkey_unknown');
    expect(
      code(
        await service.handle({
          type: 'unlock-passkey',
          credentialId: encodeBase64(second.credentialId),
          prfOutput: encodeBase64(second.prfOutput),
        }),
      ),
    ).toBe('ok');
    value(await service.handle({ type: 'passkey-remove', slotId: second.added.id }));
    await service.settled();
    expect(await local.get(STORE_KEYS.unlockHints)).toEqual({ passkey: false, recoveryKey: false });
  });
});

describe('recovery key: create, confirm, unlock, new passphrase', () => {
  it('is added only once typed back; a typo is found by its check characters, another key is refused', async () => {
    const { service, local } = await setup();
    expect(code(await service.handle({ type: 'recovery-key-create', passphrase: 'wrong passphrase' }))).toBe('err_vault_wrong_passphrase');
    expect(code(await service.handle({ type: 'recovery-key-confirm', recoveryKey: 'anything' }))).toBe('err_recovery_setup_expired');
    const { text } = value(await service.handle({ type: 'recovery-key-create', passphrase: PASS }));
    expect(text).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
    expect(value(await service.handle({ type: 'slots' })).map((s) => s.kind)).toEqual(['passphrase']);

    // One character changed: the check characters find it.
    const i = text.indexOf('-') + 1;
    const typo = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
    expect(code(await service.handle({ type: 'recovery-key-confirm', recoveryKey: typo }))).toBe('err_recovery_key_check');
    expect(code(await service.handle({ type: 'recovery-key-confirm', recoveryKey: text.slice(0, -5) }))).toBe('err_recovery_key_length');
    // Typed as people type it: lower case, spaces for dashes.
    const added = await service.handle({ type: 'recovery-key-confirm', recoveryKey: text.toLowerCase().replace(/-/g, ' ') });
    expect(added).toMatchObject({ ok: true, value: { kind: 'recovery' } });
    expect(await local.get(STORE_KEYS.unlockHints)).toEqual({ passkey: false, recoveryKey: true });
    expect(code(await service.handle({ type: 'recovery-key-confirm', recoveryKey: text }))).toBe('err_recovery_setup_expired');

    // A valid key that is not the one shown.
    const shown = await otherRecoveryKey(service);
    const another = await otherRecoveryKey(service);
    expect(shown).not.toBe(another);
    expect(code(await service.handle({ type: 'recovery-key-confirm', recoveryKey: shown }))).toBe('err_recovery_key_mismatch');
  });

  it('no request but set-new-passphrase succeeds after a recovery unlock; then every account is there and only the new passphrase unlocks', async () => {
    const { service, deps, local } = await setup();
    const key = await createRecoveryKey(service);
    await service.handle({ type: 'lock' });
    expect(value(await service.handle({ type: 'unlock-options' })).recoveryKey).toBe(true);

    const recovered = await service.handle({ type: 'unlock-recovery-key', recoveryKey: key });
    expect(value(recovered)).toMatchObject({ phase: 'recovered' });
    expect(value(recovered).accounts).toBeUndefined();

    const refused: Request[] = [
      { type: 'unlock', passphrase: PASS },
      { type: 'unlock-recovery-key', recoveryKey: key },
      { type: 'add', drafts: [toWire(draft('Initech'))] },
      { type: 'delete', id: 'x' },
      { type: 'read-log' },
      { type: 'slots' },
      { type: 'recovery-key-create', passphrase: PASS },
      { type: 'passkey-add-begin', passphrase: PASS, name: 'Phone' },
      { type: 'verify-passphrase', passphrase: PASS },
      { type: 'change-passphrase', current: PASS, next: NEW_PASS },
      { type: 'set-settings', settings: { autoLockMinutes: 5, timeOffsetSeconds: 0 } },
      { type: 'touch' },
      { type: 'unlock-options' },
    ];
    for (const request of refused) expect(code(await service.handle(request)), request.type).toBe('err_new_passphrase_required');
    // The other features see a locked vault.
    expect(await service.unlockedAccounts()).toBeNull();
    expect(await service.isUnlocked()).toBe(false);
    expect(code(await service.accountsBehindPassphrase(PASS))).toBe('err_locked');
    expect(await service.backupRecoveryKey()).toBeUndefined();
    expect(value(await service.handle({ type: 'state' })).phase).toBe('recovered');

    // A restarted service worker comes back in the same phase, not unlocked.
    const restarted = new VaultService({ ...deps });
    expect(value(await restarted.handle({ type: 'state' })).phase).toBe('recovered');
    expect(code(await restarted.handle({ type: 'read-log' }))).toBe('err_new_passphrase_required');

    expect(code(await restarted.handle({ type: 'set-new-passphrase', passphrase: 'short' }))).toBe('err_passphrase_short');
    const done = await restarted.handle({ type: 'set-new-passphrase', passphrase: NEW_PASS });
    expect(value(done).phase).toBe('unlocked');
    expect(issuers(done)).toEqual(['Acme', 'Globex']);
    const log = value(await restarted.handle({ type: 'read-log' })).entries.map((e) => e.type);
    expect(log).toEqual(expect.arrayContaining(['unlocked-recovery-key', 'passphrase-changed', 'recovery-key-created']));
    // Not asked any more: a passphrase change needs the current passphrase.
    expect(code(await restarted.handle({ type: 'set-new-passphrase', passphrase: 'another new one' }))).toBe(
      'err_new_passphrase_not_asked',
    );

    await restarted.handle({ type: 'lock' });
    expect(code(await restarted.handle({ type: 'unlock', passphrase: PASS }))).toBe('err_vault_wrong_passphrase');
    expect(issuers(await restarted.handle({ type: 'unlock', passphrase: NEW_PASS }))).toEqual(['Acme', 'Globex']);
    // The recovery key still opens the vault (it was not the passphrase that changed it).
    await restarted.handle({ type: 'lock' });
    expect(value(await restarted.handle({ type: 'unlock-recovery-key', recoveryKey: key })).phase).toBe('recovered');
    expect(await local.get(STORE_KEYS.unlockHints)).toEqual({ passkey: false, recoveryKey: true });
  });

  it('a lock in the recovered phase forgets the key: the recovery key is needed again', async () => {
    const { service, session } = await setup();
    const key = await createRecoveryKey(service);
    await service.handle({ type: 'lock' });
    await service.handle({ type: 'unlock-recovery-key', recoveryKey: key });
    expect(value(await service.handle({ type: 'lock' })).phase).toBe('locked');
    expect(session.data.has(STORE_KEYS.sessionDataKey)).toBe(false);
    expect(session.data.has(STORE_KEYS.recoveryPending)).toBe(false);
    expect(code(await service.handle({ type: 'set-new-passphrase', passphrase: NEW_PASS }))).toBe('err_locked');
  });

  it('a recovery key and a passphrase sent at once: whichever the queue runs first decides, never both', async () => {
    const { service } = await setup();
    const key = await createRecoveryKey(service);
    await service.handle({ type: 'lock' });
    const [recovered, passphrase] = await Promise.all([
      service.handle({ type: 'unlock-recovery-key', recoveryKey: key }),
      service.handle({ type: 'unlock', passphrase: PASS }),
    ]);
    expect(value(recovered).phase).toBe('recovered');
    expect(code(passphrase)).toBe('err_new_passphrase_required');
    expect(value(await service.handle({ type: 'state' })).phase).toBe('recovered');

    await service.handle({ type: 'lock' });
    const [unlocked, late] = await Promise.all([
      service.handle({ type: 'unlock', passphrase: PASS }),
      service.handle({ type: 'unlock-recovery-key', recoveryKey: key }),
    ]);
    expect(value(unlocked).phase).toBe('unlocked');
    expect(value(late).phase).toBe('unlocked');
    expect(value(await service.handle({ type: 'state' })).accounts).toHaveLength(2);
  });

  it('set-new-passphrase is refused while simply unlocked or locked', async () => {
    const { service } = await setup();
    expect(code(await service.handle({ type: 'set-new-passphrase', passphrase: NEW_PASS }))).toBe('err_new_passphrase_not_asked');
    await service.handle({ type: 'lock' });
    expect(code(await service.handle({ type: 'set-new-passphrase', passphrase: NEW_PASS }))).toBe('err_locked');
  });

  it('creating a new recovery key replaces the old one, which then opens nothing', async () => {
    const { service } = await setup();
    const old = await createRecoveryKey(service);
    const current = await createRecoveryKey(service);
    expect(value(await service.handle({ type: 'slots' })).filter((s) => s.kind === 'recovery')).toHaveLength(1);
    await service.handle({ type: 'lock' });
    expect(code(await service.handle({ type: 'unlock-recovery-key', recoveryKey: old }))).toBe('err_vault_recovery_key_wrong');
    expect(value(await service.handle({ type: 'unlock-recovery-key', recoveryKey: current })).phase).toBe('recovered');
  });
});

describe('every way in shares the wrong-passphrase wait', () => {
  it('wrong passkeys and wrong recovery keys count with wrong passphrases; a typo in a recovery key does not', async () => {
    const { service, local, tick } = await setup();
    const { credentialId, prfOutput } = await addPasskey(service, 'Laptop');
    const key = await createRecoveryKey(service);
    const wrongKey = await otherRecoveryKey(service);
    await service.handle({ type: 'lock' });

    const typo = `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`;
    expect(code(await service.handle({ type: 'unlock-recovery-key', recoveryKey: typo }))).toBe('err_recovery_key_check');
    expect(await failures(local)).toBe(0);

    const attempts: Request[] = [
      { type: 'unlock-passkey', credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(random32()) },
      { type: 'unlock-recovery-key', recoveryKey: wrongKey },
      { type: 'unlock', passphrase: 'wrong passphrase' },
      { type: 'unlock-passkey', credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(random32()) },
      { type: 'unlock-recovery-key', recoveryKey: wrongKey },
      { type: 'unlock', passphrase: 'wrong passphrase' },
    ];
    expect(attempts).toHaveLength(FREE_FAILURES + 1);
    const replies = [];
    for (const request of attempts) replies.push(code(await service.handle(request)));
    expect(replies).toEqual([
      'err_vault_passkey_refused',
      'err_vault_recovery_key_wrong',
      'err_vault_wrong_passphrase',
      'err_vault_passkey_refused',
      'err_vault_recovery_key_wrong',
      'err_vault_wrong_passphrase',
    ]);
    // Now every way in waits, even with the right secret.
    expect(
      code(await service.handle({ type: 'unlock-passkey', credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(prfOutput) })),
    ).toBe('err_unlock_wait');
    expect(code(await service.handle({ type: 'unlock-recovery-key', recoveryKey: key }))).toBe('err_unlock_wait');
    expect(code(await service.handle({ type: 'unlock', passphrase: PASS }))).toBe('err_unlock_wait');
    tick(30_001);
    expect(
      code(await service.handle({ type: 'unlock-passkey', credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(prfOutput) })),
    ).toBe('ok');
    expect(await failures(local)).toBe(0);
    // The failures are in the log after the unlock.
    const log = value(await service.handle({ type: 'read-log' })).entries.filter((e) => e.type === 'unlock-failed');
    expect(log).toHaveLength(FREE_FAILURES + 1);
  });

  it('passkey and recovery-key attempts fired at once run one at a time: six are tried at most', async () => {
    const { service, local } = await setup();
    const { credentialId } = await addPasskey(service, 'Laptop');
    await service.handle({ type: 'lock' });
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        service.handle({ type: 'unlock-passkey', credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(random32()) }),
      ),
    );
    expect(replies.map(code).filter((c) => c === 'err_vault_passkey_refused')).toHaveLength(FREE_FAILURES + 1);
    expect(replies.map(code).filter((c) => c === 'err_unlock_wait')).toHaveLength(12 - FREE_FAILURES - 1);
    expect(await failures(local)).toBe(FREE_FAILURES + 1);
  });
});

describe('backups carry the recovery slot', () => {
  it('an exported backup and a scheduled one open with the recovery key as well as their passphrase', async () => {
    const { service } = await setup();
    const key = await createRecoveryKey(service);
    const exports = new ExportService({
      accountsBehindPassphrase: (p) => service.accountsBehindPassphrase(p),
      recoveryBackupKey: () => service.backupRecoveryKey(),
      logExported: (kind) => service.logExported(kind),
      now: () => T0,
      iterations: 1000,
    });
    const file = value(await exports.file({ type: 'export-file', kind: 'sesame-backup', passphrase: PASS }));
    expect(JSON.parse(file.text)).toMatchObject({ version: 2 });
    expect(
      value(await readBackup(file.text, key))
        .map((a) => a.issuer)
        .sort(),
    ).toEqual(['Acme', 'Globex']);
    expect(
      value(await readBackup(file.text, PASS))
        .map((a) => a.issuer)
        .sort(),
    ).toEqual(['Acme', 'Globex']);

    const saved: string[] = [];
    const auto = new AutoBackupService({
      session: memoryStore(),
      local: memoryStore(),
      iterations: 1000,
      now: () => T0,
      accounts: () => service.unlockedAccounts(),
      checkPassphrase: (p) => service.checkPassphrase(p),
      seal: (plain, aad) => service.sealWithDataKey(plain, aad),
      open: (sealed, aad) => service.openWithDataKey(sealed, aad),
      recoveryBackupKey: () => service.backupRecoveryKey(),
      save: async (_, text) => void saved.push(text),
      setTimer: async () => {},
    });
    value(await auto.handle({ type: 'auto-backup-enable', schedule: 'daily', passphrase: 'backup passphrase', vaultPassphrase: PASS }));
    expect(saved).toHaveLength(1);
    expect(
      value(await readBackup(saved[0]!, key))
        .map((a) => a.issuer)
        .sort(),
    ).toEqual(['Acme', 'Globex']);
    expect(value(await readBackup(saved[0]!, 'backup passphrase'))).toHaveLength(2);
  });
});

describe('the trash is purged on unlock', () => {
  it('a deleted account stays in the trash for 30 days; the first unlock after that purges it', async () => {
    const { service, session, db, tick } = await setup();
    const state = value(await service.handle({ type: 'state' }));
    const acme = state.accounts!.find((a) => a.issuer === 'Acme')!;
    await service.handle({ type: 'delete', id: acme.id });
    const dataKey = await importDataKey(Uint8Array.from(session.data.get(STORE_KEYS.sessionDataKey) as number[]));

    tick(29 * DAY);
    await service.handle({ type: 'lock' });
    await service.handle({ type: 'unlock', passphrase: PASS });
    await service.settled();
    expect((await listTrash(await db, dataKey)).map((e) => e.account.issuer)).toEqual(['Acme']);

    tick(2 * DAY);
    await service.handle({ type: 'lock' });
    expect(issuers(await service.handle({ type: 'unlock', passphrase: PASS }))).toEqual(['Globex']);
    await service.settled();
    expect(await listTrash(await db, dataKey)).toEqual([]);
  });
});
