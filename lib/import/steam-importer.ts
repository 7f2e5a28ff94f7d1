import { fail } from '../result';
import { entryName } from './collect-drafts';
import { bytesFromBase64 } from './decode-secret';
import { asRecord, asString, isRecord } from './json-fields';
import { jsonImporter } from './json-importer';
import { makeDraft } from './make-draft';

/**
 * Steam Desktop Authenticator `.maFile`s (one account: `{shared_secret (base64), account_name,
 * revocation_code, ...}`) and exports holding several (`{accounts: {<id>: <maFile>}}`).
 * Accounts become Steam accounts with issuer "Steam"; the revocation code is kept as a recovery code.
 */
const isMaFile = (v: unknown): boolean => isRecord(v) && typeof v.shared_secret === 'string';

export const steamImporter = jsonImporter('steam', {
  recognise: (json): readonly unknown[] | undefined => {
    if (isMaFile(json)) return [json];
    const accounts = asRecord(asRecord(json)?.accounts);
    const list = accounts ? Object.values(accounts) : [];
    return list.length && list.some(isMaFile) ? list : undefined;
  },
  entries: (list) => ({
    list,
    read: (raw) => {
      const a = asRecord(raw);
      if (!a) return fail('err_import_entry_unreadable');
      const secret = bytesFromBase64(a.shared_secret);
      if (!secret.ok) return secret;
      const revocation = asString(a.revocation_code);
      return makeDraft({
        type: 'steam',
        secret: secret.value,
        issuer: 'Steam',
        label: asString(a.account_name),
        recoveryCodes: revocation ? [{ code: revocation, used: false }] : [],
      });
    },
    name: (raw, i) => entryName('Steam', asRecord(raw)?.account_name, i),
  }),
});
