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

// Always answers, even if decoding throws: the page waits for this id's reply.
scope.onmessage = (e) => {
  const { id, blob } = e.data;
  void rgbaFromBlob(blob)
    .then((image) => (image ? decodeQrCodes(image, { maxCodes: 20 }) : null))
    .catch(() => null)
    .then((texts) => scope.postMessage({ id, texts }));
};
