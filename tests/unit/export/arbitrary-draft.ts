import fc from 'fast-check';
import type { AccountDraft, Algorithm, Digits } from '../../../lib/otp/account';

/** Unicode text as a user might type it: whole graphemes, no surrounding spaces (apps trim them). */
const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength }).map((s) => s.trim());

const common = fc.record({
  secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  issuer: text(24),
  label: text(24),
  note: fc.string({ unit: 'grapheme', maxLength: 60 }),
  tags: fc.uniqueArray(
    text(12).filter((t) => t !== ''),
    { maxLength: 4 },
  ),
  pinned: fc.boolean(),
  sites: fc.constant([] as string[]),
  recoveryCodes: fc.array(fc.record({ code: fc.stringMatching(/^[A-Za-z0-9-]{1,16}$/), used: fc.boolean() }), { maxLength: 4 }),
});
const algorithm = fc.constantFrom<Algorithm>('SHA1', 'SHA256', 'SHA512');
const digits = fc.constantFrom<Digits>(6, 7, 8);

/** Any draft Sesame can hold: every type, algorithm, digit count, period and counter. */
export const arbitraryDraft: fc.Arbitrary<AccountDraft> = fc.oneof(
  fc
    .tuple(common, algorithm, digits, fc.integer({ min: 1, max: 86_400 }))
    .map(([c, a, d, period]) => ({ ...c, type: 'totp' as const, algorithm: a, digits: d, period })),
  fc
    .tuple(common, algorithm, digits, fc.maxSafeNat())
    .map(([c, a, d, counter]) => ({ ...c, type: 'hotp' as const, algorithm: a, digits: d, counter })),
  common.map((c) => ({ ...c, type: 'steam' as const })),
);
