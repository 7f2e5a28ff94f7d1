import { parseOtpauthUri } from '../otp/parse-otpauth-uri';
import { fail } from '../result';
import { entryName } from './collect-drafts';
import { IMPORT_LIMITS } from './import-limits';
import { asArray, asRecord, asString } from './json-fields';
import { jsonImporter } from './json-importer';
import { redraft } from './redraft';

/**
 * Proton Authenticator JSON exports: `{version, entries[{id, content: {uri, entry_type, name},
 * note}]}` where `uri` is an `otpauth://` URI. Its encrypted export (`{version, salt, content}`)
 * is recognised but not decrypted.
 */
export const protonAuthenticatorImporter = jsonImporter('proton-authenticator', {
  recognise: (json) => {
    const entries = asArray(asRecord(json)?.entries);
    const first = asRecord(entries?.[0]);
    return entries && (!first || 'content' in first) ? entries : undefined;
  },
  unsupported: (json) => {
    const v = asRecord(json);
    return !!v && typeof v.salt === 'string' && typeof v.content === 'string' && typeof v.version === 'number';
  },
  entries: (entries) => ({
    list: entries,
    read: (raw) => {
      const e = asRecord(raw);
      const uri = asString(asRecord(e?.content)?.uri);
      if (!e || uri === undefined) return fail('err_import_entry_unreadable');
      if (uri.length > IMPORT_LIMITS.maxUriChars) return fail('err_import_field_too_long', IMPORT_LIMITS.maxUriChars);
      const parsed = parseOtpauthUri(uri);
      return parsed.ok ? redraft(parsed.value, { note: asString(e.note) }) : parsed;
    },
    name: (raw, i) => entryName('', asRecord(asRecord(raw)?.content)?.name, i),
  }),
});
