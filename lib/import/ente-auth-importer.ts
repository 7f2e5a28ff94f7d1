import { fail, ok, type Result } from '../result';
import { importFormat } from './import-formats';
import type { FormatReader, ImportInput, ImportOutcome } from './import-types';
import { asBoolean, asRecord, asString, asStrings } from './json-fields';
import type { DraftFields } from './make-draft';
import { readJson } from './read-json';
import { importUriLines, startsWithOtpUri } from './uri-lines';

/**
 * Ente Auth plain text exports: `otpauth://` URIs, one a line, each with a `codeDisplay` query
 * parameter holding JSON `{pinned, trashed, tags[], note, ...}`. Pinned, tags and note are kept;
 * entries in Ente's trash are listed as skipped. Ente's encrypted export (JSON with
 * `kdfParams` and `encryptedData`, libsodium) is recognised but not decrypted.
 */
const NAME = importFormat('ente-auth').name;

function codeDisplay(uri: string): Result<Partial<DraftFields>> {
  const query = uri.slice(uri.indexOf('?') + 1);
  const raw = new URLSearchParams(query).get('codeDisplay');
  if (raw === null) return ok({});
  let display: ReturnType<typeof asRecord>;
  try {
    display = asRecord(JSON.parse(raw));
  } catch {
    return ok({});
  }
  if (!display) return ok({});
  if (display.trashed === true) return fail('err_import_ente_trashed');
  return ok({ pinned: asBoolean(display.pinned), tags: asStrings(display.tags), note: asString(display.note) });
}

function isEncryptedExport(input: ImportInput): boolean {
  const v = asRecord(readJson(input));
  return !!v && 'encryptedData' in v && 'kdfParams' in v;
}

export const enteAuthImporter: FormatReader = {
  detect: (input: ImportInput) =>
    isEncryptedExport(input) || (startsWithOtpUri(input.text) && /[?&]codeDisplay=/.test(input.text.slice(0, 65536))),
  parse: async (input: ImportInput): Promise<ImportOutcome> =>
    isEncryptedExport(input) ? fail('err_import_encrypted_unsupported', NAME) : ok(importUriLines(input.text, codeDisplay)),
};
