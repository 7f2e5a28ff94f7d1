import fs from 'node:fs';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../../lib/qr/rgba-image';

/** Reads a PNG file into RGBA pixels (what a canvas' `getImageData` gives in the browser). */
export function readPng(file: string): RgbaImage {
  const png = PNG.sync.read(fs.readFileSync(file));
  return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
}
