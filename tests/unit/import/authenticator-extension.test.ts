import { describe, expect, it } from 'vitest';
import { importFile } from '../../../lib/import/import-file';
import { codeAt } from '../../../lib/otp/generate-code';
import { readFixtureJson } from '../../support/fixtures';
import { base32Decode, oathtoolTotp } from '../../support/oracles';
import { accountsOf, AUTH_EXT, fixtureInput, hex, inputOf } from './import-helpers';

const AT = 1_700_000_000_000;

describe('Authenticator (authenticator.cc) extension backups', () => {
  it('reads the one-entry user backup from issue #185 (old format, md5 key, no dataType)', async () => {
    const outcome = await importFile(fixtureInput(AUTH_EXT, 'issue185_user_backup_sample.json'));
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'authenticator-extension' } } });
    const [a, ...rest] = accountsOf(outcome);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ type: 'totp', issuer: '', label: 'test', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(hex(a!.secret)).toBe(hex(base32Decode('A3MUFPMUQTCNVAAODBRONWFL3KLOFPSK')));
  });

  it('reads the documented otpauth text export (authenticator.txt)', async () => {
    const outcome = await importFile(fixtureInput(AUTH_EXT, 'standard_backup_format_example.txt'));
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'otpauth-list' }, skipped: [] } });
    const accounts = accountsOf(outcome);
    expect(accounts.map((a) => [a.issuer, a.label])).toEqual([
      ['', 'example.com'],
      ['Test Account', ''],
      ['Another Test Account', 'example.com'],
      ['', ''],
      ['Account with Period', 'example.com'],
    ]);
    expect(accounts[4]).toMatchObject({ type: 'totp', period: 60 });
    expect(hex(accounts[0]!.secret)).toBe(hex(base32Decode('FLIQ7AABIXF2DBUYE7VYAV2T7232KVYB')));
  });

  const { cases } = readFixtureJson<{ cases: { name: string; data: Record<string, unknown> }[] }>(
    `${AUTH_EXT}/storage_migration_test_cases.json`,
  );
  it("has all 14 storage cases of the extension's own test", () => expect(cases).toHaveLength(14));

  it.each(cases.map((c) => [c.name, c.data] as const))('storage case "%s" gives one account per item', async (_name, data) => {
    const outcome = await importFile(inputOf(JSON.stringify(data, null, 2).replace(/\n/g, '\r\n')));
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'authenticator-extension' }, skipped: [] } });
    expect(accountsOf(outcome)).toHaveLength(Object.keys(data).length);
  });

  const only = async (data: unknown) => accountsOf(await importFile(inputOf(JSON.stringify(data))))[0]!;

  it('maps legacy prefixes, hex secrets and Battle.net as the extension does (codes from oathtool)', async () => {
    const battle = await only({ h: { secret: 'blz-abcd2345', type: 'totp', issuer: '', account: 'test', encrypted: false } });
    expect(battle).toMatchObject({ type: 'totp', digits: 8, algorithm: 'SHA1', period: 30 });
    expect(codeAt(battle, AT)).toBe(oathtoolTotp('ABCD2345', AT, { digits: 8 }));

    const steam = await only({ h: { secret: 'stm-abcd2345', type: 'totp' } });
    expect(steam.type).toBe('steam');

    const hexTotp = await only({ h: { secret: 'abcd1234', type: 'totp' } });
    expect(hex(hexTotp.secret)).toBe('abcd1234');
    expect(codeAt(hexTotp, AT)).toBe(oathtoolTotp(Uint8Array.from([0xab, 0xcd, 0x12, 0x34]), AT));

    const hhex = await only({ h: { secret: '2c52e8fcfac34091da63ef7b118f1cc50b925a42', type: 'hhex', counter: 7 } });
    expect(hhex).toMatchObject({ type: 'hotp', counter: 7 });
    expect(hex(hhex.secret)).toBe('2c52e8fcfac34091da63ef7b118f1cc50b925a42');

    const spaced = await only({ h: { secret: 'p5s7 k2in z3mj oqfg', type: 'totp' } });
    expect(hex(spaced.secret)).toBe(hex(base32Decode('P5S7K2INZ3MJOQFG')));
  });

  it('keeps the numeric enums, pinned, optional fields and the extension order (index)', async () => {
    const accounts = accountsOf(
      await importFile(
        inputOf(
          JSON.stringify({
            'b-uuid': {
              dataType: 'OTPStorage',
              encrypted: false,
              hash: 'b-uuid',
              index: 1,
              type: 2,
              secret: 'JBSWY3DPEHPK3PXP',
              issuer: 'B',
              account: 'b@x',
              counter: 5,
              digits: 8,
              algorithm: 3,
            },
            'a-uuid': {
              dataType: 'OTPStorage',
              encrypted: false,
              hash: 'a-uuid',
              index: 0,
              type: 'totp',
              secret: 'JBSWY3DPEHPK3PXP',
              issuer: 'A',
              period: 60,
              pinned: true,
              algorithm: 'SHA256',
            },
          }),
        ),
      ),
    );
    expect(accounts[0]).toMatchObject({ issuer: 'A', type: 'totp', period: 60, digits: 6, algorithm: 'SHA256', pinned: true });
    expect(accounts[1]).toMatchObject({
      issuer: 'B',
      label: 'b@x',
      type: 'hotp',
      counter: 5,
      digits: 8,
      algorithm: 'SHA512',
      pinned: false,
    });
  });

  it('skips GOST entries with a problem naming the algorithm and keeps the rest', async () => {
    const outcome = await importFile(
      inputOf(
        JSON.stringify({
          x: { secret: 'JBSWY3DPEHPK3PXP', algorithm: 'GOST3411_2012_256', issuer: 'G' },
          y: { secret: 'JBSWY3DPEHPK3PXP', issuer: 'S' },
        }),
      ),
    );
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        accounts: [{ issuer: 'S' }],
        skipped: [{ name: 'G', problem: { code: 'err_import_unsupported_algorithm', params: ['GOST3411_2012_256'] } }],
      },
    });
  });

  it('says a password-protected backup cannot be read (Argon2id + CryptoJS is not supported)', async () => {
    const outcome = await importFile(
      inputOf(
        JSON.stringify({
          'e-uuid': { dataType: 'EncOTPStorage', keyId: 'k-uuid', index: 0, data: 'U2FsdGVkX19...' },
          'k-uuid': { dataType: 'Key', id: 'k-uuid', salt: 'x', hash: '$argon2id$v=19$m=19456,t=2,p=1$eA$eA', version: 3 },
        }),
      ),
    );
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'err_import_encrypted_unsupported', params: ['Authenticator'] } });
  });
});
