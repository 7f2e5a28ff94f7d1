import type { ListAccount } from '@/lib/accounts/list-account';
import { fillForDrawing, type CodeBook } from '@/lib/otp/code-book';
import { groupCode } from '@/lib/otp/group-code';
import { periodOf, SHOW_NEXT_MS } from '@/lib/otp/next-code-change';
import { timeStep } from '@/lib/otp/time-step';
import { clockTime, countdownClass, stillCountdown } from './countdown-face';
import { SAVED_SCREEN_ATTRIBUTE } from './typed-before-start';
import type { SavableScreen } from './saved-screen';
import { fillWord, type SavedWords } from './saved-words';

/**
 * Paints a saved first screen (saved-screen.ts) into `app`, made true for `state` at `realNow`:
 * each row's code (from `book`, filled here; the popup's code takes it over), its next code in
 * the last seconds of a period, and its countdown drawn still where it is now, as AccountRow and
 * Countdown draw them in the first frame. False, with `app` untouched, if `current` resolves to
 * false (the screen was saved for other stores), or if a row is not one of `state`'s accounts or
 * not as AccountRow draws it: the popup then paints the usual way.
 */
export async function paintSavedScreen(
  app: HTMLElement,
  { html, words }: { readonly html: string; readonly words: SavedWords },
  current: Promise<boolean>,
  state: SavableScreen,
  realNow: number,
  book: CodeBook,
): Promise<boolean> {
  const offsetMs = state.phase === 'unlocked' ? state.settings.timeOffsetSeconds * 1000 : 0;
  const now = realNow + offsetMs;
  // The codes of the accounts it shows are computed (WebCrypto, off the main thread) while it is
  // parsed. Not wasted if it turns out stale: they are the stores' own accounts, and the popup's
  // code draws them from the same book.
  const filling = state.phase === 'unlocked' ? fillForDrawing(book, accountsShownIn(html, state.accounts), now) : Promise.resolve();
  filling.catch(() => undefined);
  // Parsed in a document of its own (inert: nothing in it runs or loads), not by innerHTML.
  const saved = new DOMParser().parseFromString(html, 'text/html').body;
  if (!(await current)) return false;
  if (state.phase === 'unlocked') {
    const accounts = new Map(state.accounts.map((a) => [a.id, a]));
    try {
      await filling;
    } catch {
      return false;
    }
    const rows = [...saved.querySelectorAll<HTMLElement>('li.row')];
    if (!rows.every((row) => refreshRow(row, accounts.get(row.dataset.id ?? ''), book, now, offsetMs, words))) return false;
  }
  app.replaceChildren(...saved.childNodes);
  app.setAttribute(SAVED_SCREEN_ATTRIBUTE, '');
  app.querySelector<HTMLElement>('[autofocus]')?.focus();
  return true;
}

/**
 * Those of `accounts` whose rows `html` holds, found in its text before it is parsed. Only a
 * head start: each parsed row is checked against its account (`refreshRow`), and a row whose
 * code was not computed here fails that check.
 */
function accountsShownIn(html: string, accounts: readonly ListAccount[]): ListAccount[] {
  const ids = new Set(Array.from(html.matchAll(/ data-id="([^"]+)"/g), (m) => m[1]));
  return accounts.filter((account) => ids.has(account.id));
}

/**
 * One row of codes as AccountRow draws it at `now` (with the clock offset), its codes from `book`;
 * false if it does not look like one.
 */
function refreshRow(
  row: HTMLElement,
  account: ListAccount | undefined,
  book: CodeBook,
  now: number,
  offsetMs: number,
  words: SavedWords,
): boolean {
  const code = row.querySelector('.codes > .code');
  if (!account || !code) return false;
  const period = periodOf(account);
  const step = period ? timeStep(period, now) : null;
  const ending = step !== null && step.remainingMs <= SHOW_NEXT_MS;
  const current = book.codeAt(account, now);
  const next = ending ? book.codeAt(account, now + period! * 1000) : null;
  if (current === undefined || next === undefined) return false;
  code.textContent = groupCode(current);
  let nextCode = row.querySelector('.codes > .next-code');
  if (next === null) nextCode?.remove();
  else {
    if (!nextCode) {
      nextCode = document.createElement('span');
      nextCode.className = 'next-code';
      code.after(nextCode);
    }
    nextCode.textContent = fillWord(words.nextCode, groupCode(next));
  }
  const countdown = row.querySelector<HTMLElement>('.countdown');
  if (!period || !step) return countdown === null;
  if (!countdown) return false;
  const still = stillCountdown(period, now);
  countdown.className = countdownClass(ending, false);
  countdown.setAttribute('style', still.style);
  countdown.setAttribute('aria-label', fillWord(words.countdownLabel, clockTime(now + step.remainingMs - offsetMs)));
  const seconds = countdown.querySelector('.seconds');
  if (seconds) seconds.textContent = still.seconds;
  return true;
}
