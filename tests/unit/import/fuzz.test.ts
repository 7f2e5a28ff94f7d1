import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAegisPlain } from '../../../lib/export/export-aegis-plain';
import { importFile } from '../../../lib/import/import-file';
import type { ImportFileOutcome, ImportInput } from '../../../lib/import/import-types';
import { IMPORTERS } from '../../../lib/import/registry';
import type { Account } from '../../../lib/otp/account';
import { createBackup } from '../../../lib/vault/backup';
import { AUTH_EXT, fixtureInput, inputOf, OTHER_APPS } from './import-helpers';

/**
 * Fuzz: for every importer, mutated and truncated versions of real files (text edits, and JSON
 * values swapped for hostile ones) never make `importFile` or the importer's own `parse` throw,
 * and `importFile` always answers a well-formed outcome whose problems are real messages.
 */
const MESSAGES = JSON.parse(readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** Fails with a message (cheaper than `expect` in a loop of thousands). */
function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function checkProblem(p: { code: string; params?: readonly string[]; count?: number }): void {
  // A problem that counts names a message with plural forms, of which `_other` is always there.
  const key = p.count === undefined ? p.code : `${p.code}_other`;
  assert(/^[a-z0-9_]+$/.test(p.code) && Object.hasOwn(MESSAGES, key), `problem code ${p.code} is not a message`);
  assert(!p.params || p.params.every((x) => typeof x === 'string'), `params of ${p.code}`);
}

function checkOutcome(o: ImportFileOutcome): void {
  if ('needsPassword' in o) return assert(o.needsPassword === true && typeof o.format.id === 'string', 'needsPassword outcome');
  if (!o.ok) return checkProblem(o.problem);
  for (const a of o.value.accounts) {
    assert(['totp', 'hotp', 'steam'].includes(a.type), 'type');
    assert(a.secret instanceof Uint8Array && a.secret.length > 0, 'secret');
    assert(typeof a.issuer === 'string' && typeof a.label === 'string' && typeof a.note === 'string', 'text fields');
    assert(Array.isArray(a.tags) && Array.isArray(a.sites) && Array.isArray(a.recoveryCodes) && typeof a.pinned === 'boolean', 'lists');
    if (a.type !== 'steam') assert([6, 7, 8].includes(a.digits) && ['SHA1', 'SHA256', 'SHA512'].includes(a.algorithm), 'digits/algorithm');
    if (a.type === 'totp') assert(Number.isInteger(a.period) && a.period > 0, 'period');
    if (a.type === 'hotp') assert(Number.isSafeInteger(a.counter) && a.counter >= 0, 'counter');
  }
  for (const s of o.value.skipped) {
    assert(typeof s.name === 'string' && s.name.length < 100, 'skipped name');
    checkProblem(s.problem);
  }
}

// --- mutations -------------------------------------------------------------------------------

const TOKENS = [
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  '-1',
  '1e309',
  '"\\u0000"',
  '%',
  '%zz',
  '\n',
  '\r\n',
  'otpauth://',
  '&secret=',
  '=',
  '#',
  ' ',
  '\uFFFF',
  '😀',
];
const textEdit = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(...TOKENS)),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat(40) }),
);
type TextEdit = typeof textEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(s: string, e: TextEdit): string {
  const at = s.length ? e.at % (s.length + 1) : 0;
  switch (e.kind) {
    case 'truncate':
      return s.slice(0, at);
    case 'replace':
      return s.slice(0, at) + e.text + s.slice(at + 1);
    case 'insert':
      return s.slice(0, at) + e.text + s.slice(at);
    case 'delete':
      return s.slice(0, at) + s.slice(at + e.len);
  }
}

const hostileValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    'SHA1',
    'sha3',
    'totp',
    'hotp',
    'steam',
    'STEAM',
    'x:y',
    '==',
    'ZZZZ',
    '0',
    '10',
    [],
    {},
    [[]],
    { secret: 1 },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every place in a JSON value, as a path of keys. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function replaceAt(v: unknown, p: (string | number)[], value: unknown, remove: boolean): unknown {
  if (!p.length) return value;
  const [head, ...rest] = p;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (remove && !rest.length) copy.splice(head as number, 1);
    else copy[head as number] = replaceAt(copy[head as number], rest, value, remove);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  if (remove && !rest.length) delete copy[head as string];
  else copy[head as string] = replaceAt(copy[head as string], rest, value, remove);
  return copy;
}

const jsonEdit = fc.record({ where: fc.nat(), value: hostileValue, remove: fc.boolean() });

// --- seeds, one list per importer --------------------------------------------------------------

const seeds: Record<string, ImportInput[]> = {};
const passwords: Record<string, string> = { aegis: 'test', '2fas': 'test', 'sesame-backup': 'pw' };

