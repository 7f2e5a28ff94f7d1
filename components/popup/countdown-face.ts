import { timeStep } from '@/lib/otp/time-step';

/**
 * What a countdown (Countdown.tsx) shows that depends on the moment, without Preact: the popup's
 * first paint from its saved screen (paint-saved-screen.ts) sets the same values on the saved
 * countdowns as Countdown draws in the popup's first frame.
 */

/** Periods up to this many seconds show the seconds left as digits too (a longer strip is not worth its layer). */
export const MAX_DIGITS_PERIOD = 99;

/**
 * "10:42:30", in the local time zone. Not Intl.DateTimeFormat: making one loads ICU data, tens of
 * ms of the popup's first paint in a fresh page.
 */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The countdown's classes: `ending` in the last seconds of the period, `still` until it runs. */
export function countdownClass(ending: boolean, running: boolean): string {
  return `countdown${ending ? ' ending' : ''}${running ? '' : ' still'}`;
}

/**
 * A countdown drawn still at `timeMs` (with the clock offset), where its animations would be at
 * that moment (theme.css: the right arc turns in the first half of the period, the left one in the
 * second; the strip shows one line a second): its style and its seconds.
 */
export function stillCountdown(period: number, timeMs: number): { readonly style: string; readonly seconds: string } {
  const progress = timeStep(period, timeMs).progress;
  return {
    style: `--right:${45 + 360 * Math.min(progress, 0.5)}deg;--left:${45 + 360 * Math.max(progress - 0.5, 0)}deg`,
    seconds: String(period - Math.floor(progress * period)),
  };
}
