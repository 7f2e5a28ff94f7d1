import { takeStores } from './read-stores';
import { startState } from './initial-state';
import { firstRenderInputs, savableScreen, savedScreenOf, storedScreen } from './saved-screen';
import { paintSavedScreen } from './paint-saved-screen';
import { markPainted } from './mark-painted';
import { createCodeBook } from '@/lib/otp/code-book';

/**
 * The popup's start. Its first screen comes from the stores (initial-state.ts): the codes, or the
 * unlock form. If the screen saved last time was made from exactly these stores (saved-screen.ts),
 * it is painted at once, made true for this moment (paint-saved-screen.ts), and only then does the
 * popup's own code (Preact, the screens) load and take it over (mount-popup.tsx). Otherwise that
 * code renders the first screen. Either way the popup then keeps a saved screen for the stores as
 * they are, and as they change while it is open (keep-saved-screen.tsx).
 */
export async function startPopup(app: HTMLElement): Promise<void> {
  // Stores that cannot be read: the popup asks the background (PopupApp with no start).
  const stores = await takeStores().catch(() => null);
  const start = stores && startState(stores);
  const first = savableScreen(start);
  const saved = stores && first ? savedScreenOf(storedScreen(stores, first.phase)) : null;
  // Nothing saved to paint: the popup's code is fetched now.
  const loading = saved ? null : import('./mount-popup');
  // The first screen's codes, computed once: for the saved screen's paint, then for the popup's.
  const book = createCodeBook();
  let painted = false;
  if (stores && first && saved) {
    // Whether it was saved for these stores: their digest is computed (WebCrypto, off the main
    // thread) while the saved screen is parsed.
    const forTheseStores = firstRenderInputs(stores).then((inputs) => inputs === saved.inputs);
    painted = await paintSavedScreen(app, saved, forTheseStores, first, Date.now(), book).catch(() => false);
    if (painted) {
      markPainted(first.phase);
      // The popup's code is fetched once that frame is painted, not while it is being made.
      await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
    }
  }
  const { mountPopup } = await (loading ?? import('./mount-popup'));
  await mountPopup(app, start, book, painted);
}
