/** Marks asked for already: the first one counts. */
const asked = new Set<string>();

/** The mark of each first screen, and what shows it. */
const MARKS = {
  // By class and id: a saved screen (paint-saved-screen.ts) has no test ids. A code not computed
  // yet is drawn empty (AccountRow).
  unlocked: ['sesame:codes-visible', '.codes > .code:not(:empty)'],
  locked: ['sesame:unlock-visible', '#unlock-passphrase'],
} as const;

/**
 * For `npm run bench`: sets the screen's performance mark once a frame showing it has been
 * painted: the frame's animation callback finds it there, and a task after that frame sets the
 * mark, as the bench's empty page does. Called just before the render that shows it (main.tsx),
 * so the mark comes before the effects Preact runs after that paint (loading other screens,
 * asking the background), which would delay the mark but not the paint; or from a layout effect.
 */
export function markPainted(screen: keyof typeof MARKS): void {
  const [name, selector] = MARKS[screen];
  if (asked.has(name)) return;
  asked.add(name);
  // Not on screen yet (a screen still loading): the next frame, for up to 2 s.
  const frame = (left: number): void =>
    void requestAnimationFrame(() => {
      if (document.querySelector(selector)) setTimeout(() => performance.mark(name), 0);
      else if (left > 0) frame(left - 1);
    });
  frame(120);
}
