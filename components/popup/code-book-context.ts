import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CodeBook } from '@/lib/otp/code-book';

/** The popup's codes (lib/otp/code-book.ts), for the rows that draw them: PopupApp provides it. */
export const CodeBookContext = createContext<CodeBook | null>(null);

export function useCodeBook(): CodeBook {
  const book = useContext(CodeBookContext);
  if (!book) throw new Error('AccountRow outside PopupApp: no code book');
  return book;
}
