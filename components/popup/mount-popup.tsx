import { render } from 'preact';
import type { PopupState } from '@/lib/vault-service/popup-state';
import { firstScreenLoaded, PopupApp } from './PopupApp';
import { markPainted } from './mark-painted';
import { SAVED_SCREEN_ATTRIBUTE } from './typed-before-start';
import { fillForDrawing, type CodeBook } from '@/lib/otp/code-book';
import { keepSavedScreen } from './keep-saved-screen';

/**
 * Renders the popup into `app`, whole (the unlock form's code loaded first for a locked vault, so
 * its first frame is not empty; the first screen's codes put in `book` first, so no row is drawn
 * without its code). Over a saved screen (paint-saved-screen.ts), Preact keeps the
 * elements it finds in `app` and corrects what differs, so the focus and anything typed stay.
 * Resolves right after that render, before the browser paints it. From then on, the next popup's
 * saved screens are kept (keep-saved-screen.tsx; `paintedFromSaved`: `app` showed the one saved
 * for these stores).
 */
export async function mountPopup(app: HTMLElement, start: PopupState | null, book: CodeBook, paintedFromSaved: boolean): Promise<void> {
  await Promise.all([
    firstScreenLoaded(start),
    start?.phase === 'unlocked' &&
      fillForDrawing(book, start.accounts, Date.now() + start.settings.timeOffsetSeconds * 1000).catch(() => undefined),
  ]);
  if (start?.phase === 'unlocked' || start?.phase === 'locked') markPainted(start.phase);
  render(<PopupApp start={start} book={book} />, app);
  app.removeAttribute(SAVED_SCREEN_ATTRIBUTE);
  // For `npm run bench`: the popup's own code is in charge of its screen.
  performance.mark('sesame:popup-ready');
  keepSavedScreen(paintedFromSaved);
}
