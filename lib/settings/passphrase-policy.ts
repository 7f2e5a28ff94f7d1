import { fail, type Result } from '../result';

/** The shortest passphrase Sesame accepts. Length matters most against guessing (NIST SP 800-63B §3.1.1.2). */
const MIN_PASSPHRASE_LENGTH = 8;

/**
 * Whether a passphrase the user is choosing (the vault's, a new one, a backup's) may be used:
 * `ok` or the problem to show. Checked by the background for every passphrase it stores a key
 * for, and by the pages first, so a refused one changes nothing.
 */
export function checkNewPassphrase(passphrase: string): Result<null> {
  // Spaces, tabs, line breaks, no-break and ideographic spaces (JavaScript's \s is Unicode's
  // White_Space), and the invisible zero-width characters: eight of them are no passphrase.
  if (/^[\s\u200b-\u200d\u2060]*$/u.test(passphrase)) return fail('err_passphrase_blank');
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return fail('err_passphrase_short', MIN_PASSPHRASE_LENGTH);
  return { ok: true, value: null };
}
