/**
 * Writes an encrypted Aegis vault (beemdevelopment/Aegis docs/vault.md) with node:crypto alone, so
 * tests can make files with any number of password slots and any scrypt cost without Sesame's
 * code: a random master key wrapped per slot with AES-256-GCM under scrypt(password, salt, N, r, p),
 * and the `db` JSON encrypted under the master key.
 */
import { createCipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';

export interface AegisSlotSpec {
  readonly password: string;
  readonly N: number;
  readonly r?: number;
  readonly p?: number;
}

function seal(key: Buffer, plain: Buffer): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/**
 * The file's text. `derive: false` writes random bytes where a slot's wrapped key goes instead of
 * running scrypt (for slots a test needs only to exist, at costs too high to compute in a test).
 */
export function makeAegisFile(
  slots: readonly (AegisSlotSpec & { derive?: boolean })[],
  issuer = 'Acme',
  secret = 'JBSWY3DPEHPK3PXP',
): string {
  const master = randomBytes(32);
  const header = {
    slots: slots.map((s) => {
      const salt = randomBytes(32);
      const r = s.r ?? 8;
      const p = s.p ?? 1;
      const key = s.derive === false ? randomBytes(32) : scryptSync(s.password, salt, 32, { N: s.N, r, p, maxmem: 512 * 1024 * 1024 });
      const wrapped = seal(key, master);
      return {
        type: 1,
        uuid: randomUUID(),
        key: wrapped.ciphertext.toString('hex'),
        key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
        n: s.N,
        r,
        p,
        salt: salt.toString('hex'),
      };
    }),
    params: {} as Record<string, string>,
  };
  const db = {
    version: 2,
    entries: [
      {
        type: 'totp',
        uuid: randomUUID(),
        name: 'alice',
        issuer,
        note: '',
        favorite: false,
        info: { secret, algo: 'SHA1', digits: 6, period: 30 },
      },
    ],
    groups: [],
  };
  const body = seal(master, Buffer.from(JSON.stringify(db)));
  header.params = { nonce: body.nonce.toString('hex'), tag: body.tag.toString('hex') };
  return JSON.stringify({ version: 1, header, db: body.ciphertext.toString('base64') });
}
