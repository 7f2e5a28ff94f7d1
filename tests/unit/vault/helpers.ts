import type { AccountDraft } from '../../../lib/otp/account';
import { openVaultDb, type VaultDb } from '../../../lib/vault/vault-db';

/** Low PBKDF2 work factor so tests run fast (production uses DEFAULT_ITERATIONS). */
export const FAST = { iterations: 1000 } as const;

/** The RFC 6238 Appendix B SHA-1 seed, "12345678901234567890". */
export const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

let counter = 0;
/** A fresh, empty database per test (fake-indexeddb is global). */
export function freshDb(): Promise<VaultDb> {
  counter += 1;
  return openVaultDb(`vault-test-${Date.now()}-${counter}`);
}

export const totpDraft = (over: Partial<AccountDraft> = {}): AccountDraft =>
  ({
    type: 'totp',
    issuer: 'Example Bank',
    label: 'alice@example.com',
    secret: RFC_SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    note: 'main login',
    tags: ['finance'],
    pinned: false,
    sites: ['examplebank.com'],
    recoveryCodes: [{ code: 'rc-1111-2222', used: false }],
    ...over,
  }) as AccountDraft;

export const hotpDraft = (): AccountDraft => ({
  type: 'hotp',
  issuer: 'Hotp Corp',
  label: 'bob',
  secret: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  algorithm: 'SHA256',
  digits: 8,
  counter: 42,
  note: '',
  tags: [],
  pinned: true,
  sites: [],
  recoveryCodes: [],
});

export const steamDraft = (): AccountDraft => ({
  type: 'steam',
  issuer: 'Steam',
  label: 'gamer',
  secret: new Uint8Array(20).fill(7),
  note: '',
  tags: [],
  pinned: false,
  sites: ['steampowered.com'],
  recoveryCodes: [],
});
