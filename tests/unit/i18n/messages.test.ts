import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * `public/_locales/en/messages.json` holds exactly the strings Sesame shows. The compiler checks
 * that every key the code passes (`t`, `fail`, a `Problem`'s code) is in it (`MessageKey`); these
 * tests check the other direction, the manifest's `__MSG_x__` keys, and the `$1`..`$9` counts.
 */
const ROOT = path.resolve(__dirname, '../../..');
const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

/** The product's sources: what ships, and what builds the manifest (not the tests). */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      return e.isDirectory() ? walk(file) : /\.(ts|tsx|html)$/.test(e.name) ? [file] : [];
    });
  return [
    ...['lib', 'components', 'entrypoints', 'page', 'workers'].flatMap((d) => walk(path.join(ROOT, d))),
    path.join(ROOT, 'wxt.config.ts'),
  ];
}

const files = sourceFiles().map((file) => ({
  name: path.relative(ROOT, file),
  text: fs.readFileSync(file, 'utf8'),
  ast: file.endsWith('.html')
    ? undefined
    : ts.createSourceFile(
        file,
        fs.readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
        file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      ),
}));

const visit = (node: ts.Node, f: (n: ts.Node) => void): void => {
  f(node);
  node.forEachChild((child) => visit(child, f));
};

/** Every string literal of the sources (comments are not literals), and every `__MSG_x__` key. */
const literals = new Set<string>();
const manifestKeys = new Set<string>();
for (const { text, ast } of files) {
  for (const m of text.matchAll(/__MSG_(\w+)__/g)) manifestKeys.add(m[1]!);
  if (ast) visit(ast, (n) => (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && literals.add(n.text));
}

/** A message that counts has a key per plural form: `<base>_one`, `<base>_other`... (lib/i18n/plural-message.ts). */
const PLURAL_FORM = /_(zero|one|two|few|many|other)$/;
const pluralForms = (base: string): string[] =>
  Object.keys(messages).filter((k) => PLURAL_FORM.test(k) && k.replace(PLURAL_FORM, '') === base);

/** The highest `$n` a message substitutes (`$$` is a literal dollar sign); for a counting message, of its forms. */
const placeholders = (key: string): number =>
  Math.max(
    0,
    ...(messages[key] ? [key] : pluralForms(key)).flatMap((k) =>
      [...messages[k]!.message.replace(/\$\$/g, '').matchAll(/\$(\d)/g)].map((m) => Number(m[1])),
    ),
  );
const isMessage = (key: string): boolean => !!messages[key] || pluralForms(key).length > 0;

/**
 * The key and substitution count of each call that names its key and its substitutions plainly:
 * `t('key', a, b)`, `fail('key', a)` (or a constant `const ERR_X = 'key'` of the same file), a
 * `{ code: 'key', params: [a] }` literal, and for counting messages `tCount('key', n, a...)` and
 * `failCounting('key', n, a...)` (`n` is `$1` when no substitution follows it). Calls with a spread
 * or a computed key are not counted.
 */
function substitutionSites(): { where: string; key: string; count: number }[] {
  const sites: { where: string; key: string; count: number }[] = [];
  for (const { name, ast } of files) {
    if (!ast) continue;
    const constants = new Map<string, string>();
    visit(ast, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isStringLiteral(n.initializer))
        constants.set(n.name.text, n.initializer.text);
    });
    const keyOf = (e: ts.Expression | undefined): string | undefined =>
      e && ts.isStringLiteral(e) ? e.text : e && ts.isIdentifier(e) ? constants.get(e.text) : undefined;
    const where = (n: ts.Node) => `${name}:${ast.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    visit(ast, (n) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && !n.arguments.some(ts.isSpreadElement)) {
        const key = keyOf(n.arguments[0]);
        const fn = n.expression.text;
        if (key && messages[key] && (fn === 't' || fn === 'fail')) sites.push({ where: where(n), key, count: n.arguments.length - 1 });
        if (key && pluralForms(key).length && (fn === 'tCount' || fn === 'failCounting'))
          sites.push({ where: where(n), key, count: Math.max(1, n.arguments.length - 2) });
      }
      if (ts.isObjectLiteralExpression(n)) {
        const prop = (p: string) =>
          n.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && ts.isIdentifier(x.name) && x.name.text === p);
        const key = keyOf(prop('code')?.initializer);
        const params = prop('params')?.initializer;
        if (key && messages[key] && n.properties.length <= 2) {
          if (!params) sites.push({ where: where(n), key, count: 0 });
          else if (ts.isArrayLiteralExpression(params) && !params.elements.some(ts.isSpreadElement))
            sites.push({ where: where(n), key, count: params.elements.length });
        }
      }
    });
  }
  return sites;
}

describe('messages.json and the code agree', () => {
  it('reads the sources', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(literals.size).toBeGreaterThan(500);
  });

  it('every message is used: its key appears as a string in the code or the manifest', () => {
    // A key can only reach t() or a Problem as a literal (MessageKey, or PluralKey for the forms
    // of a counting message), so a key that appears nowhere is a string no one reads any more.
    const unused = Object.keys(messages).filter(
      (key) => !literals.has(key) && !manifestKeys.has(key) && !(PLURAL_FORM.test(key) && literals.has(key.replace(PLURAL_FORM, ''))),
    );
    expect(unused).toEqual([]);
  });

  it('every __MSG_x__ the manifest or a page names is a message (the compiler cannot see those)', () => {
    expect(manifestKeys.size).toBeGreaterThan(2);
    expect([...manifestKeys].filter((key) => !messages[key])).toEqual([]);
  });

  it('every error code written in the code is a message', () => {
    const codes = [...literals].filter((s) => /^err_[a-z0-9_]+$/.test(s));
    expect(codes.length).toBeGreaterThan(100);
    expect(codes.filter((code) => !isMessage(code))).toEqual([]);
  });

  it('a message is given as many substitutions as it has $1..$9', () => {
    const sites = substitutionSites();
    expect(sites.length).toBeGreaterThan(200);
    const wrong = sites
      .filter((s) => s.count !== placeholders(s.key))
      .map((s) => `${s.where} ${s.key}: ${s.count} given, $${placeholders(s.key)} in the message`);
    expect(wrong).toEqual([]);
  });

  it('every message counts its substitutions from $1 without a gap', () => {
    const gaps = Object.keys(messages).filter((key) => {
      const used = new Set([...messages[key]!.message.replace(/\$\$/g, '').matchAll(/\$(\d)/g)].map((m) => Number(m[1])));
      return [...used].some((n) => n > 1 && !used.has(n - 1));
    });
    expect(gaps).toEqual([]);
  });
});
