/**
 * Browser glue for exports (registered from `entrypoints/background.ts`): the options page's
 * export requests, answered by `lib/export/export-service.ts` from the vault itself.
 */
import { EXPORT_REQUEST_FIELDS } from './protocol';
import type { SesameRouter } from '../messaging/request';
import type { VaultService } from '../vault-service/vault-service';
import { ExportService } from './export-service';

export function registerExport(router: SesameRouter, vault: VaultService): ExportService {
  const exports = new ExportService({
    accountsBehindPassphrase: (passphrase) => vault.accountsBehindPassphrase(passphrase),
    recoveryBackupKey: () => vault.backupRecoveryKey(),
    logExported: (kind) => vault.logExported(kind),
    now: () => Date.now(),
  });
  router.registerAll(EXPORT_REQUEST_FIELDS, {
    'export-file': (request) => exports.file(request),
    'export-qr': (request) => exports.qr(request),
  });
  return exports;
}
