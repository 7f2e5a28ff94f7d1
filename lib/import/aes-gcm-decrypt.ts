/**
 * AES-GCM decryption (NIST SP 800-38D) with WebCrypto. `data` is the ciphertext followed by the
 * 16-byte tag, as WebCrypto expects. Answers `undefined` when authentication fails (wrong key or
 * altered data) or the key/nonce has a size AES-GCM does not accept; never throws.
 */
export async function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array | undefined> {
  if (![16, 24, 32].includes(key.length) || iv.length === 0 || data.length < 16) return undefined;
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(iv) }, cryptoKey, new Uint8Array(data));
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

/** `a` followed by `b`. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
