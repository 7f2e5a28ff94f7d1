import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import { timeStep } from '@/lib/otp/time-step';
import { ClockOffset } from './use-code-clock';
import { t } from '../shared/t';
import { clockTime, countdownClass, MAX_DIGITS_PERIOD, stillCountdown } from './countdown-face';

/**
 * Whether countdowns run yet. The popup's first frame draws them still, each as it is at that
 * moment, and starts them right after that frame is painted (PopupApp): starting 30 animations
 * (and laying out their strips of seconds) is work the first paint of the codes need not wait
 * for, and a still ring looks the same for the one frame it shows.
 */
export const CountdownsRunning = createContext(true);

/** The seconds a period counts down through, one a line: "30\n29\n…\n1". */
const strips = new Map<number, string>();
function secondsStrip(period: number): string {
  let strip = strips.get(period);
  if (strip === undefined) {
    strip = Array.from({ length: period }, (_, i) => period - i).join('\n');
    strips.set(period, strip);
  }
  return strip;
}

/**
 * A ring that empties over the code's period, with the seconds left inside it. Both are CSS
 * animations (theme.css, `.countdown`) of transforms only, which the browser runs off the main
 * thread: the row sets them up once, when it appears, with a negative delay that puts them where
 * the period is now, and is not redrawn every second. The ring is two half-circles turning in two
 * clipping halves; the seconds are a strip of numbers moved up one line a second (`steps()`).
 * Screen readers get the time the code changes, which stays true until it does.
 */
export function Countdown({
  period,
  now,
  ending,
}: {
  /** Seconds. */
  period: number;
  /** The time the row is drawn for (with the clock offset), for the accessible name. */
  now: number;
  /** The last seconds of the period (the next code is showing). */
  ending: boolean;
}) {
  const offsetMs = useContext(ClockOffset);
  const running = useContext(CountdownsRunning);
  // From the real clock at the moment the animation starts, not the row's drawing time; or, still,
  // where the animations would be now (theme.css: the right arc turns in the first half of the
  // period, the left one in the second; the strip shows one line a second).
  const { style, stillSeconds } = useMemo(() => {
    if (!running) {
      const still = stillCountdown(period, Date.now() + offsetMs);
      return { style: still.style, stillSeconds: still.seconds };
    }
    const progress = timeStep(period, Date.now() + offsetMs).progress;
    return { style: `--period:${period}s;--steps:${period};--delay:-${Math.round(progress * period * 1000)}ms`, stillSeconds: '' };
  }, [period, offsetMs, running]);
  const changesAt = now + timeStep(period, now).remainingMs - offsetMs;
  return (
    // A new element (key) for a new period or offset, or to start: an animation only starts on a new element.
    <span
      key={`${period}:${offsetMs}:${running}`}
      class={countdownClass(ending, running)}
      data-testid="countdown"
      style={style}
      role="img"
      aria-label={t('countdownLabel', clockTime(changesAt))}
    >
      <span class="arc right" />
      <span class="arc left" />
      {period <= MAX_DIGITS_PERIOD && (
        <span class="seconds" aria-hidden="true">
          {running ? secondsStrip(period) : stillSeconds}
        </span>
      )}
    </span>
  );
}
