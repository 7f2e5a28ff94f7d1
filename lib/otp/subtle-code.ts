/**
 * The codes of generate-code.ts, computed with WebCrypto's HMAC: native and asynchronous, and no
 * code to load. The popup draws its codes with it (code-book.ts): its first paint, from a saved
 * screen or not, then needs neither otpauth nor @noble/hashes. Tests check it against the RFC 4226
 * and RFC 6238 vectors, oathtool and Steam's oracle.
 */
import { STEAM, type Algorithm } from './account';
import { counterAt } from './counter-at';
import { steamCharacters } from './steam-characters';
import type { CodeSource } from './generate-code';

const HASH_NAMES: Readonly<Record<Algorithm, string>> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

/** The HMAC key of `account`'s codes (Steam's is HMAC-SHA1). Not extractable: it signs, nothing else. */
export function hmacKey(account: CodeSource): Promise<CryptoKey> {
  const algorithm = account.type === 'steam' ? STEAM.algorithm : account.algorithm;
  return crypto.subtle.importKey('raw', account.secret.slice(), { name: 'HMAC', hash: HASH_NAMES[algorithm] }, false, ['sign']);
}

/**
 * RFC 4226 §5.3: HMAC over the 8-byte big-endian counter, then dynamic truncation: the low 4 bits
 * of the last byte pick 4 bytes, read as a 31-bit number.
 */
async function truncatedHmac(key: CryptoKey, counter: number): Promise<number> {
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const offset = mac[mac.length - 1]! & 0x0f;
  return ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
}

/**
 * The code for a moving factor (the counter for HOTP, the time step for TOTP and Steam), with
 * `key` from `hmacKey(account)`: the last `digits` decimal digits of the truncated HMAC, or for
 * Steam its 5 characters.
 */
export async function codeWithKey(account: CodeSource, key: CryptoKey, counter: number): Promise<string> {
  const value = await truncatedHmac(key, counter);
  if (account.type === 'steam') return steamCharacters(value, STEAM.digits);
  return String(value % 10 ** account.digits).padStart(account.digits, '0');
}

/** What `codeAt` (generate-code.ts) shows for `account` at `timeMs`, from WebCrypto. */
export async function subtleCodeAt(account: CodeSource, timeMs: number): Promise<string> {
  return codeWithKey(account, await hmacKey(account), counterAt(account, timeMs));
}
