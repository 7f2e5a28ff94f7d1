import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import { accountToJson, decodeAccount, encodeAccount, parseStoredAccount } from '../../../lib/vault/account-codec';
import { hotpDraft, steamDraft, totpDraft } from './helpers';

const withMeta = (draft: object, id = 'id-1'): Account =>
  ({ ...draft, id, order: 'a3', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_500 }) as Account;

describe('account codec', () => {
  it.each([
    ['totp', withMeta(totpDraft())],
    ['hotp', withMeta(hotpDraft())],
    ['steam', withMeta(steamDraft())],
  ])('round-trips a %s account through bytes', (_type, account) => {
    expect(decodeAccount(encodeAccount(account))).toEqual({ ok: true, value: account });
  });

  it('writes the secret as Base64 or Base32 and reads it back', () => {
    const account = withMeta(totpDraft());
    const b64 = accountToJson(account, 'base64');
    const b32 = accountToJson(account, 'base32');
    expect(b64['secret']).toBe(Buffer.from('12345678901234567890').toString('base64'));
    expect(b32['secret']).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'); // RFC 6238 seed in Base32
    expect(parseStoredAccount(b32, 'base32')).toEqual({ ok: true, value: account });
  });

  it('copies only known fields', () => {
    const account = { ...withMeta(steamDraft()), extra: 'x' } as unknown as Account;
    expect(Object.keys(accountToJson(account))).not.toContain('extra');
  });

  const base = () => accountToJson(withMeta(totpDraft()), 'base64');
  it.each([
    ['unknown field', { ...base(), extra: 1 }, 'extra'],
    ['bad type', { ...base(), type: 'sms' }, 'type'],
    ['empty id', { ...base(), id: '' }, 'id'],
    ['numeric issuer', { ...base(), issuer: 5 }, 'issuer'],
    ['bad secret', { ...base(), secret: 'not base64!' }, 'secret'],
    ['empty secret', { ...base(), secret: '' }, 'secret'],
    ['digits 5 on totp', { ...base(), digits: 5 }, 'digits'],
    ['MD5', { ...base(), algorithm: 'MD5' }, 'algorithm'],
    ['period 0', { ...base(), period: 0 }, 'period'],
    ['fractional period', { ...base(), period: 1.5 }, 'period'],
    ['missing pinned', { ...base(), pinned: undefined }, 'pinned'],
    ['tags not strings', { ...base(), tags: [1] }, 'tags'],
    ['recovery code without used', { ...base(), recoveryCodes: [{ code: 'a' }] }, 'recoveryCodes'],
    ['negative createdAt', { ...base(), createdAt: -1 }, 'createdAt'],
    ['period on steam', { ...accountToJson(withMeta(steamDraft())), period: 30 }, 'period'],
    ['negative counter', { ...accountToJson(withMeta(hotpDraft())), counter: -1 }, 'counter'],
  ])('refuses %s', (_name, json, field) => {
    expect(parseStoredAccount(json)).toEqual({ ok: false, problem: { code: 'err_vault_account_invalid', params: [field] } });
  });

  it('refuses non-JSON and non-UTF-8 bytes', () => {
    expect(decodeAccount(new TextEncoder().encode('{oops')).ok).toBe(false);
    expect(decodeAccount(new Uint8Array([0xff, 0xfe])).ok).toBe(false);
  });
});

describe('order keys and conflict copies in the account JSON', () => {
  const json = (over: Record<string, unknown>) => ({ ...accountToJson(withMeta(totpDraft())), ...over });

  it('reads a numeric order (records written before order keys) as the key that keeps its place', () => {
    const read = (order: unknown) => parseStoredAccount(json({ order }));
    expect(read(0)).toMatchObject({ ok: true, value: { order: 'a0' } });
    expect(read(62)).toMatchObject({ ok: true, value: { order: 'b00' } });
    expect(read('a0V')).toMatchObject({ ok: true, value: { order: 'a0V' } });
    for (const bad of ['', 'a10', Number.NaN, null])
      expect(read(bad)).toEqual({ ok: false, problem: { code: 'err_vault_account_invalid', params: ['order'] } });
  });

  it('keeps conflictOf on a conflict copy and refuses a malformed one', () => {
    const conflictOf = { id: 'id-0', clock: '018f6a3b2c00-0000-9f86d081884c7d65' };
    const read = parseStoredAccount(json({ conflictOf }));
    expect(read).toMatchObject({ ok: true, value: { conflictOf } });
    expect(accountToJson((read as { value: Account }).value)['conflictOf']).toEqual(conflictOf);
    expect(accountToJson(withMeta(totpDraft()))).not.toHaveProperty('conflictOf');
    for (const bad of [{ id: 'x' }, { id: '', clock: conflictOf.clock }, { id: 'x', clock: 'yesterday' }, 'x']) {
      expect(parseStoredAccount(json({ conflictOf: bad }))).toEqual({
        ok: false,
        problem: { code: 'err_vault_account_invalid', params: ['conflictOf'] },
      });
    }
  });
});
