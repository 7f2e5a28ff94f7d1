/**
 * Google Authenticator's "Transfer accounts" export: a QR code (or several) holding
 *
 *     otpauth-migration://offline?data=BASE64
 *
 * where BASE64 is a protobuf `MigrationPayload` (shared/fixtures/google_auth_migration/
 * google_auth.proto, as reverse-engineered by Aegis and others):
 *
 *     MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                        int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *     OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3;
 *                        Algorithm algorithm = 4; DigitCount digits = 5; OtpType type = 6;
 *                        int64 counter = 7; }
 *
 * Choices:
 * - `data` is percent-decoded but `+` stays `+` (a raw, unescaped payload keeps its `+`; decoding
 *   it as a space would corrupt the secret); Base64 and base64url, with or without padding.
 * - Algorithm: 0 (unspecified) and 1 are SHA1, 2 SHA256, 3 SHA512 (Aegis' enum); 4 MD5 and
 *   unknown values skip that account with a problem (the others are still imported).
 * - Digits: 0 (unspecified) and 1 are 6, 2 is 8; others skip the account.
 * - Type: 1 HOTP (with `counter`), 2 TOTP (period 30 s: the format has no period field); others
 *   skip the account.
 * - `name` is split like an otpauth label (lib/otp/parse-otpauth-uri.ts): a non-empty `issuer`
 *   wins, and an `Issuer:` prefix equal to it is removed; otherwise the first colon splits.
 * - A payload that is not Base64 or not protobuf fails as a whole.
 */
import { DRAFT_DEFAULTS, type AccountDraft, type Algorithm, type Digits } from '../otp/account';
import { fail, ok, type Problem, type Result } from '../result';
import type { MessageKey } from '../i18n/message-key';
import { decodeBase64Lenient } from './google-migration-base64';
import { lastBytes, lastVarint, readMessage, WIRE_LEN, type ProtoField } from './google-migration-protobuf';

interface MigrationBatchInfo {
  /** Random per export; all QR codes of one export share it (int32, may be negative). */
  readonly id: number;
  /** 0-based position of this QR code in the export. */
  readonly index: number;
  /** How many QR codes the export has (at least 1). */
  readonly size: number;
}

export interface SkippedMigrationAccount {
  /** "Issuer: label" (or whichever of them is set), to tell the user which account it was. */
  readonly name: string;
  readonly problem: Problem;
}

export interface DecodedMigration {
  readonly accounts: AccountDraft[];
  readonly batch: MigrationBatchInfo;
  readonly skipped: SkippedMigrationAccount[];
}

const SCHEME = 'otpauth-migration://';

/** Google Authenticator's algorithm enum (Aegis' google_auth.proto numbering). */
const MIGRATION_ALGORITHMS: Readonly<Record<number, Algorithm | 'MD5'>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512', 4: 'MD5' };
/** Google Authenticator's DigitCount enum. */
const MIGRATION_DIGITS: Readonly<Record<number, Digits>> = { 0: 6, 1: 6, 2: 8 };
export const MIGRATION_TYPE_HOTP = 1;
export const MIGRATION_TYPE_TOTP = 2;

