import type { RgbaImage } from '../qr/rgba-image';

/**
 * Decodes an image (PNG, JPEG, WebP, GIF, BMP; a Blob or a data: URL) to RGBA pixels with
 * `createImageBitmap` and an `OffscreenCanvas`, which exist in pages, Workers and Chrome's
 * extension service worker alike. Images larger than `maxSide` (longer side) are scaled down.
 * Returns null when the browser cannot decode it.
 */
export async function rgbaFromBlob(source: Blob | string, maxSide = 4096): Promise<RgbaImage | null> {
  try {
    const blob = typeof source === 'string' ? await (await fetch(source)).blob() : source;
    const bitmap = await createImageBitmap(blob);
    const shrink = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * shrink));
    const height = Math.max(1, Math.round(bitmap.height * shrink));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    // Transparent pixels read as black; a QR code drawn on transparency needs a light background.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } catch {
    return null;
  }
}
