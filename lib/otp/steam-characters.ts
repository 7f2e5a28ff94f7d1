/** Steam Guard's 26 characters: digits and upper-case letters without look-alikes (no 0, 1, A, E, I, L, O, S, U, Z). */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * Steam Guard's code from the 31-bit value of RFC 4226's dynamic truncation (§5.3): `count`
 * characters, `STEAM_ALPHABET[v % 26]`, then `v = floor(v / 26)`, least significant first.
 */
export function steamCharacters(value: number, count: number): string {
  let code = '';
  for (let i = 0; i < count; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
