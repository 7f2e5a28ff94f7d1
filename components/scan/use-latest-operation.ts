import { useRef } from 'preact/hooks';

/**
 * Scans that may overlap on one screen: a page scan still waiting for its tab when the user drops
 * or pastes an image, or two pastes in a row. Each scan takes a number when it starts; only the
 * newest may replace the screen's messages or end its busy state. An older scan that answers later
 * adds its messages instead of wiping what the newer one said.
 */
export function useLatestOperation() {
  const latest = useRef(0);
  return {
    start: (): number => ++latest.current,
    isLatest: (operation: number): boolean => operation === latest.current,
    /** The messages to show once `operation` has answered with `fresh`. */
    merge: (operation: number, shown: readonly string[], fresh: readonly string[]): string[] =>
      operation === latest.current ? [...fresh] : [...shown, ...fresh],
  };
}
