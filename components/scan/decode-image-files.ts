import { sniffImageType } from '@/lib/qr/sniff-image-type';
import type { Problem } from '@/lib/result';
// Vite bundles the worker into its own file (a `?worker` import; WXT's build does not pick up
// `new Worker(new URL(..., import.meta.url))`).
import DecodeWorker from '@/workers/decode-image.worker.ts?worker';

export interface FileDecode {
  readonly texts: string[];
  readonly problems: Problem[];
  readonly ms: number;
}

let worker: Worker | null = null;
let nextId = 1;

/** Decodes one image in the worker (workers/decode-image.worker.ts); null if it is not an image the browser reads. */
function decodeInWorker(blob: Blob): Promise<string[] | null> {
  worker ??= new DecodeWorker();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent<{ id: number; texts: string[] | null }>) => {
      if (e.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      resolve(e.data.texts);
    };
    w.addEventListener('message', onMessage);
    w.postMessage({ id, blob });
  });
}

/**
 * Every QR text in the given files (dropped, pasted or chosen). A file that is not an image, by its
 * first bytes rather than its name (lib/qr/sniff-image-type.ts), or holds no code, gives a problem.
 */
export async function decodeImageFiles(files: readonly Blob[]): Promise<FileDecode> {
  const started = performance.now();
  const texts: string[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const name = (file as File).name ?? '';
    const type = sniffImageType(new Uint8Array(await file.slice(0, 32).arrayBuffer()));
    if (!type.ok) {
      problems.push({ code: 'err_scan_file_not_image', params: [name] });
      continue;
    }
    const found = await decodeInWorker(file);
    if (found === null) problems.push({ code: 'err_scan_file_unreadable', params: [name] });
    else if (found.length === 0) problems.push({ code: 'err_scan_file_no_code', params: [name] });
    for (const text of found ?? []) if (!texts.includes(text)) texts.push(text);
  }
  return { texts, problems, ms: Math.round(performance.now() - started) };
}