beforeAll(async () => {
  const f = (...files: string[]) => files.map((x) => fixtureInput(OTHER_APPS, x));
  const account: Account = {
    id: 'a',
    type: 'hotp',
    issuer: 'I',
    label: 'L',
    secret: new Uint8Array([1, 2, 3]),
    algorithm: 'SHA1',
    digits: 6,
    counter: 3,
    note: '',
    tags: ['t'],
    pinned: false,
    order: 'a0',
    sites: [],
    recoveryCodes: [],
    createdAt: 0,
    updatedAt: 0,
  };
  Object.assign(seeds, {
    'sesame-backup': [inputOf(await createBackup([account], 'pw', 0, { iterations: 1 }))],
    aegis: [...f('aegis_plain.json', 'aegis_plain_grouped_v2.json', 'aegis_encrypted.json'), inputOf(exportAegisPlain([account], 0))],
    '2fas': f(
      '2fas_authenticator.json',
      '2fas_authenticator_plain.2fas',
      '2fas_authenticator_plain_v3.2fas',
      '2fas_authenticator_plain_v4.2fas',
      '2fas_authenticator_encrypted_v4.2fas',
    ),
    'bitwarden-json': f('bitwarden.json'),
    'bitwarden-csv': f('bitwarden.csv'),
    'proton-authenticator': f('proton_authenticator.json'),
    stratum: f('stratum_plain.json'),
    'freeotp-plus': f('freeotp_plus.json'),
    andotp: f('andotp_plain.json'),
    duo: f('duo.json'),
    steam: f('steam.json', 'steam_old.json'),
    'authenticator-extension': [fixtureInput(AUTH_EXT, 'issue185_user_backup_sample.json')],
    'ente-auth': f('ente_auth.txt'),
    'otpauth-list': [...f('plain.txt'), fixtureInput(AUTH_EXT, 'standard_backup_format_example.txt')],
  });
});

/**
 * Imports the text and checks nothing escapes. Every fourth input also goes straight to the
 * importer's `parse`, which must not throw even on input its `detect` would refuse.
 */
let count = 0;
async function check(importerId: string, text: string, withPassword: boolean): Promise<void> {
  const input = inputOf(text);
  const password = withPassword ? passwords[importerId] : undefined;
  checkOutcome(await importFile(input, password));
  if (count++ % 4 === 0) await IMPORTERS.find((i) => i.id === importerId)!.parse(input, password);
}

/** Runs per importer: 2,000 inputs each, kept small enough for the file to run in well under 20 s. */
const RUNS = { text: 1200, json: 800 };
const slow = new Set(['aegis']); // scrypt with the real cost: only a few runs with the password

describe('fuzz: every importer survives mutated input', () => {
  it('has seeds for every importer in the registry', () => {
    expect(Object.keys(seeds).sort()).toEqual(IMPORTERS.map((i) => i.id).sort());
  });

  it.each(IMPORTERS.map((i) => i.id))('%s: text edits and truncations', async (id) => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(textEdit, { minLength: 1, maxLength: 4 }), fc.boolean(), async (which, edits, pw) => {
        const list = seeds[id]!;
        const seed = list[which % list.length]!.text;
        await check(id, edits.reduce(applyEdit, seed), pw && !slow.has(id));
      }),
      { numRuns: RUNS.text },
    );
  });

  it.each(IMPORTERS.map((i) => i.id))('%s: JSON values replaced or removed', async (id) => {
    const list = seeds[id]!;
    const parsed = list.map((s) => {
      try {
        return JSON.parse(s.text) as unknown;
      } catch {
        return s.text.split('\n'); // text formats: edit lines as array items
      }
    });
    const isText = list.every((s) => !/^\s*[[{]/.test(s.text));
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), fc.boolean(), async (which, edits, pw) => {
        let v = parsed[which % parsed.length];
        for (const e of edits) {
          const all = paths(v);
          v = replaceAt(v, all[e.where % all.length]!, e.value, e.remove);
        }
        const text =
          isText && Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') : (JSON.stringify(v) ?? '');
        await check(id, text, pw && !slow.has(id));
      }),
      { numRuns: RUNS.json },
    );
  });

  it('aegis: a few mutated encrypted vaults with the password', async () => {
    const seed = JSON.parse(seeds.aegis![2]!.text) as unknown;
    await fc.assert(
      fc.asyncProperty(jsonEdit, async (e) => {
        const all = paths(seed);
        await check('aegis', JSON.stringify(replaceAt(seed, all[e.where % all.length]!, e.value, e.remove)) ?? '', true);
      }),
      { numRuns: 4 },
    );
  });
});
