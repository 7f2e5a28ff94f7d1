import { describe, expect, it } from 'vitest';
import { importFile } from '../../../lib/import/import-file';
import type { Importer } from '../../../lib/import/import-types';
import { IMPORTERS } from '../../../lib/import/registry';
import type { Account } from '../../../lib/otp/account';
import { createBackup } from '../../../lib/vault/backup';
import { base32Decode } from '../../support/oracles';
import { accountsOf, fixtureInput, hex, inputOf } from './import-helpers';

const URI = 'otpauth://totp/ACME:jo?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

describe('importFile', () => {
  it('recognises the format from the content, whatever the file is called', async () => {
    const outcome = await importFile(inputOf(`\uFEFF# my codes\r\n\r\n${URI}\r\n`, 'backup.json'));
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'otpauth-list' }, accounts: [{ issuer: 'ACME', label: 'jo' }] } });
  });

  it('lists lines that are not URIs as skipped and keeps the others', async () => {
    const outcome = await importFile(inputOf(`${URI}\nhello\notpauth://totp/x?secret=!!\n`));
    expect(outcome).toMatchObject({
      ok: true,
      value: { accounts: [{ issuer: 'ACME' }], skipped: [{ name: '#2', problem: { code: 'err_import_line_not_uri' } }, { name: '#3' }] },
    });
  });

  it('refuses unknown content with a problem that says what to export instead', async () => {
    expect(await importFile(inputOf('just some notes'))).toEqual({ ok: false, problem: { code: 'err_import_unknown_format' } });
    expect(await importFile(inputOf('{"hello": 1}'))).toEqual({ ok: false, problem: { code: 'err_import_unknown_format' } });
    expect(
      await importFile({ name: 'x.png', text: '\u0089PNG\r\n\u001a\n\u0000', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('says a recognised file with no accounts is empty', async () => {
    expect(await importFile(inputOf('{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[]}}'))).toMatchObject({
      ok: false,
      problem: { code: 'err_import_empty', params: ['Aegis'] },
    });
  });

  it('turns an importer that throws into a problem naming the format', async () => {
    const broken: Importer = {
      id: 'broken',
      name: 'Broken App',
      label: 'importFormat_otpauth_list',
      extensions: [],
      detect: () => true,
      parse: () => {
        throw new Error('boom');
      },
    };
    expect(await importFile(inputOf('x'), undefined, [broken])).toMatchObject({
      ok: false,
      problem: { code: 'err_import_failed', params: ['Broken App'] },
    });
    const rejecting: Importer = { ...broken, parse: () => Promise.reject(new Error('boom')) };
    expect(await importFile(inputOf('x'), undefined, [rejecting])).toMatchObject({ ok: false, problem: { code: 'err_import_failed' } });
    const malformed: Importer = { ...broken, parse: async () => ({ weird: true }) as never };
    expect(await importFile(inputOf('x'), undefined, [malformed])).toMatchObject({ ok: false, problem: { code: 'err_import_failed' } });
    const badDetect: Importer = {
      ...broken,
      detect: () => {
        throw new Error('boom');
      },
    };
    expect(await importFile(inputOf('x'), undefined, [badDetect, ...IMPORTERS])).toMatchObject({
      ok: false,
      problem: { code: 'err_import_unknown_format' },
    });
  });

  it('has importers with unique ids', () => {
    expect(new Set(IMPORTERS.map((i) => i.id)).size).toBe(IMPORTERS.length);
  });
});

describe('importFile on hostile input', () => {
  it('refuses a 25 MB file before reading it', async () => {
    const text = `${URI}\n`.repeat(Math.ceil((25 * 1024 * 1024) / (URI.length + 1)));
    const started = Date.now();
    expect(await importFile({ name: 'big.txt', text, bytes: new Uint8Array(text.length) })).toEqual({
      ok: false,
      problem: { code: 'err_import_too_large', params: ['20'] },
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses 10,000-deep nesting', async () => {
    for (const text of ['['.repeat(10_000) + ']'.repeat(10_000), `{"a":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_001)}`]) {
      expect(await importFile(inputOf(text))).toEqual({ ok: false, problem: { code: 'err_import_too_deep' } });
    }
  });

  it('does not count brackets inside strings as nesting', async () => {
    const outcome = await importFile(
      inputOf(JSON.stringify([{ secret: 'JBSWY3DPEHPK3PXP', type: 'TOTP', issuer: '['.repeat(200), label: 'x' }])),
    );
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'andotp' } } });
  });

  it('skips an entry with a 5 MB name with a clear problem and keeps the others', async () => {
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const vault = {
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 2,
        entries: [
          { type: 'totp', name: huge, issuer: 'Big', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 } },
          { type: 'totp', name: 'ok', issuer: 'Small', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 } },
        ],
      },
    };
    const outcome = await importFile(inputOf(JSON.stringify(vault)));
    expect(outcome).toMatchObject({
      ok: true,
      value: { accounts: [{ issuer: 'Small' }], skipped: [{ problem: { code: 'err_import_field_too_long', params: ['512'] } }] },
    });
    // The skipped entry's displayed name is shortened too.
    if ('ok' in outcome && outcome.ok) expect(outcome.value.skipped[0]!.name.length).toBeLessThan(100);
  });

  it('skips a 5 MB otpauth line and a 5 MB Bitwarden TOTP field', async () => {
    const long = `otpauth://totp/${'a'.repeat(5 * 1024 * 1024)}?secret=JBSWY3DPEHPK3PXP`;
    expect(await importFile(inputOf(`${long}\n${URI}`))).toMatchObject({
      ok: true,
      value: { accounts: [{ issuer: 'ACME' }], skipped: [{ name: '#1', problem: { code: 'err_import_field_too_long' } }] },
    });
    const bitwarden = { encrypted: false, items: [{ name: 'x', login: { totp: long } }] };
    expect(await importFile(inputOf(JSON.stringify(bitwarden)))).toMatchObject({
      ok: true,
      value: { accounts: [], skipped: [{ problem: { code: 'err_import_field_too_long' } }] },
    });
  });

  it('refuses an Aegis vault whose scrypt cost would hang the browser', async () => {
    const vault = {
      version: 1,
      header: {
        slots: [
          {
            type: 1,
            key: '00'.repeat(32),
            key_params: { nonce: '00'.repeat(12), tag: '00'.repeat(16) },
            n: 2 ** 30,
            r: 8,
            p: 1,
            salt: '00'.repeat(32),
          },
        ],
        params: { nonce: '00'.repeat(12), tag: '00'.repeat(16) },
      },
      db: 'AAAA',
    };
    expect(await importFile(inputOf(JSON.stringify(vault)), 'x')).toMatchObject({
      ok: false,
      problem: { code: 'err_import_aegis_no_password_slot' },
    });
  });
});

