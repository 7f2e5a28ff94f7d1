import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../lib/import/import-formats';
import { IMPORTERS } from '../../../lib/import/registry';

const ROOT = path.resolve(__dirname, '../../..');
const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

describe('the list of import formats', () => {
  it('the registry gives every format a reader, in the order of IMPORT_FORMATS', () => {
    expect(IMPORTERS.map((i) => i.id)).toEqual(IMPORT_FORMATS.map((f) => f.id));
    for (const importer of IMPORTERS) {
      expect(typeof importer.detect).toBe('function');
      expect(typeof importer.parse).toBe('function');
    }
  });

  it("README's list is the settings page's list: one line per format of the registry, in its order", () => {
    // The README is read where nothing is built (on the forge, in a tarball), so it carries a
    // copy of the list; this test keeps the copy equal to what the settings page shows.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = /^## Import formats\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    const listed = [...section.matchAll(/^- (.+)$/gm)].map((m) => m[1]);
    expect(listed).toEqual(IMPORT_FORMATS.map((f) => messages[f.label]?.message));
  });

  it('each format names the file endings its exports have, for the file picker', () => {
    for (const f of IMPORT_FORMATS) {
      expect(f.extensions.length, f.id).toBeGreaterThan(0);
      for (const ext of f.extensions) expect(ext).toMatch(/^\.[A-Za-z0-9]+$/);
    }
  });
});
