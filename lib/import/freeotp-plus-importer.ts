import { fail } from '../result';
import { entryName } from './collect-drafts';
import { bytesFromSignedArray } from './decode-secret';
import { asArray, asNumber, asRecord, asString } from './json-fields';
import { jsonImporter } from './json-importer';
import { makeDraft } from './make-draft';

/**
 * FreeOTP+ JSON exports: `{tokenOrder[], tokens[{type, algo, digits, period, counter, issuerExt,
 * issuerInt, label, secret: [signed bytes]}]}`. FreeOTP's HOTP `counter` is the counter of the
 * next code it will show, which is what Sesame stores too, so it is kept as is.
 */
export const freeOtpPlusImporter = jsonImporter('freeotp-plus', {
  recognise: (json) => {
    const v = asRecord(json);
    const tokens = asArray(v?.tokens);
    const first = asRecord(tokens?.[0]);
    const shaped = tokens && (!first || Array.isArray(first.secret));
    return shaped && (Array.isArray(v?.tokenOrder) || tokens.length > 0) ? tokens : undefined;
  },
  entries: (tokens) => ({
    list: tokens,
    read: (raw) => {
      const t = asRecord(raw);
      if (!t) return fail('err_import_entry_unreadable');
      const secret = bytesFromSignedArray(t.secret);
      if (!secret.ok) return secret;
      return makeDraft({
        type: asString(t.type) ?? 'TOTP',
        secret: secret.value,
        issuer: asString(t.issuerExt) || asString(t.issuerInt),
        label: asString(t.label),
        algorithm: asString(t.algo),
        digits: asNumber(t.digits),
        period: asNumber(t.period),
        counter: asNumber(t.counter),
      });
    },
    name: (raw, i) => entryName(asRecord(raw)?.issuerExt, asRecord(raw)?.label, i),
  }),
});
