/**
 * Account <-> JSON <-> bytes. The vault encrypts `encodeAccount(account)` (secret as Base64);
 * the backup file holds `accountToJson(account, 'base32')` for every account.
 *
 * `parseStoredAccount` is the strict gate for whatever comes out of decryption or a backup: every
 * field must be present with the right type and range, and unknown fields are refused, so a
 * damaged or foreign record is reported rather than half-loaded. See docs/vault-format.md
 * ("Plaintext account") for the JSON shape.
 */
import { ALGORITHMS, DIGITS, type Account, type Algorithm, type Digits, type RecoveryCode } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { decodeBase32, decodeBase64, encodeBase32, encodeBase64 } from './encoding';
import { parseHlc } from './hybrid-logical-clock';
import { isOrderKey, orderKeyFromLegacy } from './order-key';

export type SecretEncoding = 'base64' | 'base32';

/** Problem code for an account that does not match the schema; `$1` names the field. */
export const ERR_ACCOUNT_INVALID = 'err_vault_account_invalid';

/** Generous limits that no real account reaches but that stop absurd input early. */
export const LIMITS = {
  idLength: 128,
  textLength: 1024,
  noteLength: 65_536,
  secretBytes: 1024,
  listLength: 1000,
} as const;

const COMMON_KEYS = [
  'id',
  'type',
  'issuer',
  'label',
  'secret',
  'note',
  'tags',
  'pinned',
  'order',
  'sites',
  'recoveryCodes',
  'createdAt',
  'updatedAt',
] as const;
/** Present only on a conflict copy (otp/account.ts `conflictOf`). */
const OPTIONAL_KEYS = ['conflictOf'] as const;
const TYPE_KEYS = { totp: ['algorithm', 'digits', 'period'], hotp: ['algorithm', 'digits', 'counter'], steam: [] } as const;

/** The account as a plain JSON object, with the secret encoded as text. Only known fields are copied. */
export function accountToJson(account: Account, secretEncoding: SecretEncoding = 'base64'): Record<string, unknown> {
  const common = {
    id: account.id,
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: secretEncoding === 'base32' ? encodeBase32(account.secret) : encodeBase64(account.secret),
    note: account.note,
    tags: [...account.tags],
    pinned: account.pinned,
    order: account.order,
    sites: [...account.sites],
    recoveryCodes: account.recoveryCodes.map((r) => ({ code: r.code, used: r.used })),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
    ...(account.conflictOf ? { conflictOf: { id: account.conflictOf.id, clock: account.conflictOf.clock } } : {}),
  };
  switch (account.type) {
    case 'totp':
      return { ...common, algorithm: account.algorithm, digits: account.digits, period: account.period };
    case 'hotp':
      return { ...common, algorithm: account.algorithm, digits: account.digits, counter: account.counter };
    case 'steam':
      return common;
  }
}

/** UTF-8 JSON of the account, secret as Base64: the plaintext of one vault record. */
export function encodeAccount(account: Account): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(accountToJson(account, 'base64')));
}

