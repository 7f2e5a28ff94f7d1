/**
 * Requests the options page sends to the scheduled-backup module (`lib/background/auto-backup.ts`),
 * kept apart from the vault's `protocol.ts`. Only extension pages may send them.
 */
import type { AutoBackupSettings } from '../backup/auto-backup-schedule';

export type AutoBackupRequest =
  | { readonly type: 'auto-backup-status' }
  /** Turn on (or change) the schedule; `passphrase` protects the backups (see docs/vault-format.md). */
  | { readonly type: 'auto-backup-enable'; readonly schedule: 'daily' | 'weekly'; readonly passphrase: string }
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

const TYPES: readonly string[] = ['auto-backup-status', 'auto-backup-enable', 'auto-backup-disable'];

/** Is `message` one of ours (by its `type`)? Its fields are checked again by the handler. */
export function isAutoBackupRequest(message: unknown): message is AutoBackupRequest {
  return typeof message === 'object' && message !== null && TYPES.includes((message as { type?: unknown }).type as string);
}