describe('importFile: formats not covered by tests/fixtures', () => {
  it('reads a Sesame backup through readBackup, asking for its password', async () => {
    const account: Account = {
      id: 'a1',
      type: 'totp',
      issuer: 'ACME',
      label: 'jo',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      note: 'n',
      tags: ['work'],
      pinned: true,
      order: 'a0',
      sites: ['acme.com'],
      recoveryCodes: [{ code: 'r1', used: true }],
      createdAt: 1,
      updatedAt: 2,
    };
    const text = await createBackup([account], 'correct horse', 1_700_000_000_000, { iterations: 1000 });
    const input = inputOf(text, 'sesame.json');
    expect(await importFile(input)).toEqual({ needsPassword: true, format: { id: 'sesame-backup', name: 'Sesame' } });
    expect(await importFile(input, 'wrong')).toMatchObject({ ok: false, problem: { code: 'err_backup_wrong_passphrase' } });
    const [a] = accountsOf(await importFile(input, 'correct horse'));
    expect(a).toMatchObject({
      type: 'totp',
      issuer: 'ACME',
      label: 'jo',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      note: 'n',
      tags: ['work'],
      pinned: true,
      sites: ['acme.com'],
    });
    expect(a!.recoveryCodes).toEqual([{ code: 'r1', used: true }]);
    expect(a).not.toHaveProperty('id');
  });

  it('reads Bitwarden folders, favourites, notes, login hosts and bare Base32 secrets', async () => {
    const json = {
      encrypted: false,
      folders: [{ id: 'f1', name: 'Work' }],
      items: [
        {
          name: 'ACME',
          notes: 'desk 3',
          favorite: true,
          folderId: 'f1',
          login: { username: 'jo', totp: 'JBSW Y3DP EHPK 3PXP', uris: [{ uri: 'https://login.acme.com/x' }] },
        },
        { name: 'No TOTP', login: { username: 'x', totp: null } },
        { name: 'Secure note', type: 2 },
      ],
    };
    const outcome = await importFile(inputOf(JSON.stringify(json)));
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'bitwarden-json' }, skipped: [] } });
    const accounts = accountsOf(outcome);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      type: 'totp',
      issuer: 'ACME',
      label: 'jo',
      note: 'desk 3',
      pinned: true,
      tags: ['Work'],
      sites: ['login.acme.com'],
      period: 30,
      digits: 6,
    });
    expect(hex(accounts[0]!.secret)).toBe(hex(base32Decode('JBSWY3DPEHPK3PXP')));
  });

  it('reads Bitwarden CSV with quoted fields', async () => {
    const csv =
      'folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\r\n' +
      'Work,1,login,"ACME, Inc.","line 1\nline ""2""",,"https://acme.com,https://b.acme.com",jo,pw,JBSWY3DPEHPK3PXP\r\n' +
      ',,login,Plain,,,,,,\r\n';
    const [a, ...rest] = accountsOf(await importFile(inputOf(csv)));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      issuer: 'ACME, Inc.',
      label: 'jo',
      note: 'line 1\nline "2"',
      pinned: true,
      tags: ['Work'],
      sites: ['acme.com', 'b.acme.com'],
    });
  });

  it('says encrypted Bitwarden, Ente and Proton exports cannot be opened', async () => {
    const cases: [unknown, string][] = [
      [{ encrypted: true, passwordProtected: true, salt: 'x', kdfType: 0, data: 'x' }, 'Bitwarden'],
      [{ version: 1, kdfParams: { memLimit: 1, opsLimit: 1, salt: 'x' }, encryptedData: 'x', encryptionNonce: 'x' }, 'Ente Auth'],
      [{ version: 1, salt: 'x', content: 'x' }, 'Proton Authenticator'],
    ];
    for (const [json, app] of cases) {
      expect(await importFile(inputOf(JSON.stringify(json)), 'pw')).toMatchObject({
        ok: false,
        problem: { code: 'err_import_encrypted_unsupported', params: [app] },
      });
    }
  });

  it('keeps Ente pinned, tags and notes and skips trashed entries', async () => {
    const display = (d: object) => encodeURIComponent(JSON.stringify(d));
    const text = [
      `otpauth://totp/ACME:jo?secret=JBSWY3DPEHPK3PXP&issuer=ACME&codeDisplay=${display({ pinned: true, trashed: false, tags: ['a', 'b'], note: 'hi' })}`,
      `otpauth://totp/Old:x?secret=JBSWY3DPEHPK3PXP&issuer=Old&codeDisplay=${display({ trashed: true })}`,
    ].join('\n');
    expect(await importFile(inputOf(text))).toMatchObject({
      ok: true,
      value: {
        format: { id: 'ente-auth' },
        accounts: [{ issuer: 'ACME', pinned: true, tags: ['a', 'b'], note: 'hi' }],
        skipped: [{ name: 'Old (x)', problem: { code: 'err_import_ente_trashed' } }],
      },
    });
  });

  it('reads Aegis db v3 groups, notes, favourites and skips unsupported types', async () => {
    const vault = {
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 3,
        groups: [{ uuid: 'g1', name: 'Work' }],
        entries: [
          {
            type: 'totp',
            name: 'jo',
            issuer: 'ACME',
            note: 'n',
            favorite: true,
            groups: ['g1', 'missing'],
            info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
          },
          {
            type: 'yandex',
            name: 'y',
            issuer: 'Yandex',
            info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8, period: 30, pin: '1234' },
          },
        ],
      },
    };
    expect(await importFile(inputOf(JSON.stringify(vault)))).toMatchObject({
      ok: true,
      value: {
        accounts: [{ issuer: 'ACME', note: 'n', pinned: true, tags: ['Work'] }],
        skipped: [{ name: 'Yandex (y)', problem: { code: 'err_import_unsupported_type', params: ['yandex'] } }],
      },
    });
  });

  it('reads Stratum categories as tags and 2FAS groups as tags', async () => {
    const stratum = {
      Authenticators: [{ Type: 2, Issuer: 'ACME', Username: 'jo', Secret: 'JBSWY3DPEHPK3PXP', Algorithm: 1, Digits: 6, Period: 30 }],
      Categories: [{ Id: 'c1', Name: 'Work' }],
      AuthenticatorCategories: [{ CategoryId: 'c1', AuthenticatorSecret: 'JBSWY3DPEHPK3PXP' }],
    };
    expect(accountsOf(await importFile(inputOf(JSON.stringify(stratum))))[0]).toMatchObject({ algorithm: 'SHA256', tags: ['Work'] });
    const twofas = {
      schemaVersion: 4,
      groups: [{ id: 'g1', name: 'Home' }],
      services: [
        {
          name: 'ACME',
          secret: 'JBSWY3DPEHPK3PXP',
          groupId: 'g1',
          otp: { account: 'jo', tokenType: 'TOTP', digits: 6, period: 30, algorithm: 'SHA1' },
        },
      ],
    };
    expect(accountsOf(await importFile(inputOf(JSON.stringify(twofas))))[0]).toMatchObject({ issuer: 'ACME', label: 'jo', tags: ['Home'] });
  });

  it('keeps the Steam revocation code as a recovery code', async () => {
    const maFile = { shared_secret: 'THIl8+Jl6ugxr8x0X6eRMg==', account_name: 'Sophia', revocation_code: 'R1234' };
    expect(accountsOf(await importFile(inputOf(JSON.stringify(maFile))))[0]).toMatchObject({
      type: 'steam',
      issuer: 'Steam',
      recoveryCodes: [{ code: 'R1234', used: false }],
    });
  });
});

