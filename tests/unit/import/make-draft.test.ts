import { describe, expect, it } from 'vitest';
import { makeDraft, normaliseAlgorithm } from '../../../lib/import/make-draft';

const secret = new Uint8Array([1, 2, 3]);

describe('makeDraft', () => {
  it('applies the RFC defaults (SHA1, 6 digits, 30 s, counter 0) and the draft defaults', () => {
    expect(makeDraft({ type: 'TOTP', secret })).toEqual({
      ok: true,
      value: {
        type: 'totp',
        secret,
        issuer: '',
        label: '',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        note: '',
        tags: [],
        pinned: false,
        sites: [],
        recoveryCodes: [],
      },
    });
    expect(makeDraft({ type: 'hotp', secret })).toMatchObject({ ok: true, value: { type: 'hotp', counter: 0 } });
  });

  it('reads the spellings of algorithms other apps use', () => {
    expect(['sha1', 'SHA-256', 'HmacSHA512', 'HMAC-SHA256', 'sha_512'].map(normaliseAlgorithm)).toEqual([
      'SHA1',
      'SHA256',
      'SHA512',
      'SHA256',
      'SHA512',
    ]);
    expect(normaliseAlgorithm('MD5')).toBeUndefined();
  });

  it('names what Sesame cannot hold', () => {
    expect(makeDraft({ type: 'motp', secret })).toMatchObject({
      ok: false,
      problem: { code: 'err_import_unsupported_type', params: ['motp'] },
    });
    expect(makeDraft({ type: 'totp', secret, algorithm: 'MD5' })).toMatchObject({
      problem: { code: 'err_import_unsupported_algorithm', params: ['MD5'] },
    });
    expect(makeDraft({ type: 'totp', secret, digits: 10 })).toMatchObject({
      problem: { code: 'err_import_unsupported_digits', params: ['10'] },
    });
    expect(makeDraft({ type: 'totp', secret, period: 0 })).toMatchObject({ problem: { code: 'err_import_bad_period' } });
    expect(makeDraft({ type: 'totp', secret, period: 1.5 })).toMatchObject({ problem: { code: 'err_import_bad_period' } });
    expect(makeDraft({ type: 'hotp', secret, counter: -1 })).toMatchObject({ problem: { code: 'err_import_bad_counter' } });
    expect(makeDraft({ type: 'hotp', secret, counter: 2 ** 60 })).toMatchObject({ problem: { code: 'err_import_bad_counter' } });
    expect(makeDraft({ type: 'totp', secret: new Uint8Array() })).toMatchObject({ problem: { code: 'err_import_secret_missing' } });
  });

  it('refuses text fields too long to be real, and shortens values quoted in problems', () => {
    expect(makeDraft({ type: 'totp', secret, label: 'x'.repeat(513) })).toMatchObject({
      problem: { code: 'err_import_field_too_long', params: ['512'] },
    });
    expect(makeDraft({ type: 'totp', secret, note: 'x'.repeat(70_000) })).toMatchObject({ problem: { code: 'err_import_field_too_long' } });
    expect(makeDraft({ type: 'totp', secret, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) })).toMatchObject({
      problem: { code: 'err_import_too_many_items' },
    });
    const r = makeDraft({ type: 'x'.repeat(1000), secret });
    expect(!r.ok && r.problem.params![0]!.length).toBeLessThan(30);
  });

  it('cleans tags: trimmed, no blanks, no repeats; Steam ignores algorithm and digits', () => {
    expect(makeDraft({ type: 'totp', secret, tags: [' a ', '', 'a', 'b'] })).toMatchObject({ value: { tags: ['a', 'b'] } });
    const steam = makeDraft({ type: 'STEAM', secret, algorithm: 'MD5', digits: 5 });
    expect(steam.ok && steam.value).not.toHaveProperty('digits');
  });
});
