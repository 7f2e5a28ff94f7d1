import { fail, type Result } from '../result';
import { entryName } from './collect-drafts';
import { secretFromBase32, secretFromHex } from './decode-secret';
import { importFormat } from './import-formats';
import { asBoolean, asNumber, asRecord, asString, isRecord, type JsonRecord } from './json-fields';
import { jsonImporter, type JsonEntries } from './json-importer';
import { makeDraft } from './make-draft';
import type { AccountDraft } from '../otp/account';

/**
 * Backups of the Authenticator browser extension (authenticator.cc): one JSON object of
 * `{<hash>: {dataType?: "OTPStorage", type, secret, issuer, account, counter, period, digits,
 * algorithm, pinned, index, encrypted}}` (see fixtures/authenticator_extension/FORMAT.md §1).
 * `type` is totp|hotp|battle|steam|hex|hhex or its number 1-6; `algorithm` SHA1|SHA256|SHA512 or
 * 1-3; legacy secrets may start with `blz-`/`bliz-` (Battle.net) or `stm-` (Steam). Battle.net
 * becomes TOTP with 8 digits. Password-protected backups (Argon2id + CryptoJS AES) are
 * recognised but not decrypted. The text export is an otpauth:// list (see otpauth-list-importer).
 */
const NAME = importFormat('authenticator-extension').name;
const TYPES: Record<number, string> = { 1: 'totp', 2: 'hotp', 3: 'battle', 4: 'steam', 5: 'hex', 6: 'hhex' };
const ALGORITHMS: Record<number, string> = { 1: 'SHA1', 2: 'SHA256', 3: 'SHA512', 4: 'GOST3411_2012_256', 5: 'GOST3411_2012_512' };

const isEntry = (v: JsonRecord): boolean =>
  v.dataType === 'OTPStorage' || v.dataType === 'EncOTPStorage' || (v.dataType === undefined && typeof v.secret === 'string');
const isKey = (v: JsonRecord, name: string): boolean => v.dataType === 'Key' || (name === 'key' && 'enc' in v);
const isEncryptedEntry = (v: JsonRecord): boolean => v.dataType === 'EncOTPStorage' || v.encrypted === true;

function entries(json: unknown): JsonRecord[] | undefined {
  const v = asRecord(json);
  if (!v) return undefined;
  const values = Object.entries(v);
  if (!values.length || !values.every(([k, x]) => isRecord(x) && (isEntry(x) || isKey(x, k)))) return undefined;
  const list = values.map(([, x]) => x as JsonRecord).filter(isEntry);
  return list.length ? list : undefined;
}

function readEntry(e: JsonRecord): Result<AccountDraft> {
  if (isEncryptedEntry(e)) return fail('err_import_encrypted_unsupported', NAME);
  const rawType = e.type;
  let type = (typeof rawType === 'number' ? TYPES[rawType] : asString(rawType)?.toLowerCase()) ?? 'totp';
  let secretText = (asString(e.secret) ?? '').trim();
  if (/^bliz-|^blz-/i.test(secretText)) {
    type = 'battle';
    secretText = secretText.replace(/^bliz-|^blz-/i, '');
  } else if (/^stm-/i.test(secretText)) {
    type = 'steam';
    secretText = secretText.slice(4);
  }
  const compact = secretText.replace(/\s/g, '');
  const looksHex = !/^[a-z2-7]+=*$/i.test(compact) && /^[0-9a-f]+$/i.test(compact);
  if (type === 'totp' && looksHex) type = 'hex';
  if (type === 'hotp' && looksHex) type = 'hhex';
  const secret = type === 'hex' || type === 'hhex' ? secretFromHex(compact) : secretFromBase32(compact);
  if (!secret.ok) return secret;
  const algorithm = typeof e.algorithm === 'number' ? (ALGORITHMS[e.algorithm] ?? String(e.algorithm)) : asString(e.algorithm);
  const sesameType = type === 'hex' || type === 'battle' ? 'totp' : type === 'hhex' ? 'hotp' : type;
  return makeDraft({
    type: sesameType,
    secret: secret.value,
    issuer: asString(e.issuer),
    label: asString(e.account),
    algorithm,
    digits: asNumber(e.digits) ?? (type === 'battle' ? 8 : undefined),
    period: asNumber(e.period),
    counter: asNumber(e.counter),
    pinned: asBoolean(e.pinned),
  });
}

export const authenticatorExtensionImporter = jsonImporter('authenticator-extension', {
  recognise: entries,
  // A password-protected backup: every entry is encrypted (Argon2id + CryptoJS AES, not read here).
  unsupported: (json) => entries(json)?.every(isEncryptedEntry) ?? false,
  entries: (list): JsonEntries<JsonRecord> => ({
    list: [...list].sort((a, b) => (asNumber(a.index) ?? 0) - (asNumber(b.index) ?? 0)),
    read: readEntry,
    name: (e, i) => entryName(e.issuer, e.account, i),
  }),
});
