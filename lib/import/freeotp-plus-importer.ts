import { fail, ok } from '../result';
import { collectDrafts, entryName } from './collect-drafts';
import { bytesFromSignedArray } from './decode-secret';
import type { Importer, ImportInput, ImportOutcome } from './import-types';
import { asArray, asNumber, asRecord, asString, type JsonRecord } from './json-fields';
import { makeDraft } from './make-draft';
import { readJson } from './read-json';

/**
 * FreeOTP+ JSON exports: `{tokenOrder[], tokens[{type, algo, digits, period, counter, issuerExt,
 * issuerInt, label, secret: [signed bytes]}]}`. FreeOTP's HOTP `counter` is the counter of the
 * next code it will show, which is what Sesame stores too, so it is kept as is.
 */
const NAME = 'FreeOTP+';

function readBackup(json: unknown): JsonRecord | undefined {
  const v = asRecord(json);
  const first = asRecord(asArray(v?.tokens)?.[0]);
  return v && Array.isArray(v.tokens) && (!first || Array.isArray(first.secret)) ? v : undefined;
}

function detect(input: ImportInput): boolean {
  const backup = readBackup(readJson(input));
  return backup !== undefined && (Array.isArray(backup.tokenOrder) || (asArray(backup.tokens)?.length ?? 0) > 0);
}

async function parse(input: ImportInput): Promise<ImportOutcome> {
  const backup = readBackup(readJson(input));
  if (!backup) return fail('err_import_corrupt', NAME);
  return ok(
    collectDrafts(
      asArray(backup.tokens) ?? [],
      (raw) => {
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
      (raw, i) => entryName(asRecord(raw)?.issuerExt, asRecord(raw)?.label, i),
    ),
  );
}

export const freeOtpPlusImporter: Importer = { id: 'freeotp-plus', name: NAME, detect, parse };
