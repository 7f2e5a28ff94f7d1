import type { AccountDraft } from '../otp/account';
import { fail, type Result } from '../result';
import type { ImportedAccounts, SkippedEntry } from './import-types';

const NAME_CHARS = 60;

/** A short, displayable name for an entry: "Issuer (label)", "label" or "entry 3". */
export function entryName(issuer: unknown, label: unknown, index: number): string {
  const i = typeof issuer === 'string' ? issuer.trim() : '';
  const l = typeof label === 'string' ? label.trim() : '';
  const name = i && l ? `${i} (${l})` : i || l || `#${index + 1}`;
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS)}…` : name;
}

/**
 * Reads every entry of a file with `read`, keeping the ones that work and listing the others with
 * their problem; one bad entry (even one that makes `read` throw) never loses the rest.
 */
export function collectDrafts<T>(
  items: readonly T[],
  read: (item: T, index: number) => Result<AccountDraft>,
  nameOf: (item: T, index: number) => string,
): ImportedAccounts {
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((item, index) => {
    let result: Result<AccountDraft>;
    try {
      result = read(item, index);
    } catch {
      result = fail('err_import_entry_unreadable');
    }
    if (result.ok) accounts.push(result.value);
    else {
      let name: string;
      try {
        name = nameOf(item, index);
      } catch {
        name = entryName('', '', index);
      }
      skipped.push({ name, problem: result.problem });
    }
  });
  return { accounts, skipped };
}
