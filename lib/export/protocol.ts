/**
 * Exports that carry secrets, asked of the background (lib/export/register.ts). Every one
 * carries the vault passphrase: the background checks it (one attempt at a time, a wrong one
 * counting toward the wait, lib/vault-service/passphrase-attempts.ts) and builds the export itself from
 * the vault. A page never sends accounts to be exported, so a page that was locked meanwhile, or
 * holds a stale or altered copy, cannot export anything.
 */
import type { ExportKind } from './export-file-name';
import type { MigrationExport } from '../import/google-migration-encode';
import { isString, oneOf, optional, type RequestFields } from '../messaging/field-checks';

type QrExportKind = 'qr-codes' | 'migration-qr';

export type ExportRequest =
  /**
   * A file. `sesame-backup` is encrypted under `backupPassphrase` when given (another
   * passphrase), else under the vault passphrase; `uri-list` and `aegis-plain` are in the clear.
   */
  | { readonly type: 'export-file'; readonly kind: ExportKind; readonly passphrase: string; readonly backupPassphrase?: string }
  /** The texts of the QR codes: one `otpauth://` URI per account, or Google's migration batches. */
  | { readonly type: 'export-qr'; readonly kind: QrExportKind; readonly passphrase: string };

export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly text: string;
  /** How many accounts the file holds. */
  readonly count: number;
}

export interface ExportedAccountQr {
  readonly id: string;
  readonly issuer: string;
  readonly label: string;
  readonly uri: string;
}

export type ExportedQr =
  { readonly kind: 'qr-codes'; readonly codes: readonly ExportedAccountQr[] } | ({ readonly kind: 'migration-qr' } & MigrationExport);

export interface ExportReplyMap {
  'export-file': ExportedFile;
  'export-qr': ExportedQr;
}

export const EXPORT_REQUEST_FIELDS: RequestFields<ExportRequest> = {
  'export-file': { kind: oneOf('sesame-backup', 'uri-list', 'aegis-plain'), passphrase: isString, backupPassphrase: optional(isString) },
  'export-qr': { kind: oneOf('qr-codes', 'migration-qr'), passphrase: isString },
};
