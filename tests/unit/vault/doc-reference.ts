/**
 * An independent reader/writer written from docs/vault-format.md alone, using @noble/hashes for
 * PBKDF2 and node:crypto for AES-256-GCM (not WebCrypto, not lib/vault). If the implementation
 * and the document drift apart, the tests that use this fail.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';

export function kdf(passphrase: string, salt: Uint8Array, iterations: number): Uint8Array {
  return pbkdf2(sha256, new TextEncoder().encode(passphrase.normalize('NFC')), salt, { c: iterations, dkLen: 32 });
}

/** AES-256-GCM; `sealed` is ciphertext || 16-byte tag. */
export function gcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

export function gcmSeal(key: Uint8Array, plain: Uint8Array, aad: string): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return { iv, sealed: Buffer.concat([body, c.getAuthTag()]) };
}

/** Writes a backup file per the document (used to craft files with chosen plaintext). */
export function writeBackupByHand(plaintext: unknown, passphrase: string, iterations = 1000): string {
  const salt = randomBytes(16);
  const { iv, sealed } = gcmSeal(kdf(passphrase, salt, iterations), Buffer.from(JSON.stringify(plaintext), 'utf8'), 'sesame-backup/v1');
  return JSON.stringify({
    format: 'sesame-backup',
    version: 1,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    ciphertext: sealed.toString('base64'),
  });
}
