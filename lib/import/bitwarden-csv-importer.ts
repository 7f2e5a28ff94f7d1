import { fail, ok } from '../result';
import { draftFromTotpField, sitesFromUris } from './bitwarden-totp-field';
import { collectDrafts, entryName } from './collect-drafts';
import { importFormat } from './import-formats';
import type { FormatReader, ImportInput, ImportOutcome } from './import-types';
import { parseCsv } from './parse-csv';

/**
 * Bitwarden CSV exports: header `folder,favorite,type,name,notes,fields,login_uri,login_username,
 * login_password,login_totp` (column order is taken from the header). Only rows with a
 * `login_totp` are imported; `login_uri` may hold several URIs separated by commas.
 */
const NAME = importFormat('bitwarden-csv').name;

function header(text: string): string[] | undefined {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = firstLine.split(',').map((c) => c.trim());
  return columns.includes('login_totp') && columns.includes('name') ? columns : undefined;
}

async function parse(input: ImportInput): Promise<ImportOutcome> {
  const rows = parseCsv(input.text);
  const columns = rows[0]?.map((c) => c.trim());
  if (!columns || !header(input.text)) return fail('err_import_corrupt', NAME);
  const col = (row: readonly string[], name: string): string => row[columns.indexOf(name)] ?? '';
  const withTotp = rows.slice(1).filter((row) => col(row, 'login_totp').trim());
  return ok(
    collectDrafts(
      withTotp,
      (row) => {
        const folder = col(row, 'folder').trim();
        return draftFromTotpField(col(row, 'login_totp'), {
          issuer: col(row, 'name'),
          label: col(row, 'login_username'),
          note: col(row, 'notes'),
          pinned: col(row, 'favorite').trim() === '1',
          tags: folder ? [folder] : [],
          sites: sitesFromUris(
            col(row, 'login_uri')
              .split(',')
              .map((u) => u.trim())
              .filter(Boolean),
          ),
        });
      },
      (row, i) => entryName(col(row, 'name'), col(row, 'login_username'), i),
    ),
  );
}

export const bitwardenCsvImporter: FormatReader = {
  detect: (input) => header(input.text.slice(0, 4096)) !== undefined,
  parse,
};
