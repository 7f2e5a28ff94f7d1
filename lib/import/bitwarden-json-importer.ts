import { draftFromTotpField, sitesFromUris } from './bitwarden-totp-field';
import { entryName } from './collect-drafts';
import { asArray, asBoolean, asRecord, asString, namesById } from './json-fields';
import { jsonImporter } from './json-importer';

/**
 * Bitwarden (and Vaultwarden) unencrypted JSON exports: `{encrypted: false, folders[{id, name}],
 * items[{name, notes, favorite, folderId, login: {username, uris[{uri}], totp}}]}`. Only items
 * with a TOTP field are imported; the folder becomes a tag, favourite becomes pinned and the
 * login URIs' hosts become sites. Encrypted exports are recognised but not decrypted.
 */
export const bitwardenJsonImporter = jsonImporter('bitwarden-json', {
  recognise: (json) => {
    const v = asRecord(json);
    return v && Array.isArray(v.items) && typeof v.encrypted === 'boolean' ? v : undefined;
  },
  unsupported: (json) => {
    const v = asRecord(json);
    return !!v && v.encrypted === true && ('items' in v || 'data' in v);
  },
  entries: (backup) => {
    const folders = namesById(backup.folders, 'id', 'name');
    return {
      list: (asArray(backup.items) ?? []).filter((item) => asString(asRecord(asRecord(item)?.login)?.totp)),
      read: (raw) => {
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
      name: (raw, i) => entryName(asRecord(raw)?.name, asRecord(asRecord(raw)?.login)?.username, i),
    };
  },
});
