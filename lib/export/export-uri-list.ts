import type { AccountDraft } from '../otp/account';
import { formatOtpauthUri } from '../otp/format-otpauth-uri';

/**
 * A plain-text export: one `otpauth://` URI (Key Uri Format) a line, ending with a newline. Most
 * authenticators import it (Aegis, 2FAS, Ente, the Authenticator extension, Sesame itself). It
 * carries type, issuer, account name, secret, algorithm, digits, period/counter and Steam; notes,
 * tags, pins, sites and recovery codes have no place in a URI and are left out.
 */
export function exportUriList(accounts: readonly AccountDraft[]): string {
  return accounts.map((a) => `${formatOtpauthUri(a)}\n`).join('');
}
