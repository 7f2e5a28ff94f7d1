import type { MessageKey } from '../i18n/message-key';

/**
 * The scheduled encrypted backup's settings and timing, pure. The settings live in
 * `storage.local` and hold no secret (docs/vault-format.md, "Scheduled backup").
 */
type AutoBackupSchedule = 'off' | 'daily' | 'weekly';
const AUTO_BACKUP_SCHEDULES: readonly AutoBackupSchedule[] = ['off', 'daily', 'weekly'];

export interface AutoBackupSettings {
  readonly schedule: AutoBackupSchedule;
  /** When the last backup was saved (ms since the epoch). */
  readonly lastAt?: number;
  /** Why the last due backup was not saved, cleared by the next success. */
  readonly lastProblem?: AutoBackupProblem;
}

/** Why a due backup was not saved (lib/auto-backup/auto-backup-service.ts). */
const AUTO_BACKUP_PROBLEMS = [
  'err_auto_backup_paused',
  'err_auto_backup_locked',
  'err_auto_backup_save',
] as const satisfies readonly MessageKey[];
type AutoBackupProblem = (typeof AUTO_BACKUP_PROBLEMS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const INTERVAL_MS: Record<Exclude<AutoBackupSchedule, 'off'>, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

/** How often the background checks whether a backup is due (it runs when due and unlocked). */
export const AUTO_BACKUP_CHECK_MINUTES = 60;

/** Settings from storage, anything malformed read as "off" (the default). */
export function parseAutoBackupSettings(raw: unknown): AutoBackupSettings {
  if (typeof raw !== 'object' || raw === null) return { schedule: 'off' };
  const r = raw as Record<string, unknown>;
  const schedule = AUTO_BACKUP_SCHEDULES.includes(r['schedule'] as AutoBackupSchedule) ? (r['schedule'] as AutoBackupSchedule) : 'off';
  const lastAt = typeof r['lastAt'] === 'number' && Number.isFinite(r['lastAt']) ? r['lastAt'] : undefined;
  const lastProblem = AUTO_BACKUP_PROBLEMS.find((p) => p === r['lastProblem']);
  return { schedule, ...(lastAt !== undefined ? { lastAt } : {}), ...(lastProblem ? { lastProblem } : {}) };
}

/**
 * Whether a backup is due at `now`: never when off; at once when none was made yet; otherwise
 * once a day or week has passed since the last one (a clock set back counts as due, so a wrong
 * clock cannot stop backups for good).
 */
export function isBackupDue(settings: AutoBackupSettings, now: number): boolean {
  if (settings.schedule === 'off') return false;
  if (settings.lastAt === undefined) return true;
  const elapsed = now - settings.lastAt;
  return elapsed < 0 || elapsed >= INTERVAL_MS[settings.schedule] - 60_000;
}
