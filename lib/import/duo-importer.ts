import { fail, ok } from '../result';
import { collectDrafts, entryName } from './collect-drafts';
import { secretFromBase32 } from './decode-secret';
import type { Importer, ImportInput, ImportOutcome } from './import-types';
import { asArray, asNumber, asRecord, asString } from './json-fields';
import { makeDraft } from './make-draft';
import { readJson } from './read-json';

/**
 * Duo Mobile's third-party account list (`duokit/accounts.json`): an array of `{accountType:
 * "OtpAccount", name, otpGenerator: {otpSecret (Base32), counter?}}`. An entry with a counter is
 * HOTP, otherwise TOTP; both SHA1, 6 digits, 30 s. Duo Push accounts carry no OTP secret and
 * are skipped.
 */
const NAME = 'Duo Mobile';

function entries(json: unknown): readonly unknown[] | undefined {
  const list = asArray(json);
  const first = asRecord(list?.[0]);
  return list && first && isDuoEntry(first) ? list : undefined;
}

const isDuoEntry = (e: Record<string, unknown>): boolean => 'otpGenerator' in e || e.accountType !== undefined;

function detect(input: ImportInput): boolean {
  return entries(readJson(input)) !== undefined;
}

async function parse(input: ImportInput): Promise<ImportOutcome> {
  const list = entries(readJson(input));
  if (!list) return fail('err_import_corrupt', NAME);
  return ok(
    collectDrafts(
      list,
      (raw) => {
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
      (raw, i) => entryName('', asRecord(raw)?.name, i),
    ),
  );
}

export const duoImporter: Importer = { id: 'duo', name: NAME, detect, parse };
