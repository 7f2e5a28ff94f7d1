import type { ListAccount } from '@/lib/accounts/list-account';
import { fillForDrawing, type CodeBook } from '@/lib/otp/code-book';
import { groupCode } from '@/lib/otp/group-code';
import { periodOf, SHOW_NEXT_MS } from '@/lib/otp/next-code-change';
import { timeStep } from '@/lib/otp/time-step';
import { t } from '../shared/message';
import { clockTime, countdownClass, stillCountdown } from './countdown-face';
import { SAVED_SCREEN_ATTRIBUTE } from './typed-before-start';
import type { SavableScreen } from './saved-screen';

/**
 * Paints a saved first screen (saved-screen.ts) into `app`, made true for `state` at `realNow`:
 * each row's code (from `book`, filled here; the popup's code takes it over), its next code in
 * the last seconds of a period, and its countdown drawn still where it is now, as AccountRow and
 * Countdown draw them in the first frame. False, with `app` untouched, if a row is not one of
 * `state`'s accounts or not as AccountRow draws it: the popup then paints the usual way.
 */
export async function paintSavedScreen(
  app: HTMLElement,
  html: string,
  state: SavableScreen,
  realNow: number,
  book: CodeBook,
): Promise<boolean> {
  // Parsed in a document of its own (inert: nothing in it runs or loads), not by innerHTML.
  const saved = new DOMParser().parseFromString(html, 'text/html').body;
  if (state.phase === 'unlocked') {
    const offsetMs = state.settings.timeOffsetSeconds * 1000;
    const accounts = new Map(state.accounts.map((a) => [a.id, a]));
    const rows = [...saved.querySelectorAll<HTMLElement>('li.row')].map((row) => [row, accounts.get(row.dataset.id ?? '')] as const);
    const now = realNow + offsetMs;
    try {
      await fillForDrawing(
        book,
        rows.flatMap(([, account]) => account ?? []),
        now,
      );
    } catch {
      return false;
    }
    if (!rows.every(([row, account]) => refreshRow(row, account, book, now, offsetMs))) return false;
  }
  app.replaceChildren(...saved.childNodes);
  app.setAttribute(SAVED_SCREEN_ATTRIBUTE, '');
  app.querySelector<HTMLElement>('[autofocus]')?.focus();
  return true;
}

/**
 * One row of codes as AccountRow draws it at `now` (with the clock offset), its codes from `book`;
 * false if it does not look like one.
 */
function refreshRow(row: HTMLElement, account: ListAccount | undefined, book: CodeBook, now: number, offsetMs: number): boolean {
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
    nextCode.textContent = t('nextCode', groupCode(next));
  }
  const countdown = row.querySelector<HTMLElement>('.countdown');
  if (!period || !step) return countdown === null;
  if (!countdown) return false;
  const still = stillCountdown(period, now);
  countdown.className = countdownClass(ending, false);
  countdown.setAttribute('style', still.style);
  countdown.setAttribute('aria-label', t('countdownLabel', clockTime(now + step.remainingMs - offsetMs)));
  const seconds = countdown.querySelector('.seconds');
  if (seconds) seconds.textContent = still.seconds;
  return true;
}
