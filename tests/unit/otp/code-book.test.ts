import { describe, expect, it } from 'vitest';
import { createCodeBook, fillForDrawing, type BookAccount } from '../../../lib/otp/code-book';
import { OATHTOOL_SECRET } from '../../support/oathtool-cases';
import { base32Decode, oathtoolHotp, oathtoolTotp } from '../../support/oracles';

// The popup's code book: codes are checked against oathtool, never against Sesame's generators.
const T = 1_700_000_000_000; // 10 s before a 30 s period ends
const totp = (id: string, secret = base32Decode(OATHTOOL_SECRET), digits = 6, period = 30): BookAccount => ({
  id,
  type: 'totp',
  secret,
  algorithm: 'SHA1',
  digits,
  period,
});
const expected = (timeMs: number) => oathtoolTotp(OATHTOOL_SECRET, timeMs);
/** Resolves when the book next tells its listeners that codes asked for are in. */
const told = (book: ReturnType<typeof createCodeBook>) =>
  new Promise<void>((resolve) => {
    const stop = book.subscribe(() => {
      stop();
      resolve();
    });
  });

describe('the code book', () => {
  it('has the codes it was filled with, as oathtool computes them', async () => {
    const book = createCodeBook();
    const hotp: BookAccount = { id: 'h', type: 'hotp', secret: base32Decode(OATHTOOL_SECRET), algorithm: 'SHA256', digits: 8, counter: 7 };
    await book.fill([totp('a'), hotp], T);
    expect(book.codeAt(totp('a'), T)).toBe(expected(T));
    expect(book.codeAt(hotp, T)).toBe(oathtoolHotp(OATHTOOL_SECRET, 7, { algorithm: 'SHA256', digits: 8 }));
  });

  it('answers nothing for a code not computed yet, computes it, then tells its listeners', async () => {
    const book = createCodeBook();
    const inBook = told(book);
    expect(book.codeAt(totp('a'), T)).toBeUndefined();
    await inBook;
    expect(book.codeAt(totp('a'), T)).toBe(expected(T));
  });

  it('keeps the codes of an account that comes back as another object with the same secret', async () => {
    const book = createCodeBook();
    await book.fill([totp('a')], T);
    expect(book.codeAt(totp('a', base32Decode(OATHTOOL_SECRET)), T)).toBe(expected(T));
  });

  it('forgets the codes of an account whose secret or parameters changed', async () => {
    const book = createCodeBook();
    await book.fill([totp('a')], T);
    expect(book.codeAt(totp('a', new Uint8Array(20).fill(7)), T)).toBeUndefined();
    expect(book.codeAt(totp('a', base32Decode(OATHTOOL_SECRET), 8), T)).toBeUndefined();
    expect(book.codeAt(totp('a', base32Decode(OATHTOOL_SECRET), 6, 60), T)).toBeUndefined();
  });

  it('forgets everything at clear(), including what was being computed', async () => {
    const book = createCodeBook();
    await book.fill([totp('a')], T);
    const inBook = told(book);
    expect(book.codeAt(totp('b'), T)).toBeUndefined();
    book.clear();
    await inBook;
    expect(book.drawn()).toEqual([]);
    const again = told(book);
    expect(book.codeAt(totp('a'), T)).toBeUndefined();
    expect(book.codeAt(totp('b'), T)).toBeUndefined();
    await again;
  });

  it('forgets the accounts it is not told to keep (deleted ones)', async () => {
    const book = createCodeBook();
    await book.fill([totp('a'), totp('b')], T);
    book.codeAt(totp('a'), T);
    book.codeAt(totp('b'), T);
    book.retain([{ id: 'b' }]);
    expect(book.drawn().map((a) => a.id)).toEqual(['b']);
    expect(book.codeAt(totp('b'), T)).toBe(expected(T));
    expect(book.codeAt(totp('a'), T)).toBeUndefined();
  });

  it('lists the accounts whose codes were read', async () => {
    const book = createCodeBook();
    await book.fill([totp('a'), totp('b')], T);
    book.codeAt(totp('b'), T);
    expect(book.drawn().map((a) => a.id)).toEqual(['b']);
  });

  it('fills the next code only in the last 5 seconds of a period (fillForDrawing)', async () => {
    const book = createCodeBook();
    await fillForDrawing(book, [totp('a')], T);
    expect(book.codeAt(totp('a'), T + 30_000)).toBeUndefined();
    const late = T + 6_000; // 4 s before the period ends
    await fillForDrawing(book, [totp('a')], late);
    expect(book.codeAt(totp('a'), late)).toBe(expected(late));
    expect(book.codeAt(totp('a'), late + 30_000)).toBe(expected(late + 30_000));
  });
});
