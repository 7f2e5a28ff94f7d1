import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/fixtures';

/**
 * A fresh clone must pass `npm test` with nothing beside it: no test, script or config reaches
 * outside the repository for fixtures, and every fixture here says where it came from.
 */
const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

describe('the repository stands alone', () => {
  it('no test, script or config reads a folder outside the repository', () => {
    const sources = [
      ...filesUnder(path.join(ROOT, 'tests')).filter((f) => !f.startsWith(FIXTURES + path.sep)),
      ...filesUnder(path.join(ROOT, 'scripts')),
      ...filesUnder(path.join(ROOT, '.ci')),
      ...['package.json', 'vitest.config.ts', 'vitest.e2e.config.ts', 'wxt.config.ts', 'tsconfig.json', 'README.md'].map((f) =>
        path.join(ROOT, f),
      ),
    ];
    expect(sources.length).toBeGreaterThan(100);
    // The team's fixtures folder beside the checkout, written as one path or as path.join parts.
    const outside = /\.\.['"]?\s*[,/]\s*['"]?shared\b|shared\/fixtures/;
    const offenders = sources.filter((file) => outside.test(fs.readFileSync(file, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('tests/fixtures/README.md lists every fixture, and every fixture it lists is there', () => {
    const readme = fs.readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');
    // The first column of each table row names one file.
    const listed = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!).sort();
    // A folder with a README of its own (the autofill page corpus, the format-1 vault) is
    // described there; this README names the folder.
    const ownReadme = fs
      .readdirSync(FIXTURES, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(FIXTURES, e.name, 'README.md')))
      .map((e) => e.name);
    for (const folder of ownReadme) expect(readme).toContain(`\`${folder}/\``);
    const onDisk = filesUnder(FIXTURES)
      .map((f) => path.relative(FIXTURES, f).split(path.sep).join('/'))
      .filter((f) => f !== 'README.md' && !ownReadme.includes(f.split('/')[0]!))
      .sort();
    expect(onDisk).toHaveLength(58);
    expect(listed).toEqual(onDisk);
  });

  it('every folder of fixtures with a README of its own lists each of its files there', () => {
    for (const entry of fs.readdirSync(FIXTURES, { withFileTypes: true })) {
      const readmePath = path.join(FIXTURES, entry.name, 'README.md');
      if (!entry.isDirectory() || !fs.existsSync(readmePath)) continue;
      const readme = fs.readFileSync(readmePath, 'utf8');
      const files = filesUnder(path.join(FIXTURES, entry.name))
        .map((f) => path.relative(path.join(FIXTURES, entry.name), f).split(path.sep).join('/'))
        .filter((f) => f !== 'README.md');
      const unlisted = files.filter((f) => !readme.includes(f) && !readme.includes(path.posix.basename(f)));
      expect(unlisted, `${entry.name}/README.md does not mention these files`).toEqual([]);
    }
  });
});