describe('importFile: Google Authenticator transfer links in a text file', () => {
  it('reads example_export.txt (5 links, 6 accounts, comments skipped)', async () => {
    const outcome = await importFile(fixtureInput('google_auth_migration', 'example_export.txt'));
    expect(outcome).toMatchObject({ ok: true, value: { format: { id: 'otpauth-list' }, skipped: [] } });
    const accounts = accountsOf(outcome);
    expect(accounts).toHaveLength(6);
    for (const a of accounts) expect(hex(a.secret)).toBe(hex(base32Decode('7KSQL2JTUDIS5EF65KLMRQIIGY')));
    expect(accounts.find((a) => a.type === 'hotp')).toMatchObject({ label: 'hotp demo', counter: 4 });
  });

  /** A minimal MigrationPayload (google_auth.proto) with one TOTP account. */
  function migrationUri(batch: { size: number; index: number; id: number }, name: string): string {
    const field = (n: number, bytes: number[]) => [(n << 3) | 2, bytes.length, ...bytes];
    const varint = (n: number, v: number) => [n << 3, v];
    const otp = [
      ...field(1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      ...field(2, [...Buffer.from(name)]),
      ...varint(4, 1),
      ...varint(5, 1),
      ...varint(6, 2),
    ];
    const payload = [...field(1, otp), ...varint(2, 1), ...varint(3, batch.size), ...varint(4, batch.index), ...varint(5, batch.id)];
    return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
  }

  it('warns when only some QR codes of a multi-part export are present', async () => {
    const one = migrationUri({ size: 2, index: 0, id: 7 }, 'a');
    expect(await importFile(inputOf(one))).toMatchObject({
      ok: true,
      value: {
        accounts: [{ label: 'a' }],
        skipped: [{ name: '#1', problem: { code: 'err_import_migration_parts_missing', params: ['1', '2'], count: 1 } }],
      },
    });
    const both = `${one}\n${migrationUri({ size: 2, index: 1, id: 7 }, 'b')}`;
    expect(await importFile(inputOf(both))).toMatchObject({ ok: true, value: { accounts: [{ label: 'a' }, { label: 'b' }], skipped: [] } });
  });
});
