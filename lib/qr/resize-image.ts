import type { RgbaImage } from './rgba-image';

/**
 * Enlarges an image by a whole factor, each pixel becoming a factor x factor block. Nearest
 * neighbour on purpose: it keeps module edges sharp, which is what a QR locator needs (smoothing
 * would turn 2 px modules into grey ramps).
 */
export function upscaleNearest(image: RgbaImage, factor: number): RgbaImage {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return image;
  const width = image.width * f;
  const height = image.height * f;
  const data = new Uint8ClampedArray(width * height * 4);
  const bytes = image.data.byteOffset % 4 === 0 ? image.data : image.data.slice();
  const src = new Uint32Array(bytes.buffer, bytes.byteOffset, image.width * image.height);
  const dst = new Uint32Array(data.buffer);
  const row = new Uint32Array(width);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) row.fill(src[y * image.width + x] ?? 0, x * f, x * f + f);
    for (let k = 0; k < f; k++) dst.set(row, (y * f + k) * width);
  }
  return { data, width, height };
}

/**
 * Shrinks an image by a whole factor, each factor x factor block becoming its average (a box
 * filter; partial blocks at the right and bottom edges are averaged over the pixels they have).
 */
export function downscaleBox(image: RgbaImage, factor: number): RgbaImage {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return image;
  const width = Math.ceil(image.width / f);
  const height = Math.ceil(image.height / f);
  const sums = new Uint32Array(width * height * 4);
  const counts = new Uint32Array(width * height);
  const src = image.data;
  for (let y = 0; y < image.height; y++) {
    const rowOut = Math.floor(y / f) * width;
    for (let x = 0; x < image.width; x++) {
      const o = rowOut + Math.floor(x / f);
      const i = (y * image.width + x) * 4;
      sums[o * 4]! += src[i]!;
      sums[o * 4 + 1]! += src[i + 1]!;
      sums[o * 4 + 2]! += src[i + 2]!;
      sums[o * 4 + 3]! += src[i + 3]!;
      counts[o]! += 1;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let o = 0; o < counts.length; o++) {
    const n = counts[o] || 1;
    for (let c = 0; c < 4; c++) data[o * 4 + c] = sums[o * 4 + c]! / n;
  }
  return { data, width, height };
}
