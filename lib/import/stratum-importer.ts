import { fail } from '../result';
import { entryName } from './collect-drafts';
import { secretFromBase32 } from './decode-secret';
import { asArray, asNumber, asRecord, asString, namesById } from './json-fields';
import { jsonImporter } from './json-importer';
import { makeDraft } from './make-draft';

/**
 * Stratum (formerly Authenticator Pro) plain JSON backups: `{Authenticators[], Categories[],
 * AuthenticatorCategories[]}`. `Type` 1 = HOTP, 2 = TOTP, 3 = mOTP, 4 = Steam, 5 = Yandex;
 * `Algorithm` 0/1/2 = SHA1/SHA256/SHA512. Categories become tags. (Encrypted Stratum backups are
 * binary and not read here.)
 */
const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 3: 'mOTP', 4: 'steam', 5: 'Yandex' };
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

export const stratumImporter = jsonImporter('stratum', {
  recognise: (json) => {
    const v = asRecord(json);
    return v && Array.isArray(v.Authenticators) ? v : undefined;
  },
  entries: (backup) => {
    const categoryNames = namesById(backup.Categories, 'Id', 'Name');
    const tagsBySecret = new Map<string, string[]>();
    for (const link of asArray(backup.AuthenticatorCategories) ?? []) {
      const secret = asString(asRecord(link)?.AuthenticatorSecret);
      const name = categoryNames.get(asString(asRecord(link)?.CategoryId) ?? '');
      if (secret && name) tagsBySecret.set(secret, [...(tagsBySecret.get(secret) ?? []), name]);
    }
    return {
      list: asArray(backup.Authenticators) ?? [],
      read: (raw) => {
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
      name: (raw, i) => entryName(asRecord(raw)?.Issuer, asRecord(raw)?.Username, i),
    };
  },
});
