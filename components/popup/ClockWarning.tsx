import { needsClockWarning } from '@/lib/clock/offset-from-check';
import { tCount } from '../shared/t';

/** Shown in the popup list when the user's time offset is large (over 30 s either way). */
export function ClockWarning({ offsetSeconds }: { offsetSeconds: number }) {
  if (!needsClockWarning(offsetSeconds)) return null;
  return (
    <p class="warning clock-warning" role="note" data-testid="clock-warning">
      {tCount('clock_warning', offsetSeconds)}
    </p>
  );
}
