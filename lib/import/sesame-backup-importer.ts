import { readBackup } from '../vault/backup';
import { fail, ok } from '../result';
import { collectDrafts, entryName } from './collect-drafts';
import { importFormat } from './import-formats';
import type { FormatReader, ImportInput, ImportOutcome } from './import-types';
import { needsPassword } from './import-types';
import { asRecord } from './json-fields';
import { readJson } from './read-json';
import { redraft } from './redraft';
import { checkKdfBudget } from './kdf-budget';

/**
 * Sesame's own encrypted backup (`{"format": "sesame-backup", ...}`, docs/vault-format.md). The
 * work is done by `lib/vault/backup.ts`; this only recognises the file and asks for its password.
 */
const NAME = importFormat('sesame-backup').name;

const isSesameBackup = (input: ImportInput): boolean => asRecord(readJson(input))?.format === 'sesame-backup';

async function parse(input: ImportInput, password?: string): Promise<ImportOutcome> {
  if (!isSesameBackup(input)) return fail('err_import_corrupt', NAME);
  if (password === undefined) return needsPassword();
  // The file names its own PBKDF2 counts (Sesame writes 600,000): refuse absurd ones before
  // deriving. Version 1 has one in `kdf`; version 2 one per passphrase slot.
  const file = asRecord(readJson(input));
  const slots = Array.isArray(file?.slots) ? file.slots : [];
  const counts = [asRecord(file?.kdf)?.iterations, ...slots.map((slot) => asRecord(asRecord(slot)?.params)?.iterations)];
  const derivations = counts.flatMap((iterations) =>
    typeof iterations === 'number' ? [{ kind: 'pbkdf2-sha256' as const, iterations }] : [],
  );
  if (derivations.length > 0) {
    const budget = checkKdfBudget(derivations, NAME);
    if (!budget.ok) return budget;
  }
  const drafts = await readBackup(input.text, password);
  if (!drafts.ok) return drafts;
  return ok(
    collectDrafts(
      drafts.value,
      (d) => redraft(d),
      (d, i) => entryName(d.issuer, d.label, i),
    ),
  );
}

export const sesameBackupImporter: FormatReader = {
  detect: (input) => (isSesameBackup(input) ? 'encrypted' : false),
  parse,
};
