import { t } from '../shared/message';

/**
 * The messages a saved screen's repaint writes into it (paint-saved-screen.ts), kept with the
 * screen in its language (which its inputs include) with `WORD_SLOT` where the value goes. The
 * repaint fills them in rather than asking `browser.i18n`: a popup's first message makes the
 * browser load the extension's messages for its process, and in a fresh one (the background
 * asleep) that took 4-5 ms of its first paint (1 Dec 2026).
 */
export interface SavedWords {
  /** "next 123 456" (AccountRow). */
  readonly nextCode: string;
  /** "New code at 10:42:30" (Countdown). */
  readonly countdownLabel: string;
}

/** Where a saved word's value goes: a private-use character, in no message. */
const WORD_SLOT = '\uE000';

/** The words as the popup's own code writes them now. */
export function wordsToSave(): SavedWords {
  return { nextCode: t('nextCode', WORD_SLOT), countdownLabel: t('countdownLabel', WORD_SLOT) };
}

/** `words` if it holds every saved word; null otherwise. */
export function savedWordsOf(words: unknown): SavedWords | null {
  const { nextCode, countdownLabel } = (words ?? {}) as Partial<Record<keyof SavedWords, unknown>>;
  return typeof nextCode === 'string' && typeof countdownLabel === 'string' ? { nextCode, countdownLabel } : null;
}

/** The saved word `word` with `value` in it. */
export function fillWord(word: string, value: string): string {
  return word.split(WORD_SLOT).join(value);
}
