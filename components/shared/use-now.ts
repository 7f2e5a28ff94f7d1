import { useEffect, useState } from 'preact/hooks';

/** The current time in ms plus the user's clock offset, updated on every whole second. */
export function useNow(offsetSeconds: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      timer = setTimeout(tick, 1000 - (t % 1000) + 5);
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    return () => clearTimeout(timer);
  }, []);
  return now + offsetSeconds * 1000;
}
