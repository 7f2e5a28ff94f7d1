import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { fail, ok } from '../result';
import { collectDrafts, entryName } from './collect-drafts';
import { IMPORT_LIMITS } from './import-limits';
import type { Importer, ImportInput, ImportOutcome } from './import-types';
import { asArray, asRecord, asString, type JsonRecord } from './json-fields';
import { readJson } from './read-json';
import { redraft } from './redraft';

/**
 * Proton Authenticator JSON exports: `{version, entries[{id, content: {uri, entry_type, name},
 * note}]}` where `uri` is an `otpauth://` URI. Its encrypted export (`{version, salt, content}`)
 * is recognised but not decrypted.
 */
const NAME = 'Proton Authenticator';

function readBackup(json: unknown): JsonRecord | undefined {
  const v = asRecord(json);
  const first = asRecord(asArray(v?.entries)?.[0]);
  return v && Array.isArray(v.entries) && (!first || 'content' in first) ? v : undefined;
}

const isEncrypted = (json: unknown): boolean => {
  const v = asRecord(json);
  return !!v && typeof v.salt === 'string' && typeof v.content === 'string' && typeof v.version === 'number';
};

async function parse(input: ImportInput): Promise<ImportOutcome> {
  const json = readJson(input);
  if (isEncrypted(json)) return fail('err_import_encrypted_unsupported', NAME);
  const backup = readBackup(json);
  if (!backup) return fail('err_import_corrupt', NAME);
  return ok(
    collectDrafts(
      asArray(backup.entries) ?? [],
      (raw) => {
        const e = asRecord(raw);
        const uri = asString(asRecord(e?.content)?.uri);
        if (!e || uri === undefined) return fail('err_import_entry_unreadable');
        if (uri.length > IMPORT_LIMITS.maxUriChars) return fail('err_import_field_too_long', IMPORT_LIMITS.maxUriChars);
        const parsed = parseOtpauthUri(uri);
        return parsed.ok ? redraft(parsed.value, { note: asString(e.note) }) : parsed;
      },
      (raw, i) => entryName('', asRecord(asRecord(raw)?.content)?.name, i),
    ),
  );
}

export const protonAuthenticatorImporter: Importer = {
  id: 'proton-authenticator',
  name: NAME,
  detect: (input) => {
    const json = readJson(input);
    return readBackup(json) !== undefined || isEncrypted(json);
  },
  parse,
};
