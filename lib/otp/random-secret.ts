/**
 * A fresh random secret from the platform CSPRNG (`crypto.getRandomValues`). 20 bytes = 160 bits,
 * the HMAC-SHA1 output size RFC 4226 §4 (R6) recommends; it must be at least 16 (128 bits).
 */
export function randomSecret(bytes = 20): Uint8Array {
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024)
    throw new RangeError('randomSecret: bytes must be an integer from 16 to 1024');
  return crypto.getRandomValues(new Uint8Array(bytes));
}
