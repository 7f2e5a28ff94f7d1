import { fail, ok, type Result } from '../result';
import { aesGcmDecrypt } from './aes-gcm-decrypt';
import { collectDrafts, entryName } from './collect-drafts';
import { bytesFromBase64, secretFromBase32 } from './decode-secret';
import type { ImportedAccounts, Importer, ImportInput, ImportOutcome } from './import-types';
import { needsPassword } from './import-types';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from './json-fields';
import { makeDraft } from './make-draft';
import { readJson } from './read-json';
import { checkKdfBudget } from './kdf-budget';

/**
 * 2FAS Authenticator backups (`.2fas`, schemas 1-4): `{schemaVersion, services[], groups[]}`.
 * Schema 1 has no algorithm/digits/period (TOTP SHA1/6/30); schema 2 adds them but no token type
 * (so every entry is TOTP); schema 3 adds `tokenType` (TOTP/HOTP/STEAM) and `counter`; schema 4
 * adds `otp.link`. An encrypted backup has `servicesEncrypted` =
 * `base64(ciphertext+tag):base64(salt):base64(iv)`, key = PBKDF2-HMAC-SHA256(password, salt,
 * 10,000 iterations, 256 bits) (RFC 8018 §5.2), cipher AES-256-GCM; the plaintext is the JSON
 * `services` array.
 */
const NAME = '2FAS';
const PBKDF2_ITERATIONS = 10_000;

function readBackup(json: unknown): JsonRecord | undefined {
  const v = asRecord(json);
  if (!v || asNumber(v.schemaVersion) === undefined || !Array.isArray(v.services)) return undefined;
  return v;
}

function detect(input: ImportInput): boolean | 'encrypted' {
  const backup = readBackup(readJson(input));
  if (!backup) return false;
  return typeof backup.servicesEncrypted === 'string' ? 'encrypted' : true;
}

async function pbkdf2Sha256(password: string, salt: Uint8Array): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: PBKDF2_ITERATIONS },
    base,
    256,
  );
  return new Uint8Array(bits);
}

async function decryptServices(blob: string, password: string): Promise<Result<unknown>> {
  const [data, salt, iv, ...rest] = blob.split(':').map(bytesFromBase64);
  if (!data?.ok || !salt?.ok || !iv?.ok || rest.length) return fail('err_import_corrupt', NAME);
  const budget = checkKdfBudget([{ kind: 'pbkdf2-sha256', iterations: PBKDF2_ITERATIONS }], NAME);
  if (!budget.ok) return budget;
  const key = await pbkdf2Sha256(password, salt.value);
  const plain = await aesGcmDecrypt(key, iv.value, data.value);
  if (!plain) return fail('err_import_wrong_password', NAME);
  try {
    return ok(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)));
  } catch {
    return fail('err_import_corrupt', NAME);
  }
}

function readServices(services: readonly unknown[], schema: number, groupsJson: unknown): ImportedAccounts {
  const groups = new Map<string, string>();
  for (const g of asArray(groupsJson) ?? []) {
    const id = asString(asRecord(g)?.id);
    const name = asString(asRecord(g)?.name);
    if (id && name) groups.set(id, name);
  }
  const position = (s: unknown): number => asNumber(asRecord(asRecord(s)?.order)?.position) ?? Number.MAX_SAFE_INTEGER;
  const ordered = services.map((s, i) => ({ s, i })).sort((a, b) => position(a.s) - position(b.s) || a.i - b.i).map((x) => x.s);
  return collectDrafts(
    ordered,
    (raw) => {
      const s = asRecord(raw);
      if (!s) return fail('err_import_entry_unreadable');
      const otp = asRecord(s.otp) ?? {};
      const secret = secretFromBase32(s.secret);
      if (!secret.ok) return secret;
      const type = schema >= 3 ? (asString(otp.tokenType) ?? 'TOTP') : 'TOTP';
      const groupId = asString(s.groupId);
      const group = groupId ? groups.get(groupId) : undefined;
      return makeDraft({
        type,
        secret: secret.value,
        issuer: asString(s.name) || asString(otp.issuer),
        label: asString(otp.account) ?? asString(otp.label),
        algorithm: schema >= 2 ? asString(otp.algorithm) : undefined,
        digits: schema >= 2 ? asNumber(otp.digits) : undefined,
        period: schema >= 2 ? asNumber(otp.period) : undefined,
        counter: asNumber(otp.counter),
        tags: group ? [group] : [],
      });
    },
    (raw, i) => entryName(asRecord(raw)?.name, asRecord(asRecord(raw)?.otp)?.account, i),
  );
}

async function parse(input: ImportInput, password?: string): Promise<ImportOutcome> {
  const backup = readBackup(readJson(input));
  if (!backup) return fail('err_import_corrupt', NAME);
  const schema = asNumber(backup.schemaVersion) ?? 1;
  const blob = asString(backup.servicesEncrypted);
  if (blob === undefined) return ok(readServices(asArray(backup.services) ?? [], schema, backup.groups));
  if (password === undefined) return needsPassword();
  const services = await decryptServices(blob, password);
  if (!services.ok) return services;
  const list = asArray(services.value);
  return list ? ok(readServices(list, schema, backup.groups)) : fail('err_import_corrupt', NAME);
}

export const twofasImporter: Importer = { id: '2fas', name: NAME, detect, parse };
