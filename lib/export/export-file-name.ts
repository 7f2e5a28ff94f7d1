/** What the options page exports, as named in file names and in the activity log (`exported` kind). */
export type ExportKind = 'sesame-backup' | 'uri-list' | 'aegis-plain';

const EXTENSIONS: Record<ExportKind, string> = { 'sesame-backup': 'json', 'uri-list': 'txt', 'aegis-plain': 'json' };

/**
 * A download's file name, e.g. `sesame-backup-2024-05-01.json` (the UTC date of `now`), so
 * backups sort by date and a plain export says so in its name (`sesame-uri-list-...`,
 * `sesame-aegis-plain-...`).
 */
export function exportFileName(kind: ExportKind, now: number | Date): string {
  const date = new Date(now);
  const day = Number.isNaN(date.getTime()) ? 'undated' : date.toISOString().slice(0, 10);
  const stem = kind === 'sesame-backup' ? 'sesame-backup' : `sesame-${kind}`;
  return `${stem}-${day}.${EXTENSIONS[kind]}`;
}
