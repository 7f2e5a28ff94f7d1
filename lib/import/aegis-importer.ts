import { scryptAsync } from '@noble/hashes/scrypt.js';
import { splitRecoveryCodes } from '../export/recovery-codes-note';
import { fail, ok, type Result } from '../result';
import { aesGcmDecrypt, concatBytes } from './aes-gcm-decrypt';
import { entryName } from './collect-drafts';
import { bytesFromBase64, secretFromBase32, secretFromHex } from './decode-secret';
import { asArray, asBoolean, asNumber, asRecord, asString, asStrings, isRecord, namesById, type JsonRecord } from './json-fields';
import { jsonImporter, type JsonEntries } from './json-importer';
import { makeDraft } from './make-draft';
import { checkKdfBudget, MAX_PASSWORD_SLOTS } from './kdf-budget';

/**
 * Aegis Authenticator vaults (beemdevelopment/Aegis, docs/vault.md): `{version: 1, header:
 * {slots, params}, db}`. In a plain export `db` is the object `{version, entries, groups}`; in an
 * encrypted one it is base64 AES-256-GCM ciphertext under a random master key, and each password
 * slot holds that key wrapped with AES-256-GCM under scrypt(password, salt, N, r, p).
 * Entry groups are read from db v3 (`groups: [uuid]` + `db.groups`) and db v2 (`group: name`).
 */

/**
 * Refuse scrypt costs no real vault uses (Aegis writes N=2^15, r=8, p=1: 32 MiB), so a file cannot
 * make the browser allocate gigabytes or spin for minutes. scrypt needs 128·N·r bytes (RFC 7914 §6).
 */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const MAX_SCRYPT_P = 4;

/** A vault: its header, and its `db`, base64 ciphertext while encrypted. */
interface Vault {
  readonly header: JsonRecord;
  readonly db: unknown;
}

function readVault(json: unknown): Vault | undefined {
  const v = asRecord(json);
  const header = asRecord(v?.header);
  if (!v || !header || asNumber(v.version) === undefined || !('db' in v)) return undefined;
  const db = v.db;
  return typeof db === 'string' || (isRecord(db) && Array.isArray(db.entries)) ? { header, db } : undefined;
}

interface PasswordSlot {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Uint8Array;
  readonly key: Uint8Array;
  readonly nonce: Uint8Array;
  readonly tag: Uint8Array;
}

/** The password slots (type 1) whose fields read and whose scrypt cost is sane, in file order. */
function passwordSlots(slots: readonly unknown[]): PasswordSlot[] {
  const found: PasswordSlot[] = [];
  for (const raw of slots) {
    const slot = asRecord(raw);
    if (!slot || asNumber(slot.type) !== 1) continue;
    const params = asRecord(slot.key_params);
    const N = asNumber(slot.n);
    const r = asNumber(slot.r);
    const p = asNumber(slot.p);
    const salt = secretFromHex(slot.salt);
    const key = secretFromHex(slot.key);
    const nonce = secretFromHex(params?.nonce);
    const tag = secretFromHex(params?.tag);
    if (!salt.ok || !key.ok || !nonce.ok || !tag.ok || N === undefined || r === undefined || p === undefined) continue;
    const sane =
      N >= 2 && Number.isInteger(Math.log2(N)) && Number.isInteger(r) && r >= 1 && Number.isInteger(p) && p >= 1 && p <= MAX_SCRYPT_P;
    if (!sane || 128 * N * r > MAX_SCRYPT_MEMORY) continue;
    found.push({ N, r, p, salt: salt.value, key: key.value, nonce: nonce.value, tag: tag.value });
  }
  return found;
}

async function unwrapMasterKey(slots: readonly unknown[], password: string): Promise<Result<Uint8Array>> {
  // At most MAX_PASSWORD_SLOTS are tried, and only if their work together is within the budget:
  // refused before any derivation starts.
  const tried = passwordSlots(slots).slice(0, MAX_PASSWORD_SLOTS);
  if (!tried.length) return fail('err_import_aegis_no_password_slot');
  const budget = checkKdfBudget(
    tried.map(({ N, r, p }) => ({ kind: 'scrypt', N, r, p })),
    'Aegis',
  );
  if (!budget.ok) return budget;
  for (const slot of tried) {
    const derived = await scryptAsync(password, slot.salt, {
      N: slot.N,
      r: slot.r,
      p: slot.p,
      dkLen: 32,
      maxmem: MAX_SCRYPT_MEMORY + 4096,
    });
    const master = await aesGcmDecrypt(derived, slot.nonce, concatBytes(slot.key, slot.tag));
    if (master) return ok(master);
  }
  return fail('err_import_wrong_password', 'Aegis');
}

/** The vault with its `db` decrypted: the master key from a password slot, then the db under it. */
async function decryptDb({ header, db }: Vault, password: string): Promise<Result<Vault>> {
  const master = await unwrapMasterKey(asArray(header.slots) ?? [], password);
  if (!master.ok) return master;
  const params = asRecord(header.params);
  const nonce = secretFromHex(params?.nonce);
  const tag = secretFromHex(params?.tag);
  const body = bytesFromBase64(db);
  if (!nonce.ok || !tag.ok || !body.ok) return fail('err_import_corrupt', 'Aegis');
  const plain = await aesGcmDecrypt(master.value, nonce.value, concatBytes(body.value, tag.value));
  if (!plain) return fail('err_import_corrupt', 'Aegis');
  try {
    return ok({ header, db: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) });
  } catch {
    return fail('err_import_corrupt', 'Aegis');
  }
}

/** The entries of a vault's plain or decrypted `db` object, with its groups as tags. */
function dbEntries(db: unknown): JsonEntries<unknown> | undefined {
  const entries = asArray(asRecord(db)?.entries);
  if (!entries) return undefined;
  const groupNames = namesById(asRecord(db)?.groups, 'uuid', 'name');
  return {
    list: entries,
    read: (raw) => {
      const e = asRecord(raw);
      const info = asRecord(e?.info);
      if (!e || !info) return fail('err_import_entry_unreadable');
      const secret = secretFromBase32(info.secret);
      if (!secret.ok) return secret;
      const tags = asStrings(e.groups).map((id) => groupNames.get(id) ?? '');
      const group = asString(e.group);
      if (group) tags.push(group);
      const { note, recoveryCodes } = splitRecoveryCodes(asString(e.note) ?? '');
      return makeDraft({
        type: asString(e.type) ?? '',
        secret: secret.value,
        issuer: asString(e.issuer),
        label: asString(e.name),
        algorithm: asString(info.algo),
        digits: asNumber(info.digits),
        period: asNumber(info.period),
        counter: asNumber(info.counter),
        note,
        recoveryCodes,
        tags,
        pinned: asBoolean(e.favorite),
      });
    },
    name: (raw, i) => entryName(asRecord(raw)?.issuer, asRecord(raw)?.name, i),
  };
}

export const aegisImporter = jsonImporter('aegis', {
  recognise: readVault,
  encrypted: { is: (vault) => typeof vault.db === 'string', open: decryptDb },
  entries: (vault) => dbEntries(vault.db),
});
