/**
 * Turns the texts of scanned QR codes into accounts to confirm, problems to show, and the state
 * of a multi-part Google Authenticator export. Pure; the scan screen keeps the collector between
 * scans (the user may scan "1 of 2", then "2 of 2").
 *
 * - `otpauth://totp|hotp` and Steam (`otpauth://` with issuer Steam, `steam://`): one account each
 *   (lib/otp/parse-otpauth-uri.ts).
 * - `otpauth-migration://`: collected (lib/import/google-migration-batch.ts); its accounts are
 *   returned only when every code of every export seen has been scanned.
 * - Anything else: a problem naming what the code holds (lib/qr/classify-qr-text.ts).
 *
 * `site`: the page the codes were scanned from (lib/scan/register.ts). A single account's code
 * on a page is that site's set-up code, so the account is saved with the site (autofill then fills
 * there without asking, docs/design.md "Which site an account belongs to"). A Google export is the
 * user's own list of many accounts, shown wherever: its accounts get no site.
 */
import type { AccountDraft } from '../otp/account';
import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { classifyQrText } from '../qr/classify-qr-text';
import { decodeMigrationUri } from '../import/google-migration';
import {
  addMigrationPart,
  collectedAccounts,
  EMPTY_MIGRATION_COLLECTOR,
  lastAddProblem,
  progress,
  type MigrationCollector,
  type MigrationProgress,
} from '../import/google-migration-batch';
import { isDuplicate } from '../import/find-duplicates';
import type { Problem } from '../result';

export interface Interpreted {
  /** Accounts ready to confirm (single codes now; an export's once complete). */
  readonly drafts: AccountDraft[];
  readonly problems: Problem[];
  /** The collector after these texts; reset to empty once an export's accounts are returned. */
  readonly collector: MigrationCollector;
  /** Progress of an unfinished export ("2 of 3 scanned"), or null when none is waiting. */
  readonly waiting: MigrationProgress | null;
}

export function interpretQrTexts(
  texts: readonly string[],
  collector: MigrationCollector = EMPTY_MIGRATION_COLLECTOR,
  { site }: { readonly site?: string | undefined } = {},
): Interpreted {
  const drafts: AccountDraft[] = [];
  const problems: Problem[] = [];
  let state = collector;
  for (const text of texts) {
    const content = classifyQrText(text);
    if (content.kind === 'not-otp') {
      problems.push(content.problem);
    } else if (content.kind === 'migration') {
      const decoded = decodeMigrationUri(content.uri);
      if (!decoded.ok) {
        problems.push(decoded.problem);
        continue;
      }
      state = addMigrationPart(state, decoded.value);
      const repeat = lastAddProblem(state, decoded.value);
      if (repeat) problems.push(repeat);
    } else {
      const parsed = parseOtpauthUri(content.uri);
      if (parsed.ok) drafts.push(site ? { ...parsed.value, sites: [site] } : parsed.value);
      else problems.push(parsed.problem);
    }
  }
  const done = collectedAccounts(state);
  if (done) {
    drafts.push(...done.accounts);
    problems.push(...done.skipped.map((s) => s.problem));
    state = EMPTY_MIGRATION_COLLECTOR;
  }
  const p = progress(state);
  return { drafts, problems, collector: state, waiting: p.size > 0 && !p.complete ? p : null };
}

export interface Candidate {
  readonly draft: AccountDraft;
  /** Same secret and issuer as an account in the vault, or as an earlier candidate. */
  readonly duplicate: boolean;
}

/** Marks duplicates (against the vault and earlier candidates) so the screen leaves them unchecked. */
export function markDuplicates(drafts: readonly AccountDraft[], vault: readonly Pick<AccountDraft, 'secret' | 'issuer'>[]): Candidate[] {
  const seen: Pick<AccountDraft, 'secret' | 'issuer'>[] = [...vault];
  return drafts.map((draft) => {
    const duplicate = isDuplicate(draft, seen);
    seen.push(draft);
    return { draft, duplicate };
  });
}
