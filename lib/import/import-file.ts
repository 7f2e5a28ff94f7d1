import { IMPORT_LIMITS } from './import-limits';
import type { ImportFileOutcome, Importer, ImportFormat, ImportInput, ImportOutcome } from './import-types';
import { jsonDepthExceeds } from './json-depth';
import { IMPORTERS } from './registry';

const formatOf = (i: Importer): ImportFormat => ({ id: i.id, name: i.name });

function detectSafely(importer: Importer, input: ImportInput): boolean | 'encrypted' {
  try {
    return importer.detect(input);
  } catch {
    return false;
  }
}

/** Whether an importer's answer has the promised shape (guards against a buggy importer). */
function isOutcome(o: unknown): o is ImportOutcome {
  if (typeof o !== 'object' || o === null) return false;
  const r = o as Record<string, unknown>;
  if (r.needsPassword === true) return true;
  if (r.ok === false) return typeof (r.problem as { code?: unknown } | undefined)?.code === 'string';
  const v = r.value as Record<string, unknown> | undefined;
  return r.ok === true && !!v && Array.isArray(v.accounts) && Array.isArray(v.skipped);
}

/**
 * Reads another authenticator's export (or Sesame's own backup): recognises the format from the
 * content, refuses input that is too large or nests too deeply, and reads it with the matching
 * importer from the registry. Never throws or rejects: every failure, including a bug in an
 * importer, is a Problem. Without `password`, an encrypted file answers `needsPassword`; a wrong
 * password answers `err_import_wrong_password` (or the backup module's own wrong-password code).
 */
export async function importFile(
  input: ImportInput,
  password?: string,
  importers: readonly Importer[] = IMPORTERS,
): Promise<ImportFileOutcome> {
  try {
    const maxMb = String(IMPORT_LIMITS.maxFileBytes / 1024 / 1024);
    if (input.bytes.length > IMPORT_LIMITS.maxFileBytes || input.text.length > IMPORT_LIMITS.maxFileBytes) {
      return { ok: false, problem: { code: 'err_import_too_large', params: [maxMb] } };
    }
    const head = input.text.trimStart().replace(/^\uFEFF/, '');
    if ((head.startsWith('{') || head.startsWith('[')) && jsonDepthExceeds(input.text, IMPORT_LIMITS.maxJsonDepth)) {
      return { ok: false, problem: { code: 'err_import_too_deep' } };
    }
    for (const importer of importers) {
      const detected = detectSafely(importer, input);
      if (!detected) continue;
      const format = formatOf(importer);
      if (detected === 'encrypted' && password === undefined) return { needsPassword: true, format };
      let outcome: unknown;
      try {
        outcome = await importer.parse(input, password);
      } catch {
        outcome = undefined;
      }
      if (!isOutcome(outcome)) return { ok: false, problem: { code: 'err_import_failed', params: [importer.name] }, format };
      if ('needsPassword' in outcome) return { needsPassword: true, format };
      if (!outcome.ok) return { ok: false, problem: outcome.problem, format };
      const { accounts, skipped } = outcome.value;
      if (!accounts.length && !skipped.length) return { ok: false, problem: { code: 'err_import_empty', params: [importer.name] }, format };
      return { ok: true, value: { accounts, skipped, format } };
    }
    return { ok: false, problem: { code: 'err_import_unknown_format' } };
  } catch {
    return { ok: false, problem: { code: 'err_import_failed', params: ['?'] } };
  }
}