/** Decodes one `otpauth-migration://` URI (one QR code of an export). */
export function decodeMigrationUri(uri: string): Result<DecodedMigration> {
  const text = uri.trim();
  if (text.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    const at = text.toLowerCase().indexOf(SCHEME);
    return at > 0 ? fail('err_migration_text_before', text.slice(0, Math.min(at, 40))) : fail('err_migration_not_migration');
  }
  const query = text.includes('?') ? (text.slice(text.indexOf('?') + 1).split('#')[0] ?? '') : '';
  let data: string | undefined;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).toLowerCase() === 'data') data = pair.slice(eq + 1);
  }
  if (data === undefined || data === '') return fail('err_migration_no_data');
  let base64: string;
  try {
    base64 = decodeURIComponent(data); // leaves '+' alone, unlike form decoding
  } catch {
    return fail('err_migration_bad_base64');
  }
  const bytes = decodeBase64Lenient(base64);
  if (!bytes.ok) return bytes;
  const payload = readMessage(bytes.value);
  if (!payload) return fail('err_migration_corrupt');

  const accounts: AccountDraft[] = [];
  const skipped: SkippedMigrationAccount[] = [];
  for (const f of payload) {
    if (f.field !== 1 || f.wire !== WIRE_LEN) continue;
    const params = readMessage(f.bytes);
    if (!params) return fail('err_migration_corrupt');
    const one = toDraft(params);
    if (one.ok) accounts.push(one.value);
    else skipped.push({ name: one.name, problem: one.problem });
  }
  if (accounts.length === 0 && skipped.length === 0) return fail('err_migration_empty');

  const int32 = (field: number) => Number(BigInt.asIntN(32, lastVarint(payload, field) ?? 0n));
  const size = Math.max(1, int32(3));
  const index = int32(4);
  if (index < 0 || index >= size) return fail('err_migration_corrupt');
  return ok({ accounts, batch: { id: int32(5), index, size }, skipped });
}

type DraftOrSkip = { ok: true; value: AccountDraft } | { ok: false; name: string; problem: Problem };

function toDraft(params: readonly ProtoField[]): DraftOrSkip {
  const utf8 = new TextDecoder('utf-8');
  const rawName = utf8.decode(lastBytes(params, 2) ?? new Uint8Array());
  const rawIssuer = utf8.decode(lastBytes(params, 3) ?? new Uint8Array());
  const { issuer, label } = splitName(rawName, rawIssuer);
  const name = [issuer, label].filter((s) => s !== '').join(': ') || '?';
  const skip = (code: MessageKey, ...more: (string | number)[]): DraftOrSkip => ({
    ok: false,
    name,
    problem: { code, params: [name, ...more.map(String)] },
  });

  const secret = lastBytes(params, 1);
  if (!secret || secret.length === 0) return skip('err_migration_no_secret');
  const algoNumber = Number(lastVarint(params, 4) ?? 0n);
  const algorithm = MIGRATION_ALGORITHMS[algoNumber];
  if (algorithm === 'MD5') return skip('err_migration_md5');
  if (!algorithm) return skip('err_migration_algorithm', algoNumber);
  const digitsNumber = Number(lastVarint(params, 5) ?? 0n);
  const digits = MIGRATION_DIGITS[digitsNumber];
  if (!digits) return skip('err_migration_digits', digitsNumber);
  const type = Number(lastVarint(params, 6) ?? 0n);
  const common = { ...DRAFT_DEFAULTS, issuer, label, secret: Uint8Array.from(secret), algorithm, digits };
  if (type === MIGRATION_TYPE_TOTP) return { ok: true, value: { ...common, type: 'totp', period: 30 } };
  if (type !== MIGRATION_TYPE_HOTP) return skip('err_migration_type', type);
  const counter = BigInt.asIntN(64, lastVarint(params, 7) ?? 0n);
  if (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER)) return skip('err_migration_counter', counter.toString());
  return { ok: true, value: { ...common, type: 'hotp', counter: Number(counter) } };
}

/**
 * Splits Google's `name` into issuer and account name the way an otpauth label is split
 * (Key URI Format): a non-empty `issuer` field wins and its `Issuer:` prefix is removed from the
 * name; otherwise the text before the first colon is the issuer. Spaces around the parts are trimmed.
 */
export function splitName(name: string, issuerField: string): { issuer: string; label: string } {
  const issuer = issuerField.trim();
  if (issuer !== '' && name.startsWith(`${issuer}:`)) return { issuer, label: name.slice(issuer.length + 1).trim() };
  const colon = name.indexOf(':');
  if (colon < 0) return { issuer, label: name.trim() };
  return { issuer: issuer || name.slice(0, colon).trim(), label: name.slice(colon + 1).trim() };
}
