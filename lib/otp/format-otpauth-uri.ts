/**
 * Account draft to an `otpauth://` URI (Key URI Format,
 * github.com/google/google-authenticator/wiki/Key-Uri-Format), for QR export and plain-text backup.
 * `parseOtpauthUri(formatOtpauthUri(d))` gives back `d`'s type, issuer, name, secret and parameters.
 *
 * - Label `Issuer:Account`, each part percent-encoded (a colon inside a part becomes `%3A`), and
 *   the `issuer` parameter repeated, as the format recommends. Without an issuer the label is the
 *   account alone, led by a literal `:` when the name itself contains a colon (so it is not read
 *   as an issuer).
 * - algorithm, digits and period/counter are always written, so no app falls back to a default.
 * - Steam Guard is written `otpauth://totp/...&digits=5&period=30&encoder=steam`: `encoder=steam`
 *   is what pyotp and KeePassXC read as Steam, and an app that knows neither still finds a valid
 *   TOTP URI (at worst it shows numeric codes). `otpauth://steam/` (Aegis only) would make every
 *   other app refuse the whole line. Our parser reads both.
 */
import { STEAM, type AccountDraft } from './account';
import { encodeBase32 } from './base32';

export function formatOtpauthUri(account: AccountDraft): string {
  const issuer = account.issuer.trim();
  const name = account.label.trim();
  const label = issuer
    ? `${encodeURIComponent(issuer)}:${encodeURIComponent(name)}`
    : `${name.includes(':') ? ':' : ''}${encodeURIComponent(name)}`;
  const query: [string, string][] = [['secret', encodeBase32(account.secret)]];
  if (issuer) query.push(['issuer', issuer]);
  switch (account.type) {
    case 'totp':
      query.push(['algorithm', account.algorithm], ['digits', String(account.digits)], ['period', String(account.period)]);
      break;
    case 'hotp':
      query.push(['algorithm', account.algorithm], ['digits', String(account.digits)], ['counter', String(account.counter)]);
      break;
    case 'steam':
      query.push(['algorithm', STEAM.algorithm], ['digits', String(STEAM.digits)], ['period', String(STEAM.period)], ['encoder', 'steam']);
      break;
  }
  const type = account.type === 'hotp' ? 'hotp' : 'totp';
  return `otpauth://${type}/${label}?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}
