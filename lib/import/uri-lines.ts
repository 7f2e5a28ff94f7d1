import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { fail, type Result } from '../result';
import { decodeMigrationUri } from './google-migration';
import { entryName } from './collect-drafts';
import { IMPORT_LIMITS } from './import-limits';
import type { ImportedAccounts, SkippedEntry } from './import-types';
import type { AccountDraft } from '../otp/account';
import type { DraftFields } from './make-draft';
import { redraft } from './redraft';

/** Fields a text format adds to a line's URI (e.g. Ente's `codeDisplay`), or a reason to skip it. */
export type LineExtras = (uri: string) => Result<Partial<DraftFields>>;

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;

/** The lines that carry content: trimmed, without blanks and `#` comments, with 1-based numbers. */
function contentLines(text: string): { line: number; text: string }[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/** Whether the first content line is an `otpauth://` or `otpauth-migration://` URI. */
export function startsWithOtpUri(text: string): boolean {
  // Only look at the head, so detecting a huge non-text file stays cheap.
  const first = contentLines(text.slice(0, 4096))[0]?.text ?? '';
  return OTPAUTH.test(first) || MIGRATION.test(first);
}

/**
 * Reads a text file of `otpauth://` URIs (Key Uri Format) and Google Authenticator
 * `otpauth-migration://` URIs, one a line; blank lines and `#` comments are skipped, any other
 * line is listed as skipped. `extras` lets a format add fields to each URI's account.
 */
export function importUriLines(text: string, extras?: LineExtras): ImportedAccounts {
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  /** Google exports split over several QR codes: which parts of each export were present. */
  const batches = new Map<number, { size: number; seen: Set<number>; line: number }>();
  for (const { line, text: uri } of contentLines(text)) {
    const name = `#${line}`;
    const skip = (result: Result<unknown>) => {
      if (!result.ok) skipped.push({ name, problem: result.problem });
    };
    if (uri.length > IMPORT_LIMITS.maxUriChars) {
      skip(fail('err_import_field_too_long', IMPORT_LIMITS.maxUriChars));
    } else if (MIGRATION.test(uri)) {
      const batch = decodeMigrationUri(uri);
      if (!batch.ok) skip(batch);
      else {
        for (const d of batch.value.accounts) {
          const r = redraft(d);
          if (r.ok) accounts.push(r.value);
          else skipped.push({ name: entryName(d.issuer, d.label, accounts.length), problem: r.problem });
        }
        for (const sk of batch.value.skipped) skipped.push({ name: shorten(sk.name), problem: sk.problem });
        const { id, index, size } = batch.value.batch;
        const parts = batches.get(id) ?? { size, seen: new Set<number>(), line };
        parts.seen.add(index);
        batches.set(id, parts);
      }
    } else if (OTPAUTH.test(uri)) {
      const parsed = parseOtpauthUri(uri);
      if (!parsed.ok) skip(parsed);
      else {
        const more = extras ? extras(uri) : undefined;
        if (more && !more.ok) skipped.push({ name: entryName(parsed.value.issuer, parsed.value.label, line - 1), problem: more.problem });
        else {
          const r = redraft(parsed.value, more?.value);
          if (r.ok) accounts.push(r.value);
          else skipped.push({ name: entryName(parsed.value.issuer, parsed.value.label, line - 1), problem: r.problem });
        }
      }
    } else {
      skip(fail('err_import_line_not_uri'));
    }
  }
  for (const { size, seen, line } of batches.values()) {
    if (seen.size < size)
      skipped.push({
        name: `#${line}`,
        problem: { code: 'err_import_migration_parts_missing', params: [String(seen.size), String(size)], count: seen.size },
      });
  }
  return { accounts, skipped };
}

const shorten = (name: string): string => (name.length > 60 ? `${name.slice(0, 60)}…` : name);
