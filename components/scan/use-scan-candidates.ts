import { useRef, useState } from 'preact/hooks';
import type { Account, AccountDraft } from '@/lib/otp/account';
import { EMPTY_MIGRATION_COLLECTOR, type MigrationProgress } from '@/lib/import/google-migration-batch';
import { interpretQrTexts, markDuplicates, type Candidate } from '@/lib/scan/interpret-qr-texts';
import type { Problem } from '@/lib/result';

/** An account found by a scan, as the confirmation list shows it. */
export interface ScanCandidateRow extends Candidate {
  readonly key: number;
  readonly checked: boolean;
}

export interface ScanCandidates {
  readonly rows: readonly ScanCandidateRow[];
  /** An unfinished multi-code Google export ("1 of 2 scanned"), or null. */
  readonly waiting: MigrationProgress | null;
  /** The drafts of the checked rows, in order. */
  readonly checked: readonly AccountDraft[];
  /**
   * Adds what these QR texts hold (lib/scan/interpret-qr-texts.ts): new rows, duplicates of the
   * vault or of earlier rows unchecked. Returns the problems to show (non-OTP codes and the like)
   * and how many things it found (rows, a waiting export, problems). `site`: the page the texts
   * were scanned from, saved with single accounts (not with image files or exports).
   */
  take(texts: readonly string[], site?: string): { problems: Problem[]; found: number };
  toggle(key: number): void;
  /** Forgets the rows and any export waiting for its other codes (after the accounts were added). */
  clear(): void;
}

/**
 * The state behind a scan's confirmation list, shared by the popup's scan screen and the options
 * page's image scan: rows kept across scans, and the collector of a Google export split over
 * several codes (lib/import/google-migration-batch.ts).
 */
export function useScanCandidates(accounts: readonly Account[]): ScanCandidates {
  const [rows, setRows] = useState<ScanCandidateRow[]>([]);
  const [collector, setCollector] = useState(EMPTY_MIGRATION_COLLECTOR);
  const [waiting, setWaiting] = useState<MigrationProgress | null>(null);
  const keyRef = useRef(0);
  // Latest state for async callbacks (a scan resolves after renders).
  const live = useRef({ rows, collector, accounts });
  live.current = { rows, collector, accounts };

  const take = (texts: readonly string[], site?: string) => {
    const { rows: current, collector: before, accounts: vaultAccounts } = live.current;
    const result = interpretQrTexts(texts, before, { site });
    const vault = [...vaultAccounts, ...current.map((r) => r.draft)];
    const fresh = markDuplicates(result.drafts, vault).map((c) => ({ ...c, key: keyRef.current++, checked: !c.duplicate }));
    const next = [...current, ...fresh];
    live.current = { ...live.current, rows: next, collector: result.collector };
    setRows(next);
    setCollector(result.collector);
    setWaiting(result.waiting);
    return { problems: result.problems, found: fresh.length + (result.waiting ? 1 : 0) + result.problems.length };
  };

  const toggle = (key: number) => setRows((current) => current.map((r) => (r.key === key ? { ...r, checked: !r.checked } : r)));

  const clear = () => {
    live.current = { ...live.current, rows: [], collector: EMPTY_MIGRATION_COLLECTOR };
    setRows([]);
    setCollector(EMPTY_MIGRATION_COLLECTOR);
    setWaiting(null);
  };

  return { rows, waiting, checked: rows.filter((r) => r.checked).map((r) => r.draft), take, toggle, clear };
}
