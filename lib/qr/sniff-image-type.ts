import { fail, ok, type Result } from '../result';

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

/**
 * The image format from a file's first bytes (its "magic number"), ignoring its name: a text file
 * named `.jpeg` is not an image. Lets the UI say so clearly instead of handing the bytes to the
 * browser's decoder and showing "no QR code found".
 * Signatures: PNG (RFC 2083 §3.1), JPEG SOI FF D8 FF, GIF87a/89a, RIFF....WEBP, BMP "BM".
 */
export function sniffImageType(bytes: Uint8Array): Result<ImageType> {
  const at = (i: number) => bytes[i] ?? -1;
  const ascii = (from: number, text: string) => [...text].every((c, i) => at(from + i) === c.charCodeAt(0));
  if (at(0) === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) return ok('png');
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return ok('jpeg');
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return ok('gif');
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return ok('webp');
  if (ascii(0, 'BM') && bytes.length > 26) return ok('bmp');
  return fail('err_qr_not_an_image');
}
