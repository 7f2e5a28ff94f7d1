import { createContext } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { codesChangedBetween, nextCodeChangeAt } from '@/lib/otp/next-code-change';

/**
 * The user's clock offset (settings, in ms) for components that start something running on the
 * real clock, such as a countdown's CSS animation (Countdown.tsx).
 */
export const ClockOffset = createContext(0);

/**
 * The time (ms, plus the user's clock offset) the popup's rows are drawn for. It moves on only
 * when a row would look different: a code of one of `periods` (seconds) changes, or its next code
 * starts to show (lib/otp/next-code-change.ts). In between there is nothing to redraw: countdowns
 * run in CSS. One timer, set to the next such moment; checked again when the page becomes visible
 * (timers may be held back while it is hidden). Before it moves on, `prepare` (given that time,
 * with the offset) computes what the rows will draw then, so none is drawn without its code.
 */
export function useCodeClock(periods: readonly number[], offsetSeconds: number, prepare: (timeMs: number) => Promise<unknown>): number {
  const offsetMs = offsetSeconds * 1000;
  const [drawnAt, setDrawnAt] = useState(() => Date.now());
  const latest = useRef(drawnAt);
  latest.current = drawnAt;
  const prepared = useRef(prepare);
  prepared.current = prepare;
  const key = useMemo(() => [...new Set(periods)].sort((a, b) => a - b).join(','), [periods]);

  useEffect(() => {
    const shown = key ? key.split(',').map(Number) : [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const check = () => {
      clearTimeout(timer);
      const now = Date.now();
      if (codesChangedBetween(shown, latest.current + offsetMs, now + offsetMs)) {
        const moveOn = () => void (stopped || setDrawnAt((latest.current = Math.max(latest.current, now))));
        prepared.current(now + offsetMs).then(moveOn, moveOn);
      }
      const next = nextCodeChangeAt(shown, now + offsetMs);
      // +1 ms: a timer may fire a little early; `check` then only sets the next one.
      if (next !== null) timer = setTimeout(check, next - (now + offsetMs) + 1);
    };
    check();
    const onVisibility = () => document.visibilityState === 'visible' && check();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [key, offsetMs]);

  return drawnAt + offsetMs;
}
