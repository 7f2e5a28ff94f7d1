import type { AccountDraft } from '../../../lib/otp/account';
import { HEADER_KEY, openVaultDb, type VaultDb } from '../../../lib/vault/vault-db';
import type { VaultHeader } from '../../../lib/vault/vault-header';

/** Low PBKDF2 work factor so tests run fast (production uses DEFAULT_ITERATIONS). */
export const FAST = { iterations: 1000 } as const;

/** The RFC 6238 Appendix B SHA-1 seed, "12345678901234567890". */
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

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

/** The value of an ok Result (throws on a Problem, naming it). */
export const unwrap = <T>(r: { ok: true; value: T } | { ok: false; problem: { code: string } }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}`);
  return r.value;
};

/** A vault's stored format-2 header, as stored (for tests that inspect or tamper with it). */
export async function storedHeader(db: VaultDb): Promise<VaultHeader> {
  const header = await db.get('meta', HEADER_KEY);
  if (!header || !('version' in header) || header.version !== 2) throw new Error('not a format-2 header');
  return header;
}

/** Replaces the stored header with `edit` of a deep copy of it (tamper in storage, no MAC update). */
export async function tamperHeader(db: VaultDb, edit: (h: Record<string, any>) => unknown): Promise<void> {
  const copy = structuredClone(await storedHeader(db)) as unknown as Record<string, any>;
  await db.put('meta', (edit(copy) ?? copy) as never, HEADER_KEY);
}

/** Raw bytes of a data key, for comparing two keys. */
export const rawKey = async (key: CryptoKey): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.exportKey('raw', key));

/** A fake passkey: a credential id and a PRF that is HMAC-SHA256 under a per-authenticator secret (like CTAP2 hmac-secret). */
export function fakePasskey(seed: number): { credentialId: Uint8Array; prf: (salt: Uint8Array) => Promise<Uint8Array> } {
  const secret = new Uint8Array(32).fill(seed);
  return {
    credentialId: new Uint8Array(16).fill(seed + 100),
    async prf(salt) {
      const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(salt)));
    },
  };
}
