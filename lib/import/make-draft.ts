import { ALGORITHMS, DIGITS, DRAFT_DEFAULTS, type AccountDraft, type Algorithm, type Digits, type RecoveryCode } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { IMPORT_LIMITS } from './import-limits';

/** The fields an importer read for one entry, in the loose shapes files use. */
export interface DraftFields {
  /** `totp`, `hotp` or `steam` (any case). */
  readonly type: string;
  readonly secret: Uint8Array;
  readonly issuer?: string | undefined;
  readonly label?: string | undefined;
  /** `SHA1`, `sha256`, `SHA-512`, `HmacSHA1`...; absent means SHA1 (RFC 4226 §5.2). */
  readonly algorithm?: string | undefined;
  /** Absent means 6 (RFC 4226 §5.3). */
  readonly digits?: number | undefined;
  /** Seconds; absent means 30 (RFC 6238 §4.1). */
  readonly period?: number | undefined;
  /** Absent means 0. */
  readonly counter?: number | undefined;
  readonly note?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly pinned?: boolean | undefined;
  readonly sites?: readonly string[] | undefined;
  readonly recoveryCodes?: readonly RecoveryCode[] | undefined;
}

/** Longest time step accepted (one day); no real service uses more than a few minutes. */
const MAX_PERIOD = 86_400;

/** `SHA-256`, `sha256`, `HmacSHA256`, `HMAC-SHA256` -> `SHA256`. */
export function normaliseAlgorithm(text: string): Algorithm | undefined {
  const t = text
    .toUpperCase()
    .replace(/^HMAC[-_]?/, '')
    .replace(/[-_\s]/g, '');
  return (ALGORITHMS as readonly string[]).includes(t) ? (t as Algorithm) : undefined;
}

const shorten = (s: string): string => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

function cleanList(list: readonly string[] | undefined, maxChars: number): Result<string[]> {
  const out: string[] = [];
  for (const raw of list ?? []) {
    const item = raw.trim();
    if (!item || out.includes(item)) continue;
    if (item.length > maxChars) return fail('err_import_field_too_long', maxChars);
    out.push(item);
  }
  if (out.length > IMPORT_LIMITS.maxListItems) return fail('err_import_too_many_items', IMPORT_LIMITS.maxListItems);
  return ok(out);
}

/**
 * Checks one entry's fields and turns them into an `AccountDraft`, or names the first thing that
 * Sesame cannot represent (an unknown type or algorithm, digits outside 6-8, a bad period or
 * counter, an empty secret, a field too long to be real).
 */
export function makeDraft(f: DraftFields): Result<AccountDraft> {
  const { maxNameChars, maxNoteChars, maxSecretBytes } = IMPORT_LIMITS;
  const issuer = f.issuer ?? '';
  const label = f.label ?? '';
  const note = f.note ?? '';
  if (issuer.length > maxNameChars || label.length > maxNameChars) return fail('err_import_field_too_long', maxNameChars);
  if (note.length > maxNoteChars) return fail('err_import_field_too_long', maxNoteChars);
  if (f.secret.length === 0) return fail('err_import_secret_missing');
  if (f.secret.length > maxSecretBytes) return fail('err_import_field_too_long', maxSecretBytes);

  const tags = cleanList(f.tags, maxNameChars);
  if (!tags.ok) return tags;
  const sites = cleanList(f.sites, maxNameChars);
  if (!sites.ok) return sites;
  const codes = f.recoveryCodes ?? [];
  if (codes.length > IMPORT_LIMITS.maxListItems) return fail('err_import_too_many_items', IMPORT_LIMITS.maxListItems);
  if (codes.some((c) => c.code.length > maxNameChars)) return fail('err_import_field_too_long', maxNameChars);

  const common = {
    ...DRAFT_DEFAULTS,
    issuer,
    label,
    secret: f.secret,
    note,
    tags: tags.value,
    pinned: f.pinned ?? false,
    sites: sites.value,
    recoveryCodes: codes.map((c) => ({ code: c.code, used: c.used })),
  };
  const type = f.type.toLowerCase();
  if (type === 'steam') return ok({ type: 'steam', ...common });
  if (type !== 'totp' && type !== 'hotp') return fail('err_import_unsupported_type', shorten(f.type));

  const algorithm = f.algorithm === undefined || f.algorithm === '' ? 'SHA1' : normaliseAlgorithm(f.algorithm);
  if (!algorithm) return fail('err_import_unsupported_algorithm', shorten(f.algorithm ?? ''));
  const digits = f.digits ?? 6;
  if (!(DIGITS as readonly number[]).includes(digits)) return fail('err_import_unsupported_digits', shorten(String(digits)));

  if (type === 'totp') {
    const period = f.period ?? 30;
    if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD) return fail('err_import_bad_period', shorten(String(period)));
    return ok({ type: 'totp', algorithm, digits: digits as Digits, period, ...common });
  }
  const counter = f.counter ?? 0;
  if (!Number.isSafeInteger(counter) || counter < 0) return fail('err_import_bad_counter', shorten(String(counter)));
  return ok({ type: 'hotp', algorithm, digits: digits as Digits, counter, ...common });
}
