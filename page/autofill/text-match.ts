/**
 * Normalises field text (ids, names, labels) and matches it against word lists.
 * Plain string code: it runs inside the page.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Lower case, accents dropped, camelCase and letter-digit boundaries split, every run of
 * punctuation or spacing turned into one space: `"twoFactorCode"` → `"two factor code"`,
 * `"Código de verificación"` → `"codigo de verificacion"`, `"otp_1"` and `"otp1"` → `"otp 1"`.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A test for normalised text: does it contain one of `words`? Words in scripts without spaces
 * (Chinese, Japanese) match anywhere; others match at the start of a word, and also at its end
 * when written with a trailing `$`.
 */
export function wordMatcher(words: readonly string[]): (normalised: string) => boolean {
  const parts = words.map((word) => {
    const whole = word.endsWith('$');
    const text = normaliseText(whole ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (CJK.test(text)) return text;
    return `(?:^| )${text}${whole ? '(?: |$)' : ''}`;
  });
  const re = new RegExp(parts.join('|'), 'u');
  return (normalised) => re.test(normalised);
}
