import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOtpField } from '../../../../page/autofill/find-otp-field';
import { CORPUS, MODES, corpusPages, scorePage } from './otp-corpus';

/** tests/fixtures/otp-pages: real-world pages (issue 15); every page must pass in both modes. */
describe('real-world page corpus', () => {
  const pages = corpusPages();

  for (const [file, meta] of pages) {
    for (const mode of MODES) {
      it(`${file} (${mode})`, () => {
        const score = scorePage(file, meta, mode, (doc, m) => findOtpField(doc, { focused: null, explicit: m === 'explicit' }));
        const ok = meta.expect === null ? ['kept-empty'] : meta.explicitOnly && mode === 'passive' ? ['found', 'not-asked'] : ['found'];
        expect(ok, `${file} ${mode}: ${score.outcome}, got ${score.got}`).toContain(score.outcome);
      });
    }
  }

  it('has the breadth the issue asks for', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
    const langs = new Set(pages.map(([, m]) => m.lang));
    expect(langs.has('en')).toBe(true);
    expect(langs.size).toBeGreaterThanOrEqual(5);
    const kinds = pages.map(([, m]) => m.kind);
    for (const kind of ['single', 'split', 'frame', 'shadow']) expect(kinds).toContain(kind);
    for (const what of ['sign-up', 'coupon', 'gift card', 'card security code', 'phone number', 'search']) {
      expect(kinds).toContain(`must-not: ${what}`);
    }
  });

  it('names every page, with its origin and licence, in the README', () => {
    const readme = readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
    for (const [file] of pages) expect(readme, file).toMatch(new RegExp(`\\| \`${file.replace(/\./g, '\\.')}\` \\|[^\\n]+\\|[^\\n]+\\|`));
  });
});
