import { describe, expect, it } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { ExportService } from '../../../lib/export/export-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { toWire } from '../../../lib/messaging/account-wire';
import { readBackup } from '../../../lib/vault/backup';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';

const PASS = 'the vault passphrase';
const SECRET_B32 = 'JBSWY3DPEHPK3PXP';
const draft: AccountDraft = {
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer: 'Acme',
  label: 'alice',
  secret: new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

let dbCount = 0;
async function setup(accounts: AccountDraft[] = [draft]) {
  const db = openVaultDb(`export-service-${++dbCount}`);
  const local = memoryStore();
  const deps: VaultServiceDeps = { db: () => db, session: memoryStore(), local, now: () => 1_700_000_000_000, iterations: 1000 };
  const vault = new VaultService(deps);
  await vault.handle({ type: 'setup', passphrase: PASS });
  if (accounts.length) await vault.handle({ type: 'add', drafts: accounts.map((a) => toWire(a)) });
  const exports = new ExportService({
    accountsBehindPassphrase: (p) => vault.accountsBehindPassphrase(p),
    logExported: (kind) => vault.logExported(kind),
    now: () => 1_700_000_000_000,
    iterations: 1000,
  });
  const exportedKinds = async () => {
    const log = await vault.handle({ type: 'read-log' });
    return log.ok ? log.value.entries.filter((e) => e.type === 'exported').map((e) => (e as { kind: string }).kind) : [];
  };
  return { vault, exports, local, exportedKinds };
}

describe('ExportService: exports only behind the vault passphrase, built from the vault', () => {
  it('a wrong passphrase exports nothing, logs nothing and counts toward the wait', async () => {
    const { exports, local, exportedKinds } = await setup();
    for (const kind of ['sesame-backup', 'uri-list', 'aegis-plain'] as const) {
      expect(await exports.file({ type: 'export-file', kind, passphrase: 'wrong' })).toEqual({
        ok: false,
        problem: { code: 'err_vault_wrong_passphrase' },
      });
    }
    for (const kind of ['qr-codes', 'migration-qr'] as const) {
      expect(await exports.qr({ type: 'export-qr', kind, passphrase: 'wrong' })).toEqual({
        ok: false,
        problem: { code: 'err_vault_wrong_passphrase' },
      });
    }
    expect(await local.get(STORE_KEYS.unlockFailures)).toMatchObject({ count: 5 });
    expect(await exportedKinds()).toEqual([]);
    // The sixth wrong one sets the wait; from then on even the right passphrase waits.
    await exports.file({ type: 'export-file', kind: 'uri-list', passphrase: 'wrong' });
    expect(await exports.file({ type: 'export-file', kind: 'uri-list', passphrase: PASS })).toMatchObject({
      ok: false,
      problem: { code: 'err_unlock_wait' },
    });
  });

  it('the right passphrase gives files built from the vault, and each export is logged by kind', async () => {
    const { exports, exportedKinds } = await setup();
    const list = await exports.file({ type: 'export-file', kind: 'uri-list', passphrase: PASS });
    expect(list).toMatchObject({ ok: true, value: { fileName: 'sesame-uri-list-2023-11-14.txt', mimeType: 'text/plain', count: 1 } });
    expect(list.ok && list.value.text).toBe(
      `otpauth://totp/Acme:alice?secret=${SECRET_B32}&issuer=Acme&algorithm=SHA1&digits=6&period=30\n`,
    );
    const aegis = await exports.file({ type: 'export-file', kind: 'aegis-plain', passphrase: PASS });
    expect(
      aegis.ok && (JSON.parse(aegis.value.text) as { db: { entries: { info: { secret: string } }[] } }).db.entries[0]!.info.secret,
    ).toBe(SECRET_B32);
    const backup = await exports.file({ type: 'export-file', kind: 'sesame-backup', passphrase: PASS });
    expect(backup.ok && backup.value.text).not.toContain(SECRET_B32);
    const opened = backup.ok ? await readBackup(backup.value.text, PASS) : null;
    expect(opened?.ok && opened.value.map((a) => a.issuer)).toEqual(['Acme']);
    expect(await exportedKinds()).toEqual(['sesame-backup', 'aegis-plain', 'uri-list']);
  });

  it('a backup under another passphrase opens with that one only; a short or blank one is refused before the vault passphrase is tried', async () => {
    const { exports, local } = await setup();
    const other = 'another long passphrase';
    const backup = await exports.file({ type: 'export-file', kind: 'sesame-backup', passphrase: PASS, backupPassphrase: other });
    expect(backup.ok && (await readBackup(backup.value.text, other)).ok).toBe(true);
    expect(backup.ok && (await readBackup(backup.value.text, PASS)).ok).toBe(false);
    expect(
      await exports.file({ type: 'export-file', kind: 'sesame-backup', passphrase: 'wrong', backupPassphrase: 'short' }),
    ).toMatchObject({ ok: false, problem: { code: 'err_passphrase_short' } });
    expect(await local.get(STORE_KEYS.unlockFailures)).toBeUndefined();
  });

  it('QR codes: one otpauth:// URI per account, or Google migration batches', async () => {
    const { exports, exportedKinds } = await setup();
    const codes = await exports.qr({ type: 'export-qr', kind: 'qr-codes', passphrase: PASS });
    expect(
      codes.ok &&
        codes.value.kind === 'qr-codes' &&
        codes.value.codes.map((c) => [c.issuer, c.label, c.uri.includes(`secret=${SECRET_B32}`)]),
    ).toEqual([['Acme', 'alice', true]]);
    const migration = await exports.qr({ type: 'export-qr', kind: 'migration-qr', passphrase: PASS });
    expect(migration.ok && migration.value.kind === 'migration-qr' && migration.value.uris).toHaveLength(1);
    expect(migration.ok && migration.value.kind === 'migration-qr' && migration.value.uris[0]).toMatch(
      /^otpauth-migration:\/\/offline\?data=/,
    );
    expect(await exportedKinds()).toEqual(['migration-qr', 'qr-codes']);
  });

  it('nothing to export, or locked: a message, no file', async () => {
    const empty = await setup([]);
    expect(await empty.exports.file({ type: 'export-file', kind: 'uri-list', passphrase: PASS })).toEqual({
      ok: false,
      problem: { code: 'err_export_empty' },
    });
    const { vault, exports } = await setup();
    await vault.lock();
    expect(await exports.file({ type: 'export-file', kind: 'uri-list', passphrase: PASS })).toEqual({
      ok: false,
      problem: { code: 'err_locked' },
    });
  });
});
