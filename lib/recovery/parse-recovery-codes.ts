/**
 * Recovery (backup) codes pasted from a site's "save your backup codes" page to a clean list.
 *
 * - Codes are separated by line breaks, spaces, tabs, commas or semicolons; dashes inside a code
 *   stay (GitHub's `xxxxx-xxxxx`).
 * - Google prints its ten 8-digit codes as two groups of four ("1234 5678"): two 4-digit groups
 *   joined by exactly ONE space are one code, kept as printed.
 * - List numbering ("1.", "2)", "(3)") and bullets ("-", "*", "•") are dropped.
 * - Prose lines are skipped: a line whose first word is a capitalised word ("Keep these codes
 *   safe.", "Backup codes"), that holds a heading word ending in ":", or that has several words
 *   and no digit ("BACKUP VERIFICATION CODES"); e-mail addresses are dropped. So pasting a whole
 *   printed sheet works.
 * - Duplicates (ignoring case, spaces and dashes) are kept once, first occurrence first.
 */
import type { RecoveryCode } from '../otp/account';

/** A Google pair, or any run of non-separators. The pair must stand alone between separators. */
const TOKEN = /(?<![^\s,;])\d{4} \d{4}(?![^\s,;])|[^\s,;]+/g;
const NUMBERING = /^(?:\(?\d{1,3}[.)]|[-–—*•·‣◦▪])$/u;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+[.,:;!?)]*$/u;

/** A heading or sentence rather than codes (see the rules above). */
function isProse(tokens: readonly string[]): boolean {
  if (CAPITALISED_WORD.test(tokens[0]!)) return true;
  if (tokens.some((token) => token.length > 1 && token.endsWith(':'))) return true;
  // "BACKUP VERIFICATION CODES": several words and not one digit. (A line of two or more
  // letters-only codes would be lost too; codes almost always contain a digit.)
  return tokens.length >= 2 && tokens.every((token) => /^[\p{L}.,!?'’()]+$/u.test(token));
}

export function parseRecoveryCodes(text: string): RecoveryCode[] {
  const seen = new Set<string>();
  const codes: RecoveryCode[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const tokens = (line.match(TOKEN) ?? []).filter((token) => !NUMBERING.test(token));
    if (tokens.length === 0) continue;
    if (isProse(tokens)) continue;
    for (const token of tokens) {
      if (token.includes('@')) continue;
      const key = token.replace(/[\s-]/g, '').toLowerCase();
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      codes.push({ code: token, used: false });
    }
  }
  return codes;
}
