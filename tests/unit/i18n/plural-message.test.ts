import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { MESSAGES_LOCALE_KEY, pluralKey, pluralMessage } from '../../../lib/i18n/plural-message';
import { describeProblem, type GetMessage } from '../../../lib/i18n/describe-problem';

const ROOT = path.resolve(__dirname, '../../..');
const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

/** `browser.i18n.getMessage` over a messages.json: `$1`.. filled, '' for a missing key. */
const getMessageFrom =
  (table: Record<string, { message: string }>): GetMessage =>
  (key, substitutions = []) =>
    table[key]?.message.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '') ?? '';
const en = getMessageFrom(messages);

const FORMS = /_(zero|one|two|few|many|other)$/;
/** The counting messages of messages.json, by their base key. */
const counting = [
  ...new Set(
    Object.keys(messages)
      .filter((k) => FORMS.test(k))
      .map((k) => k.replace(FORMS, '')),
  ),
];
const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();

describe("pluralKey: the form Intl.PluralRules picks, in the messages' language", () => {
  it('English: one for 1, other for 0, 2 and 1.5', () => {
    expect([1, 0, 2, 21, 1.5].map((n) => pluralKey('addedCount', n, 'en'))).toEqual([
      'addedCount_one',
      'addedCount_other',
      'addedCount_other',
      'addedCount_other',
      'addedCount_other',
    ]);
  });
  it('Polish (CLDR): 1 one, 2-4 and 22 few, 5 and 12 many', () => {
    expect([1, 2, 4, 22, 5, 12].map((n) => pluralKey('x', n, 'pl'))).toEqual(['x_one', 'x_few', 'x_few', 'x_few', 'x_many', 'x_many']);
  });
  it("takes Chrome's pt_BR for pt-BR, and falls back to English for a tag that is not one", () => {
    expect(pluralKey('x', 0, 'pt_BR')).toBe(pluralKey('x', 0, 'pt-BR'));
    expect(pluralKey('x', 0, 'fr')).toBe('x_one'); // French counts 0 as one, English does not
    expect(pluralKey('x', 0, 'not a language!')).toBe('x_other');
  });
});

describe('pluralMessage', () => {
  it('reads the English forms: "Added 1 account.", "Added 3 accounts.", "Added 0 accounts."', () => {
    expect(pluralMessage(en, 'addedCount', 1, ['1'])).toBe('Added 1 account.');
    expect(pluralMessage(en, 'addedCount', 3, ['3'])).toBe('Added 3 accounts.');
    expect(pluralMessage(en, 'addedCount', 0, ['0'])).toBe('Added 0 accounts.');
  });
  it("uses the rules of the language the messages are in, not the browser's", () => {
    const polish = getMessageFrom({
      [MESSAGES_LOCALE_KEY]: { message: 'pl' },
      files_one: { message: '$1 plik' },
      files_few: { message: '$1 pliki' },
      files_many: { message: '$1 plików' },
      files_other: { message: '$1 pliku' },
    });
    expect([1, 3, 5, 22, 1.5].map((n) => pluralMessage(polish, 'files', n, [String(n)]))).toEqual([
      '1 plik',
      '3 pliki',
      '5 plików',
      '22 pliki',
      '1.5 pliku',
    ]);
  });
  it('falls back to _other for a form a translation lacks, then to the key', () => {
    const partial = getMessageFrom({ [MESSAGES_LOCALE_KEY]: { message: 'pl' }, files_other: { message: '$1 files' } });
    expect(pluralMessage(partial, 'files', 3, ['3'])).toBe('3 files');
    expect(pluralMessage(partial, 'missing', 3, ['3'])).toBe('missing');
  });
  it('describes a problem that counts in its plural form', () => {
    expect(describeProblem({ code: 'err_unlock_wait', params: ['1'], count: 1 }, en)).toBe(
      'Too many failed unlock attempts. Try again in 1 second.',
    );
    expect(describeProblem({ code: 'err_unlock_wait', params: ['30'], count: 30 }, en)).toBe(
      'Too many failed unlock attempts. Try again in 30 seconds.',
    );
  });
});

describe('the counting messages of _locales/en', () => {
  it('names its language with a tag Intl knows', () => {
    const tag = messages[MESSAGES_LOCALE_KEY]!.message;
    expect(Intl.getCanonicalLocales(tag)).toEqual(['en']);
  });
  it('finds them', () => expect(counting.length).toBeGreaterThan(20));
  it('no other key ends like a plural form (err_x_other would read as a form of err_x)', () => {
    for (const key of counting) expect(messages[`${key}_other`], `${key}_other`).toBeDefined();
    expect(counting.filter((key) => key in messages)).toEqual([]);
  });
  it.each(counting)('%s has _one and _other, with the same substitutions and no "(s)"', (key) => {
    const one = messages[`${key}_one`]?.message;
    const other = messages[`${key}_other`]?.message;
    expect(one).toBeTruthy();
    expect(other).toBeTruthy();
    expect(placeholders(one!)).toEqual(placeholders(other!));
    expect(`${one} ${other}`).not.toMatch(/\((s|ies)\)/);
  });
  it('no message outside them writes "(s)" for a plural', () => {
    const guessed = Object.entries(messages)
      .filter(([, m]) => /\w\((s|ies)\)/.test(m.message))
      .map(([k]) => k);
    expect(guessed).toEqual([]);
  });
  it('every tCount() in components/ names a counting message', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'components'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'));
    const keys = files.flatMap((f) => {
      const source = fs.readFileSync(path.join(ROOT, 'components', f), 'utf8');
      // The first argument, up to its comma: a key, or a choice of keys (`s > 0 ? 'a' : 'b'`).
      return [...source.matchAll(/tCount\(([^,]*),/g)].flatMap((m) => [...m[1]!.matchAll(/'(\w+)'/g)].map((k) => k[1]!));
    });
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) expect(counting, key).toContain(key);
  });
});
