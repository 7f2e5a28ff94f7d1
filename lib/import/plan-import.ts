/**
 * The import preview's logic, pure: which drafts are already in the vault (or earlier in the same
 * file), what is checked by default, and what the result message counts.
 */
import type { AccountDraft } from '../otp/account';
import { isDuplicate } from './find-duplicates';
import type { SkippedEntry } from './import-types';

/** One account of the file as the preview shows it. */
export interface PlannedImport {
  readonly draft: AccountDraft;
  /**
   * Already in the vault (same secret and issuer, see find-duplicates.ts), or the same account
   * appeared earlier in this file. Duplicates start unchecked.
   */
  readonly duplicate: boolean;
}

type Comparable = Pick<AccountDraft, 'secret' | 'issuer'>;

/** Marks each of `drafts` that is a duplicate of `existing` or of an earlier draft. */
export function planImport(drafts: readonly AccountDraft[], existing: readonly Comparable[]): PlannedImport[] {
  const seen: Comparable[] = [...existing];
  return drafts.map((draft) => {
    const duplicate = isDuplicate(draft, seen);
    if (!duplicate) seen.push(draft);
    return { draft, duplicate };
  });
}

/** The default check marks: every account that is not a duplicate. */
export const defaultSelection = (plan: readonly PlannedImport[]): boolean[] => plan.map((p) => !p.duplicate);

/** The drafts the user left checked, in file order. */
export function chosenDrafts(plan: readonly PlannedImport[], selected: readonly boolean[]): AccountDraft[] {
  return plan.filter((_, i) => selected[i] === true).map((p) => p.draft);
}

/** What an import did, for the result message. */
export interface ImportSummary {
  /** Accounts written to the vault. */
  readonly added: number;
  /** Duplicates left unchecked (not written). */
  readonly duplicates: number;
  /** Other accounts the user unchecked (not written). */
  readonly leftOut: number;
  /** Entries of the file that could not be read, each with its reason. */
  readonly unreadable: readonly SkippedEntry[];
}

/**
 * The summary of an import that wrote the checked accounts of `plan` (`written` false when the
 * write failed: then nothing was added, since the vault writes all or nothing).
 */
export function summarizeImport(
  plan: readonly PlannedImport[],
  selected: readonly boolean[],
  unreadable: readonly SkippedEntry[],
  written = true,
): ImportSummary {
  let added = 0;
  let duplicates = 0;
  let leftOut = 0;
  plan.forEach((p, i) => {
    if (selected[i] === true) added++;
    else if (p.duplicate) duplicates++;
    else leftOut++;
  });
  return { added: written ? added : 0, duplicates, leftOut, unreadable };
}
