import { fail, ok, type Result } from '../result';
import { aesGcmDecrypt } from './aes-gcm-decrypt';
import { entryName } from './collect-drafts';
import { bytesFromBase64, secretFromBase32 } from './decode-secret';
import { importFormat } from './import-formats';
import { asArray, asNumber, asRecord, asString, namesById } from './json-fields';
import { jsonImporter, type JsonEntries } from './json-importer';
import { makeDraft } from './make-draft';
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
const NAME = importFormat('2fas').name;
const PBKDF2_ITERATIONS = 10_000;

interface Backup {
  readonly schema: number;
  readonly services: readonly unknown[];
  /** `servicesEncrypted`, until it is decrypted into `services`. */
  readonly encrypted?: string | undefined;
  readonly groups: unknown;
}

function readBackup(json: unknown): Backup | undefined {
  const v = asRecord(json);
  const schema = asNumber(v?.schemaVersion);
  const services = asArray(v?.services);
  if (!v || schema === undefined || !services) return undefined;
  return { schema, services, encrypted: asString(v.servicesEncrypted), groups: v.groups };
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

/** The backup with its services decrypted (the JSON `services` array). */
async function openBackup(backup: Backup, password: string): Promise<Result<Backup>> {
  const services = await decryptServices(backup.encrypted ?? '', password);
  if (!services.ok) return services;
  const list = asArray(services.value);
  return list ? ok({ ...backup, services: list, encrypted: undefined }) : fail('err_import_corrupt', NAME);
}

function serviceEntries({ schema, services, groups: groupsJson }: Backup): JsonEntries<unknown> {
  const groups = namesById(groupsJson, 'id', 'name');
  const position = (s: unknown): number => asNumber(asRecord(asRecord(s)?.order)?.position) ?? Number.MAX_SAFE_INTEGER;
  const ordered = services
    .map((s, i) => ({ s, i }))
    .sort((a, b) => position(a.s) - position(b.s) || a.i - b.i)
    .map((x) => x.s);
  return {
    list: ordered,
    read: (raw) => {
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
    name: (raw, i) => entryName(asRecord(raw)?.name, asRecord(asRecord(raw)?.otp)?.account, i),
  };
}

export const twofasImporter = jsonImporter('2fas', {
  recognise: readBackup,
  encrypted: { is: (backup) => backup.encrypted !== undefined, open: openBackup },
  entries: serviceEntries,
});
