/**
 * Accounts like a real vault's, for the size tests and the figures: a mix of issuers, e-mail
 * labels, 20-byte secrets (RFC 4226's recommended 160 bits), a site each, some tags, a few notes
 * and recovery codes, one HOTP in twenty. Sealed as the vault seals them.
 */
import type { Account } from '../../../lib/otp/account';
import type { OpenedRecord } from '../../../lib/vault/account-record';
import { orderKeysBetween } from '../../../lib/vault/order-key';

const ISSUERS = [
  'GitHub',
  'Google',
  'Microsoft',
  'Amazon Web Services',
  'Dropbox',
  'Cloudflare',
  'Proton',
  'Example Bank',
  'npm',
  'GitLab',
];

export function typicalAccounts(count: number): Account[] {
  const keys = orderKeysBetween(undefined, undefined, count);
  return Array.from({ length: count }, (_, i) => {
    const issuer = ISSUERS[i % ISSUERS.length]!;
    const base = {
      id: crypto.randomUUID(),
      issuer,
      label: `user.${i}@example.com`,
      secret: crypto.getRandomValues(new Uint8Array(20)),
      note: i % 10 === 0 ? 'Backup phone: ask IT' : '',
      tags: i % 3 === 0 ? ['work'] : [],
      pinned: i % 25 === 0,
      order: keys[i]!,
      sites: [`https://${issuer.toLowerCase().replace(/\s+/g, '')}.com`],
      recoveryCodes: i % 15 === 0 ? Array.from({ length: 8 }, (_, j) => ({ code: `${1000 + j}-${2000 + i}`, used: false })) : [],
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
    };
    return i % 20 === 19
      ? { ...base, type: 'hotp', algorithm: 'SHA1', digits: 6, counter: i }
      : { ...base, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 };
  });
}

const clockOf = (i: number) => `${(1_750_000_000_000 + i).toString(16).padStart(12, '0')}-0000-0123456789abcdef`;

/** Live versions of `count` typical accounts, as sync merges them. */
export function typicalVersions(count: number): OpenedRecord[] {
  return typicalAccounts(count).map((account, i) => ({ id: account.id, clock: clockOf(i), deleted: false, account }));
}
