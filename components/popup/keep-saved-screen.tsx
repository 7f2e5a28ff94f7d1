import { render } from 'preact';
import { FIRST_SCREEN_NOTICE } from '@/lib/messaging/first-screen-notice';
import { onNotice } from '../../lib/messaging/client';
import { createCodeBook, fillForDrawing } from '@/lib/otp/code-book';
import { takeStores, type StoredForStart } from './read-stores';
import { startState } from './initial-state';
import { firstRenderInputs, savableScreen, saveScreen, savedScreenInputs, storedScreen, type SavableScreen } from './saved-screen';
import { firstScreenLoaded, PopupApp } from './PopupApp';

/**
 * Keeps saved screens (saved-screen.ts) for what the stores hold now, while this popup is open:
 * once at start, and again whenever what a popup's first screen is made from changes (an unlock,
 * an account added, edited or deleted, a setting, a lock); and the unlock form for the stores as
 * the next lock will leave them. Without it, the first popup after each such change, and the first
 * after each lock, renders its own first screen, the slower path (issue 14), though a popup was
 * open and idle before. A screen saved is the one a new popup's first render would be for those
 * stores: `PopupApp` rendered with them, off the page, as `mountPopup` renders it, never a copy of
 * this popup's own screen (which shows what it was doing: a search, a site's accounts, a
 * message). Work waits until the page is idle; one save runs at a time, and changes meanwhile make
 * one more.
 *
 * Only a popup without `?tab=` (the toolbar's): a popped-out window's screen is saved for its own
 * address, and would replace the toolbar popup's at every change.
 */
export function keepSavedScreen(paintedFromSaved: boolean): void {
  if (location.search) return;
  let wanted = false;
  let running = false;
  // Painted from the screen saved for the stores it read: at first, only the unlock form for
  // after a lock may be missing (digests not computed are work, and code, the popup keeps).
  let currentSaved = paintedFromSaved;
  const run = async () => {
    running = true;
    while (wanted) {
      wanted = false;
      const skipCurrent = currentSaved;
      currentSaved = false;
      await saveForNow(skipCurrent).catch(() => undefined);
    }
    running = false;
  };
  const want = () => {
    if (wanted) return;
    wanted = true;
    if (!running) requestIdleCallback(() => void run(), { timeout: 2000 });
  };
  // The background writes those entries, and says so (lib/messaging/first-screen-notice.ts).
  onNotice(FIRST_SCREEN_NOTICE, () => {
    currentSaved = false;
    want();
  });
  want();
}

/**
 * The stores as a lock leaves them: `storage.session` without the list (or anything else of the
 * vault), `storage.local` as it is. The popup after the next lock (the auto-lock, with no popup
 * open) opens on these.
 */
const afterLock = ({ local }: StoredForStart): StoredForStart => ({ session: {}, local });

/**
 * Renders and saves the first screen for the stores as they are now (unless `skipCurrent`), and
 * the unlock form for them as the next lock will leave them, unless one is saved for those already.
 */
async function saveForNow(skipCurrent: boolean): Promise<void> {
  const stores = await takeStores();
  const saved = new Set((['unlocked', 'locked'] as const).map((phase) => savedScreenInputs(storedScreen(stores, phase))));
  for (const those of skipCurrent ? [afterLock(stores)] : [stores, afterLock(stores)]) {
    // The digest first: what is saved already (the usual case) costs no parse of the list.
    const inputs = await firstRenderInputs(those);
    if (saved.has(inputs)) continue;
    const first = savableScreen(startState(those));
    if (!first) continue;
    await saveScreen(await renderFirstScreen(first), inputs, first.phase);
    // Locked now, the stores after a lock are these: one save.
    saved.add(inputs);
  }
}

/** `first` as a new popup's first render draws it (mount-popup.tsx), off the page. */
async function renderFirstScreen(first: SavableScreen): Promise<Element> {
  // As mountPopup: the unlock form's code loaded, the rows' codes in a book (the saved screen's
  // codes are made anew when it is painted, but a row drawn without one is not saved whole). A
  // book of its own, dropped after: this popup's clears its keys at a lock, and a save running
  // then must not put them back.
  const book = createCodeBook();
  await Promise.all([
    firstScreenLoaded(first),
    first.phase === 'unlocked' && fillForDrawing(book, first.accounts, Date.now() + first.settings.timeOffsetSeconds * 1000),
  ]);
  const element = document.createElement('div');
  render(<PopupApp start={first} book={book} offPage />, element);
  // Copied before anything that render set going, then unmounted: effects run after a paint, and
  // an unmounted component's never do; its layout effects only watch the list's size, off the
  // page, and mark nothing painted (`offPage`).
  const rendered = element.cloneNode(true) as Element;
  render(null, element);
  return rendered;
}
