import { fail } from '../result';
import { entryName } from './collect-drafts';
import { secretFromBase32 } from './decode-secret';
import { asArray, asNumber, asRecord, asString, asStrings } from './json-fields';
import { jsonImporter } from './json-importer';
import { makeDraft } from './make-draft';

/**
 * andOTP plain JSON backups: an array of `{secret (Base32, padded), issuer, label, digits, type:
 * TOTP|HOTP|STEAM, algorithm, period, counter, tags[]}`. Old versions had no `issuer` and wrote
 * `issuer:label` into `label`. (Encrypted andOTP backups are binary and not read here.)
 */
export const andOtpImporter = jsonImporter('andotp', {
  recognise: (json) => {
    const list = asArray(json);
    const first = asRecord(list?.[0]);
    return list && first && typeof first.secret === 'string' && typeof first.type === 'string' ? list : undefined;
  },
  entries: (list) => ({
    list,
    read: (raw) => {
      const e = asRecord(raw);
      if (!e) return fail('err_import_entry_unreadable');
      const secret = secretFromBase32(e.secret);
      if (!secret.ok) return secret;
      let issuer = asString(e.issuer);
      let label = asString(e.label) ?? '';
      if (issuer === undefined && label.includes(':')) {
        issuer = label.slice(0, label.indexOf(':')).trim();
        label = label.slice(label.indexOf(':') + 1).trim();
      }
      return makeDraft({
        type: asString(e.type) ?? '',
        secret: secret.value,
        issuer,
        label,
        algorithm: asString(e.algorithm),
        digits: asNumber(e.digits),
        period: asNumber(e.period),
        counter: asNumber(e.counter),
        tags: asStrings(e.tags),
      });
    },
    name: (raw, i) => entryName(asRecord(raw)?.issuer, asRecord(raw)?.label, i),
  }),
});
