import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey, RECOVERY_KEY_ALPHABET } from '../../../lib/vault/recovery-key';
import { readRecoveryKeyText, writeRecoveryKeyText } from './doc-reference';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i * 17); // 00 11 22 … ff
const keyArb = fc.uint8Array({ minLength: 16, maxLength: 16 });
const problem = (code: string, ...params: string[]) => ({ ok: false, problem: params.length ? { code, params } : { code } });

describe('recovery key text', () => {
  it('is 7 groups of 4 characters of the documented alphabet, as a reader written from the document writes it', () => {
    const text = formatRecoveryKey(KEY);
    expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
    expect(text).toBe(writeRecoveryKeyText(KEY));
    // The document's example, computed once with a few lines of Python from §9.
    expect(text).toBe('0024-H36H-2NCS-VRH6-DAQF-6DVV-QZ2B');
    expect(readRecoveryKeyText(text)).toEqual(KEY);
  });

  it('round-trips any 16 bytes, and agrees with the independent reader', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const text = formatRecoveryKey(key);
        expect(parseRecoveryKey(text)).toEqual({ ok: true, value: key });
        expect(readRecoveryKeyText(text)).toEqual(key);
      }),
    );
  });

  it('generates 16 fresh random bytes', () => {
    const a = generateRecoveryKey();
    expect(a).toHaveLength(16);
    expect(generateRecoveryKey()).not.toEqual(a);
  });

  it('tolerates spaces, other separators, lower case and full-width forms', () => {
    const text = formatRecoveryKey(KEY);
    const plain = text.replace(/-/g, '');
    for (const typed of [
      plain,
      text.toLowerCase(),
      text.replace(/-/g, ' '),
      `  ${plain.match(/.{4}/g)!.join('  ')}\n`,
      text.replace(/-/g, '\u2013'),
      plain.match(/.{2}/g)!.join('.'),
      [...text].map((c) => (c === '-' ? c : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join(''), // full-width
    ]) {
      expect(parseRecoveryKey(typed)).toEqual({ ok: true, value: KEY });
    }
  });

  it('reads O as 0 and I and L as 1 (Crockford), in either case', () => {
    // A key whose text holds 0s and 1s.
    const key = new Uint8Array(16);
    key[15] = 0x21; // ...00001 00001
    const text = formatRecoveryKey(key);
    expect(text).toMatch(/0/);
    expect(text).toMatch(/1/);
    for (const typed of [
      text.replace(/0/g, 'O'),
      text.replace(/0/g, 'o').replace(/1/g, 'I'),
      text.replace(/1/g, 'l'),
      text.replace(/1/g, 'L'),
    ]) {
      expect(parseRecoveryKey(typed)).toEqual({ ok: true, value: key });
    }
  });

  it('finds every single mistyped character, in every position', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const chars = [...formatRecoveryKey(key).replace(/-/g, '')];
        for (let i = 0; i < chars.length; i++) {
          for (const other of RECOVERY_KEY_ALPHABET) {
            if (other === chars[i]) continue;
            const typo = [...chars];
            typo[i] = other;
            expect(parseRecoveryKey(typo.join('')).ok).toBe(false);
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('finds every swap of two neighbouring characters', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const chars = [...formatRecoveryKey(key).replace(/-/g, '')];
        for (let i = 0; i + 1 < chars.length; i++) {
          if (chars[i] === chars[i + 1]) continue;
          const swapped = [...chars];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          expect(parseRecoveryKey(swapped.join(''))).toEqual(problem('err_recovery_key_check'));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('says what is wrong: a typo, a missing group, a character that is not in the alphabet', () => {
    const text = formatRecoveryKey(KEY);
    const chars = [...text];
    chars[5] = chars[5] === '7' ? '8' : '7';
    expect(parseRecoveryKey(chars.join(''))).toEqual(problem('err_recovery_key_check'));
    expect(parseRecoveryKey(text.slice(0, -5))).toEqual(problem('err_recovery_key_length', '24', '28'));
    expect(parseRecoveryKey(`${text}-AAAA`)).toEqual(problem('err_recovery_key_length', '32', '28'));
    expect(parseRecoveryKey(text.replace(/.$/, 'U'))).toEqual(problem('err_recovery_key_character', 'U'));
    expect(parseRecoveryKey(text.replace(/^./, '#'))).toEqual(problem('err_recovery_key_character', '#'));
    expect(parseRecoveryKey('')).toEqual(problem('err_recovery_key_length', '0', '28'));
  });

  it('refuses a first character above 7 (the key has 128 bits, the text 130)', () => {
    const chars = [...formatRecoveryKey(KEY).replace(/-/g, '')];
    chars[0] = 'Z';
    expect(parseRecoveryKey(chars.join(''))).toEqual(problem('err_recovery_key_check'));
  });
});
