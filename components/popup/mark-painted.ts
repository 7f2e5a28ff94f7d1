import type { PopupState } from '@/lib/vault-service/popup-state';

/** Marks already on their way. */
const scheduled = new Set<string>();

/**
 * For `npm run bench`: sets performance mark `name` once a frame showing `selector` has been
 * painted: the next animation frame, then a task, the way the bench marks the empty page it
 * compares with. If the element is not there yet (a screen still loading), it waits for it.
 */
export function markPainted(name: string, selector: string): void {
  if (scheduled.has(name) || performance.getEntriesByName(name).length > 0) return;
  scheduled.add(name);
  const painted = () => void requestAnimationFrame(() => setTimeout(() => {
    if (performance.getEntriesByName(name).length === 0) performance.mark(name);
  }, 0));
  if (document.querySelector(selector)) return painted();
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    painted();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/** The first screen's mark and what shows it. */
export const FIRST_SCREEN_MARKS = {
  unlocked: ['sesame:codes-visible', '[data-testid="code"]'],
  locked: ['sesame:unlock-visible', '[data-testid="unlock-passphrase"]'],
} as const;

/**
 * Called just before the first render of a screen the stores gave: its frame is the next one.
 * Scheduled before the render, so the mark's task comes before the effects Preact runs after that
 * paint (loading the other screens, asking the background), which would otherwise delay the mark
 * though not the paint. Marks nothing if the screen is not there after all.
 */
export function markFirstScreen(start: PopupState | null): void {
  if (start?.phase !== 'unlocked' && start?.phase !== 'locked') return;
  const [name, selector] = FIRST_SCREEN_MARKS[start.phase];
  scheduled.add(name);
  requestAnimationFrame(() => setTimeout(() => {
    if (performance.getEntriesByName(name).length > 0) return;
    scheduled.delete(name);
    if (document.querySelector(selector)) performance.mark(name);
    else markPainted(name, selector); // not there after all: wait for it
  }, 0));
}
