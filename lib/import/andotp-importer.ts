import { fail, ok } from '../result';
import { collectDrafts, entryName } from './collect-drafts';
import { secretFromBase32 } from './decode-secret';
import type { Importer, ImportInput, ImportOutcome } from './import-types';
import { asArray, asNumber, asRecord, asString, asStrings } from './json-fields';
import { makeDraft } from './make-draft';
import { readJson } from './read-json';

/**
 * andOTP plain JSON backups: an array of `{secret (Base32, padded), issuer, label, digits, type:
 * TOTP|HOTP|STEAM, algorithm, period, counter, tags[]}`. Old versions had no `issuer` and wrote
 * `issuer:label` into `label`. (Encrypted andOTP backups are binary and not read here.)
 */
const NAME = 'andOTP';

function entries(json: unknown): readonly unknown[] | undefined {
  const list = asArray(json);
  const first = asRecord(list?.[0]);
  if (!list || !first || typeof first.secret !== 'string' || typeof first.type !== 'string') return undefined;
  return list;
}

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
      (raw, i) => entryName(asRecord(raw)?.issuer, asRecord(raw)?.label, i),
    ),
  );
}

export const andOtpImporter: Importer = { id: 'andotp', name: NAME, detect, parse };
