/**
 * `otpauth://` URIs (Google's Key URI Format,
 * github.com/google/google-authenticator/wiki/Key-Uri-Format) to account drafts:
 *
 *     otpauth://TYPE/LABEL?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30&counter=0
 *
 * Where reference parsers disagree (the cases in shared/fixtures/otpauth_uri_cases), we choose:
 * - Scheme, type and parameter names are case-insensitive; unknown parameters (`image`, `algo`,
 *   `extra`) are ignored; a repeated parameter takes its last value (as pyotp).
 * - The label may be missing (`otpauth://totp?secret=..`) or empty: the account name is then ''
 *   (pyotp accepts these, the `otpauth` library does not; rejecting a working secret helps no one).
 * - Label split: `Issuer:Account` on a literal or encoded colon (Key URI Format), spaces around the
 *   parts trimmed. When the `issuer` parameter is set and the label starts with it and a colon, that
 *   prefix is removed even if the issuer itself contains a colon ("Text: More Text:Secret", pyotp
 *   issue #174). Otherwise the first literal colon splits; with none, the first encoded one.
 *   So `a%3Ab` is issuer "a", account "b" (Key URI Format and `otpauth`; pyotp's HEAD keeps "a:b").
 * - A non-empty `issuer` parameter wins over the label's prefix; an empty one is ignored.
 * - Query values decode `+` as a space ("Air+Canada", as Aegis expects); labels keep `+` literal.
 * - HOTP without `counter` starts at 0 (pyotp; the Key URI Format calls it required, but a new
 *   token starts at 0 and refusing the URI would leave the user with nothing).
 * - Steam Guard when the type is `steam` (Aegis), `encoder=steam` (pyotp, KeePassXC), or the
 *   `issuer` parameter is "Steam" without a `digits` other than 5 (Steam Desktop Authenticator's
 *   `uri`), or the issuer is "Steam" with `digits=5`; also `steam://SECRET` (Bitwarden). A label
 *   prefix "Steam:" alone stays TOTP (pyotp). Steam ignores algorithm, digits and period.
 * - The secret must be Base32 with at least one byte (see `decodeBase32`), so `secret=SOME_SECRET`
 *   is refused even though pyotp, which does not decode at parse time, accepts it.
 * - Algorithms are SHA1/SHA256/SHA512, digits 6-8, periods 1 s to 1 day; SHA224, SHA384, SHA3-*
 *   and custom HMACs are refused with a message naming the algorithm (our `Algorithm` type).
 */
import { fail, ok, type Problem, type Result } from '../result';
import { DRAFT_DEFAULTS, type AccountDraft } from './account';
import { decodeBase32 } from './base32';
import { parseAlgorithm, parseCounter, parseDigits, parsePeriod, OTP_DEFAULTS } from './parse-otp-parameters';
import { percentDecode } from './percent-decode';
import { quoteInput } from './quote-input';

