/**
 * Saves a text file into the downloads folder from the background (the scheduled backup).
 *
 * Chrome's service worker has no `URL.createObjectURL`, so there a data: URL carries the file.
 * Firefox refuses data: URLs in `downloads.download` ("Access denied for URL data:…"), but its
 * background is an event page, which has object URLs: a Blob URL there, revoked once the download
 * has finished (or failed).
 */
import { browser } from 'wxt/browser';
import { encodeBase64 } from '../vault/encoding';

export async function downloadText(filename: string, text: string, type: string): Promise<void> {
  const options = { filename, conflictAction: 'uniquify', saveAs: false } as const;
  if (typeof URL.createObjectURL !== 'function') {
    await browser.downloads.download({ ...options, url: `data:${type};base64,${encodeBase64(new TextEncoder().encode(text))}` });
    return;
  }
  const url = URL.createObjectURL(new Blob([text], { type }));
  let id: number | undefined;
  const release = () => {
    browser.downloads.onChanged.removeListener(onChanged);
    URL.revokeObjectURL(url);
  };
  const onChanged = (delta: { id: number; state?: { current?: string } }) => {
    if (delta.id === id && delta.state?.current && delta.state.current !== 'in_progress') release();
  };
  browser.downloads.onChanged.addListener(onChanged);
  try {
    id = await browser.downloads.download({ ...options, url });
  } catch (error) {
    release();
    throw error;
  }
  // It may have finished before `id` was known.
  const [item] = await browser.downloads.search({ id });
  if (item && item.state !== 'in_progress') release();
}
