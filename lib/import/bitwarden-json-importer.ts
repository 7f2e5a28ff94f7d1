import { fail, ok } from '../result';
import { draftFromTotpField, sitesFromUris } from './bitwarden-totp-field';
import { collectDrafts, entryName } from './collect-drafts';
import type { Importer, ImportInput, ImportOutcome } from './import-types';
import { asArray, asBoolean, asRecord, asString, type JsonRecord } from './json-fields';
import { readJson } from './read-json';

/**
 * Bitwarden (and Vaultwarden) unencrypted JSON exports: `{encrypted: false, folders[{id, name}],
 * items[{name, notes, favorite, folderId, login: {username, uris[{uri}], totp}}]}`. Only items
 * with a TOTP field are imported; the folder becomes a tag, favourite becomes pinned and the
 * login URIs' hosts become sites. Encrypted exports are recognised but not decrypted.
 */
const NAME = 'Bitwarden';

function readBackup(json: unknown): JsonRecord | undefined {
  const v = asRecord(json);
  return v && Array.isArray(v.items) && typeof v.encrypted === 'boolean' ? v : undefined;
}

const isEncrypted = (json: unknown): boolean => {
  const v = asRecord(json);
  return !!v && v.encrypted === true;
};

async function parse(input: ImportInput): Promise<ImportOutcome> {
  const json = readJson(input);
  if (isEncrypted(json)) return fail('err_import_encrypted_unsupported', NAME);
  const backup = readBackup(json);
  if (!backup) return fail('err_import_corrupt', NAME);
  const folders = new Map<string, string>();
  for (const f of asArray(backup.folders) ?? []) {
    const id = asString(asRecord(f)?.id);
    const name = asString(asRecord(f)?.name);
    if (id && name) folders.set(id, name);
  }
  const withTotp = (asArray(backup.items) ?? []).filter((item) => asString(asRecord(asRecord(item)?.login)?.totp));
  return ok(
    collectDrafts(
      withTotp,
      (raw) => {
        const item = asRecord(raw) ?? {};
        const login = asRecord(item.login) ?? {};
        const folder = folders.get(asString(item.folderId) ?? '');
        const uris = (asArray(login.uris) ?? []).map((u) => asString(asRecord(u)?.uri) ?? '').filter(Boolean);
        return draftFromTotpField(asString(login.totp) ?? '', {
          issuer: asString(item.name),
          label: asString(login.username),
          note: asString(item.notes),
          pinned: asBoolean(item.favorite),
          tags: folder ? [folder] : [],
          sites: sitesFromUris(uris),
        });
      },
      (raw, i) => entryName(asRecord(raw)?.name, asRecord(asRecord(raw)?.login)?.username, i),
    ),
  );
}

export const bitwardenJsonImporter: Importer = {
  id: 'bitwarden-json',
  name: NAME,
  detect: (input) => {
    const json = readJson(input);
    return readBackup(json) !== undefined || (isEncrypted(json) && ('items' in (asRecord(json) ?? {}) || 'data' in (asRecord(json) ?? {})));
  },
  parse,
};