// One strict decoder for every record (unlocking decodes one per account); without `stream` it
// keeps no state between calls.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Inverse of `encodeAccount`: strict UTF-8, JSON and schema checks. */
export function decodeAccount(bytes: Uint8Array): Result<Account> {
  let json: unknown;
  try {
    json = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return fail(ERR_ACCOUNT_INVALID, 'json');
  }
  return parseStoredAccount(json, 'base64');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTextList = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= LIMITS.listLength && v.every((s) => isText(s, max));
const isTimestamp = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Strictly parses one account from its JSON form (as written by `accountToJson`). Returns
 * `err_vault_account_invalid` with the name of the first offending field.
 */
export function parseStoredAccount(json: unknown, secretEncoding: SecretEncoding = 'base64'): Result<Account> {
  if (!isRecord(json)) return fail(ERR_ACCOUNT_INVALID, 'account');
  const type = json['type'];
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') return fail(ERR_ACCOUNT_INVALID, 'type');
  const allowed = new Set<string>([...COMMON_KEYS, ...OPTIONAL_KEYS, ...TYPE_KEYS[type]]);
  for (const key of Object.keys(json)) if (!allowed.has(key)) return fail(ERR_ACCOUNT_INVALID, key);

  const { id, issuer, label, secret, note, tags, pinned, order, sites, recoveryCodes, createdAt, updatedAt } = json;
  if (!isText(id, LIMITS.idLength) || id === '') return fail(ERR_ACCOUNT_INVALID, 'id');
  if (!isText(issuer, LIMITS.textLength)) return fail(ERR_ACCOUNT_INVALID, 'issuer');
  if (!isText(label, LIMITS.textLength)) return fail(ERR_ACCOUNT_INVALID, 'label');
  if (typeof secret !== 'string') return fail(ERR_ACCOUNT_INVALID, 'secret');
  const secretBytes = secretEncoding === 'base32' ? decodeBase32(secret) : decodeBase64(secret);
  if (!secretBytes || secretBytes.length === 0 || secretBytes.length > LIMITS.secretBytes) return fail(ERR_ACCOUNT_INVALID, 'secret');
  if (!isText(note, LIMITS.noteLength)) return fail(ERR_ACCOUNT_INVALID, 'note');
  if (!isTextList(tags, LIMITS.textLength)) return fail(ERR_ACCOUNT_INVALID, 'tags');
  if (typeof pinned !== 'boolean') return fail(ERR_ACCOUNT_INVALID, 'pinned');
  // An order key; a number is the order of a record written before order keys (lower first),
  // migrated by a pure function that keeps the order (order-key.ts `orderKeyFromLegacy`).
  const orderKey = typeof order === 'number' && Number.isFinite(order) ? orderKeyFromLegacy(order) : order;
  if (!isOrderKey(orderKey)) return fail(ERR_ACCOUNT_INVALID, 'order');
  if (!isTextList(sites, LIMITS.textLength)) return fail(ERR_ACCOUNT_INVALID, 'sites');
  if (!Array.isArray(recoveryCodes) || recoveryCodes.length > LIMITS.listLength) return fail(ERR_ACCOUNT_INVALID, 'recoveryCodes');
  const codes: RecoveryCode[] = [];
  for (const r of recoveryCodes) {
    if (!isRecord(r) || Object.keys(r).length !== 2 || !isText(r['code'], LIMITS.textLength) || typeof r['used'] !== 'boolean') {
      return fail(ERR_ACCOUNT_INVALID, 'recoveryCodes');
    }
    codes.push({ code: r['code'], used: r['used'] });
  }
  if (!isTimestamp(createdAt)) return fail(ERR_ACCOUNT_INVALID, 'createdAt');
  if (!isTimestamp(updatedAt)) return fail(ERR_ACCOUNT_INVALID, 'updatedAt');

  const conflictOf = json['conflictOf'];
  if (conflictOf !== undefined) {
    if (
      !isRecord(conflictOf) ||
      Object.keys(conflictOf).length !== 2 ||
      !isText(conflictOf['id'], LIMITS.idLength) ||
      conflictOf['id'] === '' ||
      !parseHlc(conflictOf['clock'])
    ) {
      return fail(ERR_ACCOUNT_INVALID, 'conflictOf');
    }
  }
  const common = {
    id,
    issuer,
    label,
    secret: secretBytes,
    note,
    tags,
    pinned,
    order: orderKey,
    sites,
    recoveryCodes: codes,
    createdAt,
    updatedAt,
    ...(conflictOf ? { conflictOf: { id: conflictOf['id'] as string, clock: conflictOf['clock'] as string } } : {}),
  };
  if (type === 'steam') return ok({ ...common, type });

  const { algorithm, digits } = json;
  if (!ALGORITHMS.includes(algorithm as Algorithm)) return fail(ERR_ACCOUNT_INVALID, 'algorithm');
  if (!DIGITS.includes(digits as Digits)) return fail(ERR_ACCOUNT_INVALID, 'digits');
  const otp = { ...common, algorithm: algorithm as Algorithm, digits: digits as Digits };
  if (type === 'totp') {
    const period = json['period'];
    // RFC 6238 §4.1: the time step X is a positive number of seconds; a day is far beyond any real use.
    if (typeof period !== 'number' || !Number.isSafeInteger(period) || period < 1 || period > 86_400)
      return fail(ERR_ACCOUNT_INVALID, 'period');
    return ok({ ...otp, type, period });
  }
  const counter = json['counter'];
  // RFC 4226 §5.2: C is an 8-byte counter; JavaScript numbers are exact up to 2^53 - 1.
  if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 0) return fail(ERR_ACCOUNT_INVALID, 'counter');
  return ok({ ...otp, type, counter });
}
