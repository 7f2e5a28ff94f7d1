/**
 * Requests the options page sends to the scheduled-backup module (`lib/auto-backup/register.ts`),
 * kept apart from the vault's `protocol.ts`. Only extension pages may send them.
 */
import type { AutoBackupSettings } from './auto-backup-schedule';
import { isString, oneOf, type RequestFields } from '../messaging/field-checks';

export type AutoBackupRequest =
  | { readonly type: 'auto-backup-status' }
  /**
   * Turn on (or change) the schedule; `passphrase` protects the backups (see docs/vault-format.md).
   * `vaultPassphrase` is checked first, as for every export (a wrong one counts toward the wait).
   */
  | {
      readonly type: 'auto-backup-enable';
      readonly schedule: 'daily' | 'weekly';
      readonly passphrase: string;
      readonly vaultPassphrase: string;
    }
  | { readonly type: 'auto-backup-disable' };

export interface AutoBackupStatus extends AutoBackupSettings {
  /**
   * Whether the backup key is in memory. After a browser restart it is gone (it is never stored
   * on disk), so a schedule that is on stays paused until the user gives the passphrase again.
   */
  readonly armed: boolean;
}

export interface AutoBackupReplyMap {
  'auto-backup-status': AutoBackupStatus;
  'auto-backup-enable': AutoBackupStatus;
  'auto-backup-disable': AutoBackupStatus;
}

/** What the router checks in each scheduled-backup request. */
export const AUTO_BACKUP_REQUEST_FIELDS: RequestFields<AutoBackupRequest> = {
  'auto-backup-status': {},
  'auto-backup-enable': { schedule: oneOf('daily', 'weekly'), passphrase: isString, vaultPassphrase: isString },
  'auto-backup-disable': {},
};
