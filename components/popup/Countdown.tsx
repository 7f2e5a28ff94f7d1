/** A ring that empties over the code's period, with the seconds left for screen readers. */
export function Countdown({ remainingMs, periodMs }: { remainingMs: number; periodMs: number }) {
  const seconds = Math.ceil(remainingMs / 1000);
  const fraction = Math.max(0, Math.min(1, remainingMs / periodMs));
  const r = 9;
  const circumference = 2 * Math.PI * r;
  return (
    <span class={`countdown${seconds <= 5 ? ' ending' : ''}`} data-testid="countdown" title={`${seconds}s`}>
      <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
        <circle cx="11" cy="11" r={r} class="track" />
        <circle cx="11" cy="11" r={r} class="fill" stroke-dasharray={circumference}
          stroke-dashoffset={circumference * (1 - fraction)} transform="rotate(-90 11 11)" />
      </svg>
      <span class="seconds">{seconds}</span>
    </span>
  );
}
