/**
 * A Web Worker (started by components/scan/decode-image-files.ts) that decodes image files to QR texts
 * off the popup's thread: createImageBitmap + OffscreenCanvas, then every code in the image
 * (lib/qr/decode-qr-codes.ts). Receives `{ id, blob }`, answers `{ id, texts }` or `{ id, texts: null }`
 * when the browser cannot decode the image. Texts may hold secrets: they go only back to the page
 * that started the worker, which is one of ours.
 */
import { decodeQrCodes } from '../lib/qr/decode-qr-codes';
import { rgbaFromBlob } from '../lib/scan/rgba-from-blob';

interface Job {
  readonly id: number;
  readonly blob: Blob;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<Job>) => void) | null; postMessage(message: unknown): void };

/**
 * Time for the slow re-reads of dense codes (lib/qr/decode-qr-codes.ts). A file the user chose is
 * worth waiting for, and this runs off the page's thread: 10 s rather than the 3 s default, so a
 * busy computer still reads a dense two-code export screenshot (a normal one needs about 1 s).
 */
const FILE_BUDGET_MS = 10_000;

// Always answers, even if decoding throws: the page waits for this id's reply.
scope.onmessage = (e) => {
  const { id, blob } = e.data;
  void rgbaFromBlob(blob)
    .then((image) => (image ? decodeQrCodes(image, { maxCodes: 20, budgetMs: FILE_BUDGET_MS }) : null))
    .catch(() => null)
    .then((texts) => scope.postMessage({ id, texts }));
};
