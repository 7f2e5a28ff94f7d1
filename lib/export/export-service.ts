/**
 * Every export that carries secrets, built by the background from the vault after the vault
 * passphrase has been checked (VaultService.accountsBehindPassphrase: one attempt at a time, a
 * wrong one counting toward the wait). A page sends only the passphrase and the kind of export,
 * and gets back the file or the QR texts; it never hands accounts in to be exported. Pure of
 * browser APIs (lib/export/register.ts wires it), so it is unit-tested in Node.
 */
import type { Account } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { createBackup, type BackupRecoveryKey } from '../vault/backup';
import { exportUriList } from './export-uri-list';
import { exportAegisPlain } from './export-aegis-plain';
import { exportFileName, type ExportKind } from './export-file-name';
import { encodeMigrationUris } from '../import/google-migration-encode';
import { formatOtpauthUri } from '../otp/format-otpauth-uri';
import { checkNewPassphrase } from '../settings/passphrase-policy';
import type { ExportedFile, ExportedQr, ExportRequest } from './protocol';

const ERR_EXPORT_EMPTY = 'err_export_empty';

export interface ExportDeps {
  /** The accounts once `passphrase` is checked as the vault's (VaultService). */
  readonly accountsBehindPassphrase: (passphrase: string) => Promise<Result<Account[]>>;
  /**
   * The vault's recovery backup key (VaultService.backupRecoveryKey), so a backup carries the
   * recovery slot and the recovery key opens it too; `undefined` when the vault has none.
   */
  readonly recoveryBackupKey?: () => Promise<BackupRecoveryKey | undefined>;
  /** Records the export in the activity log (its kind and time only). */
  readonly logExported: (kind: string) => Promise<void>;
  readonly now: () => number;
  /** PBKDF2 iterations of a backup file; undefined means the production default. Tests pass fewer. */
  readonly iterations?: number;
}

const MIME: Record<ExportKind, string> = {
  'sesame-backup': 'application/json',
  'uri-list': 'text/plain',
  'aegis-plain': 'application/json',
};

export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  private async accounts(passphrase: string): Promise<Result<Account[]>> {
    const accounts = await this.deps.accountsBehindPassphrase(passphrase);
    if (accounts.ok && accounts.value.length === 0) return fail(ERR_EXPORT_EMPTY);
    return accounts;
  }

  async file(request: Extract<ExportRequest, { type: 'export-file' }>): Promise<Result<ExportedFile>> {
    // A backup under another passphrase: that passphrase is checked first, so a refused one
    // costs no attempt at the vault passphrase.
    if (request.kind === 'sesame-backup' && request.backupPassphrase !== undefined) {
      const usable = checkNewPassphrase(request.backupPassphrase);
      if (!usable.ok) return usable;
    }
    const accounts = await this.accounts(request.passphrase);
    if (!accounts.ok) return accounts;
    const now = this.deps.now();
    const list = accounts.value;
    let text: string;
    switch (request.kind) {
      case 'sesame-backup': {
        const recovery = await this.deps.recoveryBackupKey?.();
        text = await createBackup(list, request.backupPassphrase ?? request.passphrase, now, {
          ...(this.deps.iterations ? { iterations: this.deps.iterations } : {}),
          ...(recovery ? { recovery } : {}),
        });
        recovery?.key.fill(0);
        break;
      }
      case 'uri-list':
        text = exportUriList(list);
        break;
      case 'aegis-plain':
        text = exportAegisPlain(list, now);
        break;
    }
    await this.deps.logExported(request.kind);
    return ok({ fileName: exportFileName(request.kind, now), mimeType: MIME[request.kind], text, count: list.length });
  }

  async qr(request: Extract<ExportRequest, { type: 'export-qr' }>): Promise<Result<ExportedQr>> {
    const accounts = await this.accounts(request.passphrase);
    if (!accounts.ok) return accounts;
    await this.deps.logExported(request.kind);
    if (request.kind === 'qr-codes') {
      return ok({
        kind: 'qr-codes',
        codes: accounts.value.map((a) => ({ id: a.id, issuer: a.issuer, label: a.label, uri: formatOtpauthUri(a) })),
      });
    }
    return ok({ kind: 'migration-qr', ...encodeMigrationUris(accounts.value) });
  }
}
