import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Calls `onFiles` with the files of every paste on the page (a screenshot copied to the
 * clipboard); a paste of text only is left alone, so text fields keep working.
 */
export function usePastedImages(onFiles: (files: File[]) => void): void {
  const latest = useRef(onFiles);
  latest.current = onFiles;
  // A layout effect, so the listener is there as soon as the section is on screen: a plain effect
  // runs after the first paint, and a paste in between was lost (seen under load in the e2e test).
  useLayoutEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      e.preventDefault();
      latest.current(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);
}
