import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `onFiles` with the files of every paste on the page (a screenshot copied to the
 * clipboard); a paste of text only is left alone, so text fields keep working.
 */
export function usePastedImages(onFiles: (files: File[]) => void): void {
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
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
