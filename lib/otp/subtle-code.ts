/**
 * The codes of generate-code.ts, computed with WebCrypto's HMAC: native and asynchronous, and no
 * code to load. The popup's first paint from its saved screen (components/popup/paint-saved-screen.ts)
 * uses it, because it runs before the popup's own code (otpauth, @noble/hashes, Preact) has
 * loaded. Tests check it against the RFC 4226 and RFC 6238 vectors and Steam's oracle.
 */
import { STEAM, type Algorithm } from './account';
import { counterAt } from './counter-at';
import { steamCharacters } from './steam-characters';
import type { CodeSource } from './generate-code';

const HASH_NAMES: Readonly<Record<Algorithm, string>> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

/**
 * RFC 4226 §5.3: HMAC over the 8-byte big-endian counter, then dynamic truncation: the low 4 bits
 * of the last byte pick 4 bytes, read as a 31-bit number.
 */
async function truncatedHmac(secret: Uint8Array, algorithm: Algorithm, counter: number): Promise<number> {
  const key = await crypto.subtle.importKey('raw', secret.slice(), { name: 'HMAC', hash: HASH_NAMES[algorithm] }, false, ['sign']);
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const offset = mac[mac.length - 1]! & 0x0f;
  return ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
}

/** The code for a moving factor: the counter for HOTP, the time step for TOTP and Steam. */
async function subtleCodeAtCounter(account: CodeSource, counter: number): Promise<string> {
  if (account.type === 'steam') return steamCharacters(await truncatedHmac(account.secret, STEAM.algorithm, counter), STEAM.digits);
  const value = await truncatedHmac(account.secret, account.algorithm, counter);
  return String(value % 10 ** account.digits).padStart(account.digits, '0');
}

/** What `codeAt` (generate-code.ts) shows for `account` at `timeMs`, from WebCrypto. */
export function subtleCodeAt(account: CodeSource, timeMs: number): Promise<string> {
  return subtleCodeAtCounter(account, counterAt(account, timeMs));
}
