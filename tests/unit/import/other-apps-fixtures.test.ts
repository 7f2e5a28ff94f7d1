import { describe, expect, it } from 'vitest';
import { importFile } from '../../../lib/import/import-file';
import type { AccountDraft } from '../../../lib/otp/account';
import { codeAt, codeAtCounter } from '../../../lib/otp/generate-code';
import { fixtureFolder, readFixtureJson } from '../../support/fixtures';
import { base32Decode } from '../../support/oracles';
import { accountsOf, fixtureInput, hex, OTHER_APPS } from './import-helpers';

/**
 * Every file in tests/fixtures/other_apps gives the accounts its EXPECTED.json lists (matched by
 * secret, with the per-file adjustments the notes describe), and each account produces the
 * reference code recorded in the fixture (computed there with oathtool, not with our code).
 */
interface Vector {
  n: number;
  type: 'totp' | 'hotp' | 'steam';
  issuer: string;
  name: string;
  secret: string;
  algo: string;
  digits: number;
  period?: number;
  counter?: number;
  reference_code: { at_unix_time?: number; at_counter?: number; code: string };
}
interface FileExpectation {
  password: string | null;
  expected_vectors: number[] | string;
}

const expected = readFixtureJson<{ vectors: Vector[]; files: Record<string, FileExpectation> }>(`${OTHER_APPS}/EXPECTED.json`);

/** The files of EXPECTED.json that are in the folder: every format Sesame reads. */
const READ = [
  '2fas_authenticator.json',
  '2fas_authenticator_encrypted.2fas',
  '2fas_authenticator_encrypted_v3.2fas',
  '2fas_authenticator_encrypted_v4.2fas',
  '2fas_authenticator_plain.2fas',
  '2fas_authenticator_plain_v3.2fas',
  '2fas_authenticator_plain_v4.2fas',
  'aegis_encrypted.json',
  'aegis_plain.json',
  'aegis_plain_grouped_v2.json',
  'andotp_plain.json',
  'bitwarden.csv',
  'bitwarden.json',
  'duo.json',
  'ente_auth.txt',
  'freeotp_plus.json',
  'plain.txt',
  'proton_authenticator.json',
  'steam.json',
  'steam_old.json',
  'stratum_plain.json',
];
/** Files EXPECTED.json also describes that were never copied: formats Sesame does not read (tests/fixtures/README.md). */
const NOT_COPIED = [
  'authy_encrypted.xml',
  'authy_plain.xml',
  'battle_net_authenticator.xml',
  'freeotp.xml',
  'freeotp_plus_internal.xml',
  'freeotp_v2_api23.xml',
  'freeotp_v2_api25.xml',
  'freeotp_v2_api27.xml',
  'freeotp_v2_api34.xml',
  'freeotp_v2_null_algo.xml',
  'totp_authenticator.bin',
  'totp_authenticator_internal.xml',
];

type Expect = { type: string; issuer: string; label: string; algorithm?: string; digits?: number; period?: number; counter?: number };

/** The vector as the file should give it back, after the adjustments in EXPECTED.json's notes. */
function adjust(file: string, v: Vector): Expect {
  const e: Expect = { type: v.type, issuer: v.issuer, label: v.name };
  if (v.type !== 'steam') Object.assign(e, { algorithm: v.algo, digits: v.digits });
  if (v.type === 'totp') e.period = v.period!;
  if (v.type === 'hotp') e.counter = v.counter!;
  switch (file) {
    case '2fas_authenticator.json': // schema 1: no parameters at all
      return { type: 'totp', issuer: v.issuer, label: v.name, algorithm: 'SHA1', digits: 6, period: 30 };
    case '2fas_authenticator_plain.2fas': // schema 2: no token type
    case '2fas_authenticator_encrypted.2fas':
      return { type: 'totp', issuer: v.issuer, label: v.name, algorithm: v.algo, digits: v.digits, period: v.period ?? 30 };
    case 'freeotp_plus.json': // FreeOTP stores the counter of the next code
      return v.type === 'hotp' ? { ...e, counter: v.counter! - 1 } : e;
    case 'duo.json': // no issuer; Duo's file has its own counter (3)
      return v.type === 'hotp' ? { ...e, issuer: '', counter: 3 } : { ...e, issuer: '' };
    case 'steam.json':
    case 'steam_old.json':
      return { ...e, issuer: 'Steam' };
    default:
      return e;
  }
}

function actual(a: AccountDraft): Expect {
  const e: Expect = { type: a.type, issuer: a.issuer, label: a.label };
  if (a.type !== 'steam') Object.assign(e, { algorithm: a.algorithm, digits: a.digits });
  if (a.type === 'totp') e.period = a.period;
  if (a.type === 'hotp') e.counter = a.counter;
  return e;
}

describe('other apps fixtures', () => {
  it('EXPECTED.json describes the files read and the ones not copied, nothing else', () => {
    expect(Object.keys(expected.files).sort()).toEqual([...READ, ...NOT_COPIED].sort());
  });

  it('the folder holds EXPECTED.json and every file read, nothing else', () => {
    expect(fixtureFolder(OTHER_APPS, READ.length + 1)).toEqual(['EXPECTED.json', ...READ].sort());
  });

  it.each(READ.map((file) => [file, expected.files[file]!] as const))('%s gives the expected accounts', async (file, spec) => {
    const input = fixtureInput(OTHER_APPS, file);
    if (spec.password) {
      const locked = await importFile(input);
      expect(locked).toMatchObject({ needsPassword: true });
      const wrong = await importFile(input, 'not the password');
      expect(wrong).toMatchObject({ ok: false, problem: { code: 'err_import_wrong_password' } });
    }
    const outcome = await importFile(input, spec.password ?? undefined);
    const accounts = accountsOf(outcome);
    expect('ok' in outcome && outcome.ok && outcome.value.skipped).toEqual([]);
    const ids = spec.expected_vectors as number[];
    expect(accounts).toHaveLength(ids.length);

    let codesChecked = 0;
    for (const n of ids) {
      const v = expected.vectors.find((x) => x.n === n)!;
      const found = accounts.filter((a) => hex(a.secret) === hex(base32Decode(v.secret)));
      expect(found, `vector ${n} (${v.issuer})`).toHaveLength(1);
      const account = found[0]!;
      const want = adjust(file, v);
      const bitwardenSteam = file.startsWith('bitwarden') && v.type === 'steam';
      if (bitwardenSteam) expect(account.type).toBe('steam');
      else expect(actual(account), `vector ${n} (${v.issuer})`).toEqual(want);

      // The reference code, where the file keeps the vector's parameters (HOTP: at the vector's counter).
      const keepsParams =
        want.type === v.type && (v.type === 'steam' || (want.algorithm === v.algo && want.digits === v.digits && want.period === v.period));
      if (!keepsParams) continue;
      const code =
        account.type === 'hotp'
          ? codeAtCounter(account, v.reference_code.at_counter!)
          : codeAt(account, v.reference_code.at_unix_time! * 1000);
      expect(code, `code of vector ${n}`).toBe(v.reference_code.code);
      codesChecked++;
    }
    expect(codesChecked).toBeGreaterThan(0);
  });
});
