import { fail, ok } from '../result';
import { collectDrafts, entryName } from './collect-drafts';
import { secretFromBase32 } from './decode-secret';
import type { Importer, ImportInput, ImportOutcome } from './import-types';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from './json-fields';
import { makeDraft } from './make-draft';
import { readJson } from './read-json';

/**
 * Stratum (formerly Authenticator Pro) plain JSON backups: `{Authenticators[], Categories[],
 * AuthenticatorCategories[]}`. `Type` 1 = HOTP, 2 = TOTP, 3 = mOTP, 4 = Steam, 5 = Yandex;
 * `Algorithm` 0/1/2 = SHA1/SHA256/SHA512. Categories become tags. (Encrypted Stratum backups are
 * binary and not read here.)
 */
const NAME = 'Stratum';
const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 3: 'mOTP', 4: 'steam', 5: 'Yandex' };
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

function readBackup(json: unknown): JsonRecord | undefined {
  const v = asRecord(json);
  return v && Array.isArray(v.Authenticators) ? v : undefined;
}

function detect(input: ImportInput): boolean {
  return readBackup(readJson(input)) !== undefined;
}

async function parse(input: ImportInput): Promise<ImportOutcome> {
  const backup = readBackup(readJson(input));
  if (!backup) return fail('err_import_corrupt', NAME);
  const categoryNames = new Map<string, string>();
  for (const c of asArray(backup.Categories) ?? []) {
    const id = asString(asRecord(c)?.Id);
    const name = asString(asRecord(c)?.Name);
    if (id && name) categoryNames.set(id, name);
  }
  const tagsBySecret = new Map<string, string[]>();
  for (const link of asArray(backup.AuthenticatorCategories) ?? []) {
    const secret = asString(asRecord(link)?.AuthenticatorSecret);
    const name = categoryNames.get(asString(asRecord(link)?.CategoryId) ?? '');
    if (secret && name) tagsBySecret.set(secret, [...(tagsBySecret.get(secret) ?? []), name]);
  }
  return ok(
    collectDrafts(
      asArray(backup.Authenticators) ?? [],
      (raw) => {
        const e = asRecord(raw);
        if (!e) return fail('err_import_entry_unreadable');
        const secret = secretFromBase32(e.Secret);
        if (!secret.ok) return secret;
        const typeNumber = asNumber(e.Type) ?? -1;
        const algorithmNumber = asNumber(e.Algorithm) ?? 0;
        return makeDraft({
          type: TYPES[typeNumber] ?? String(typeNumber),
          secret: secret.value,
          issuer: asString(e.Issuer),
          label: asString(e.Username) ?? '',
          algorithm: ALGORITHMS[algorithmNumber] ?? String(algorithmNumber),
          digits: asNumber(e.Digits),
          period: asNumber(e.Period),
          counter: asNumber(e.Counter),
          tags: tagsBySecret.get(asString(e.Secret) ?? '') ?? [],
        });
      },
      (raw, i) => entryName(asRecord(raw)?.Issuer, asRecord(raw)?.Username, i),
    ),
  );
}

export const stratumImporter: Importer = { id: 'stratum', name: NAME, detect, parse };
