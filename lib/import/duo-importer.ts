import { fail } from '../result';
import { entryName } from './collect-drafts';
import { secretFromBase32 } from './decode-secret';
import { asArray, asNumber, asRecord, asString } from './json-fields';
import { jsonImporter } from './json-importer';
import { makeDraft } from './make-draft';

/**
 * Duo Mobile's third-party account list (`duokit/accounts.json`): an array of `{accountType:
 * "OtpAccount", name, otpGenerator: {otpSecret (Base32), counter?}}`. An entry with a counter is
 * HOTP, otherwise TOTP; both SHA1, 6 digits, 30 s. Duo Push accounts carry no OTP secret and
 * are skipped.
 */
export const duoImporter = jsonImporter('duo', {
  recognise: (json) => {
    const list = asArray(json);
    const first = asRecord(list?.[0]);
    return list && first && ('otpGenerator' in first || first.accountType !== undefined) ? list : undefined;
  },
  entries: (list) => ({
    list,
    read: (raw) => {
      const e = asRecord(raw);
      const generator = asRecord(e?.otpGenerator);
      if (!e || !generator) return fail('err_import_duo_no_secret');
      const secret = secretFromBase32(generator.otpSecret);
      if (!secret.ok) return secret;
      const counter = asNumber(generator.counter);
      return makeDraft({
        type: counter === undefined ? 'totp' : 'hotp',
        secret: secret.value,
        issuer: '',
        label: asString(e.name),
        counter,
      });
    },
    name: (raw, i) => entryName('', asRecord(raw)?.name, i),
  }),
});
