import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref whose element takes the focus when the screen appears. `autoFocus` alone works only for a
 * page's first screen: a document honours autofocus once, so the screen shown after unlocking, or
 * the unlock form shown after locking, would otherwise leave the focus nowhere.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