const OTPAUTH = /^otpauth:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/is;
const STEAM_URI = /^steam:\/\/([^?#]*)$/i;

/** Parses one `otpauth://` (or `steam://`) URI into an account draft, or names what is wrong. */
export function parseOtpauthUri(text: string): Result<AccountDraft> {
  const uri = text.trim();
  if (uri === '') return fail('err_uri_empty');

  const steam = STEAM_URI.exec(uri);
  if (steam) return steamDraft('Steam', '', percentDecode(steam[1] ?? '', false));

  const match = OTPAUTH.exec(uri);
  if (!match) {
    if (/^otpauth-migration:/i.test(uri)) return fail('err_uri_is_migration');
    return fail('err_uri_not_otpauth');
  }
  const type = percentDecode(match[1] ?? '', false).toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') return fail('err_uri_unsupported_type', quoteInput(type));

  const params = parseQuery(match[3] ?? '');
  const issuerParam = (params.get('issuer') ?? '').trim();
  const { issuer, label } = splitLabel(match[2] ?? '', issuerParam);

  const secretText = params.get('secret') ?? '';
  if (secretText.trim() === '') return fail('err_uri_missing_secret');

  const digitsText = params.get('digits') ?? '';
  const isSteam =
    type === 'steam' ||
    (params.get('encoder') ?? '').trim().toLowerCase() === 'steam' ||
    (isSteamName(issuerParam) && (digitsText === '' || digitsText.trim() === '5')) ||
    (isSteamName(issuer) && digitsText.trim() === '5');
  if (isSteam) return steamDraft(issuer, label, secretText);

  const secret = decodeBase32(secretText);
  if (!secret.ok) return secret;
  const algorithm = parseAlgorithm(params.get('algorithm') || OTP_DEFAULTS.algorithm);
  if (!algorithm.ok) return algorithm;
  const digits = parseDigits(digitsText || String(OTP_DEFAULTS.digits));
  if (!digits.ok) return digits;
  const common = { ...DRAFT_DEFAULTS, issuer, label, secret: secret.value, algorithm: algorithm.value, digits: digits.value };

  if (type === 'hotp') {
    const counter = parseCounter(params.get('counter') || String(OTP_DEFAULTS.counter));
    if (!counter.ok) return counter;
    return ok({ ...common, type: 'hotp', counter: counter.value });
  }
  const period = parsePeriod(params.get('period') || String(OTP_DEFAULTS.period));
  if (!period.ok) return period;
  return ok({ ...common, type: 'totp', period: period.value });
}

export interface UriListProblem {
  /** 1-based line number in the text. */
  readonly line: number;
  readonly problem: Problem;
}

/**
 * A list of URIs, one a line (a "plain text" export of Aegis, 2FAS, authenticator.cc, ...).
 * Blank lines and lines starting with `#` are skipped; every other line gives an account or a
 * problem with its line number.
 */
export function parseOtpauthUriList(text: string): { accounts: AccountDraft[]; problems: UriListProblem[] } {
  const accounts: AccountDraft[] = [];
  const problems: UriListProblem[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const result = parseOtpauthUri(line);
    if (result.ok) accounts.push(result.value);
    else problems.push({ line: index + 1, problem: result.problem });
  });
  return { accounts, problems };
}

function steamDraft(issuer: string, label: string, secretText: string): Result<AccountDraft> {
  if (secretText.trim() === '') return fail('err_uri_missing_secret');
  const secret = decodeBase32(secretText);
  if (!secret.ok) return secret;
  return ok({ ...DRAFT_DEFAULTS, type: 'steam', issuer, label, secret: secret.value });
}

function isSteamName(name: string): boolean {
  return name.trim().toLowerCase() === 'steam';
}

/** Query parameters, names lower-cased, values decoded as form data, the last repeat winning. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = percentDecode(at < 0 ? pair : pair.slice(0, at), true)
      .trim()
      .toLowerCase();
    const value = at < 0 ? '' : percentDecode(pair.slice(at + 1), true);
    params.set(name, value);
  }
  return params;
}

/** Splits the label into issuer and account name; see the rules at the top of this file. */
function splitLabel(rawLabel: string, issuerParam: string): { issuer: string; label: string } {
  const decoded = percentDecode(rawLabel, false);
  if (issuerParam !== '' && decoded.startsWith(`${issuerParam}:`)) {
    return { issuer: issuerParam, label: decoded.slice(issuerParam.length + 1).trim() };
  }
  let prefix = '';
  let account = decoded;
  const literal = rawLabel.indexOf(':');
  if (literal >= 0) {
    prefix = percentDecode(rawLabel.slice(0, literal), false);
    account = percentDecode(rawLabel.slice(literal + 1), false);
  } else if (decoded.includes(':')) {
    const encoded = decoded.indexOf(':');
    prefix = decoded.slice(0, encoded);
    account = decoded.slice(encoded + 1);
  }
  return { issuer: issuerParam || prefix.trim(), label: account.trim() };
}
