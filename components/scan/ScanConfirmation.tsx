import { STEAM } from '@/lib/otp/account';
import { codeAt } from '@/lib/otp/generate-code';
import { groupCode } from '@/lib/otp/group-code';
import type { MigrationProgress } from '@/lib/import/google-migration-batch';
import type { ScanCandidateRow } from './use-scan-candidates';
import { t, tCount } from '../shared/t';
import '../shared/screens.css';

/**
 * What a scan found, before anything is saved: the progress of a Google export split over several
 * codes ("1 of 2 scanned"), then a row per account with a checkbox (duplicates of vault accounts
 * unchecked) and its live code, so the user sees the code works, and one "Add" button. Used by the
 * popup's scan screen and the options page's image scan (state: ./use-scan-candidates.ts).
 */
export function ScanConfirmation({
  rows,
  waiting,
  now,
  progressNext,
  busy = false,
  headingLevel = 2,
  onToggle,
  onConfirm,
}: {
  rows: readonly ScanCandidateRow[];
  waiting: MigrationProgress | null;
  now: number;
  /** What to do for the export's next code (scan the page again, or choose the next image). */
  progressNext: string;
  busy?: boolean;
  /** 2 on a screen of its own (the popup), 3 inside a page's section (the options page). */
  headingLevel?: 2 | 3;
  onToggle: (key: number) => void;
  onConfirm: () => void;
}) {
  const checked = rows.filter((r) => r.checked).length;
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <>
      {waiting && (
        <p class="warning" data-testid="scan-progress" role="status">
          {t('scan_progress', waiting.scanned, waiting.size)} {progressNext}
        </p>
      )}
      {rows.length > 0 && (
        <section aria-labelledby="scan-found">
          <Heading id="scan-found">{tCount('scan_found', rows.length)}</Heading>
          <ul class="scan-rows">
            {rows.map((r) => (
              <ScanRow key={r.key} row={r} now={now} onToggle={() => onToggle(r.key)} />
            ))}
          </ul>
          <button type="button" class="primary" data-testid="scan-confirm" disabled={checked === 0 || busy} onClick={onConfirm}>
            {tCount('scan_confirm', checked)}
          </button>
        </section>
      )}
    </>
  );
}

function ScanRow({ row, now, onToggle }: { row: ScanCandidateRow; now: number; onToggle: () => void }) {
  const d = row.draft;
  const id = `scan-row-${row.key}`;
  const details =
    d.type === 'steam'
      ? t('scan_details_steam', STEAM.digits, STEAM.period)
      : d.type === 'hotp'
        ? t('scan_details_hotp', d.digits, d.algorithm, d.counter)
        : t('scan_details_totp', d.digits, d.period, d.algorithm);
  return (
    <li
      class="scan-row"
      data-testid="scan-row"
      data-issuer={d.issuer}
      data-label={d.label}
      data-duplicate={row.duplicate ? 'true' : 'false'}
    >
      <input
        type="checkbox"
        id={id}
        data-testid="scan-check"
        checked={row.checked}
        onChange={onToggle}
        aria-describedby={`${id}-details`}
      />
      <label for={id} class="names">
        <strong>{d.issuer || d.label || t('scan_unnamed')}</strong>
        {d.issuer && d.label && <span class="hint"> {d.label}</span>}
      </label>
      <span id={`${id}-details`} class="hint scan-details">
        {details}
        {row.duplicate && (
          <>
            {' '}
            · <span data-testid="scan-duplicate">{t('scan_duplicate')}</span>
          </>
        )}
        {d.sites[0] && (
          <>
            <br />
            <span data-testid="scan-site">{t('scan_site', d.sites[0])}</span>
          </>
        )}
      </span>
      <span class="mono scan-code" data-testid="scan-code" aria-label={t('scan_code_preview')}>
        {groupCode(codeAt(d, now))}
      </span>
    </li>
  );
}
