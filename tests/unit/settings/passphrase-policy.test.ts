import { describe, expect, it } from 'vitest';
import { checkNewPassphrase } from '../../../lib/settings/passphrase-policy';
import { VaultService } from '../../../lib/vault-service/vault-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb } from '../../../lib/vault/vault-db';
import { hasVault } from '../../../lib/vault/vault';

const code = (p: string) => {
  const r = checkNewPassphrase(p);
  return r.ok ? 'ok' : r.problem.code;
};

describe('checkNewPassphrase', () => {
  it.each([
    ['eight spaces', ' '.repeat(8)],
    ['twenty spaces', ' '.repeat(20)],
    ['tabs and line breaks', '\t\t\n\n\r\n  \t'],
    ['no-break spaces', '\u00a0'.repeat(10)],
    ['ideographic spaces', '\u3000'.repeat(10)],
    ['em and thin spaces', '\u2003\u2009\u2003\u2009\u2003\u2009\u2003\u2009'],
    ['zero-width characters and spaces', '\u200b \u200c \u200d \u2060 '],
    ['nothing', ''],
  ])('refuses %s', (_, passphrase) => expect(code(passphrase)).toBe('err_passphrase_blank'));

  it('refuses a short one, and accepts eight characters with spaces among them', () => {
    expect(code('short')).toBe('err_passphrase_short');
    expect(code(' a b c ')).toBe('err_passphrase_short');
    expect(code('   a    ')).toBe('ok');
    expect(code('correct horse battery staple')).toBe('ok');
  });
});

describe('the vault refuses a blank passphrase and changes nothing', () => {
  let n = 0;
  const make = () => {
    const db = openVaultDb(`passphrase-policy-${++n}`);
    return {
      db,
      service: new VaultService({ db: () => db, session: memoryStore(), local: memoryStore(), now: () => 0, iterations: 1000 }),
    };
  };

  it('at setup', async () => {
    const { db, service } = make();
    expect(await service.handle({ type: 'setup', passphrase: ' '.repeat(12) })).toEqual({
      ok: false,
      problem: { code: 'err_passphrase_blank' },
    });
    expect(await hasVault(await db)).toBe(false);
  });

  it('at a passphrase change: the old passphrase still unlocks', async () => {
    const { service } = make();
    await service.handle({ type: 'setup', passphrase: 'long enough one' });
    expect(await service.handle({ type: 'change-passphrase', current: 'long enough one', next: '\u00a0'.repeat(9) })).toEqual({
      ok: false,
      problem: { code: 'err_passphrase_blank' },
    });
    await service.handle({ type: 'lock' });
    expect(await service.handle({ type: 'unlock', passphrase: 'long enough one' })).toMatchObject({ ok: true });
  });
});
