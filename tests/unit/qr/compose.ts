/**
 * Test helpers that draw QR codes into RGBA buffers and compose them onto a canvas, so tests
 * (and the timing script) can build screenshots with several, small or inverted codes.
 */
import qrcode from 'qrcode-generator';
import type { RgbaImage } from '../../../lib/qr/rgba-image';

export interface QrDrawing {
  /** ASCII / Latin-1 text (qrcode-generator encodes one byte per character). */
  readonly text: string;
  /** Pixels per module (default 4). */
  readonly moduleSize?: number;
  /** Quiet zone in modules (default 4, ISO/IEC 18004 §6.3.8). */
  readonly quietZone?: number;
  /** Light modules on a dark background. */
  readonly inverted?: boolean;
  readonly ecc?: 'L' | 'M' | 'Q' | 'H';
}

/** Draws one QR code (with its quiet zone) as an RGBA image. */
export function drawQr({ text, moduleSize = 4, quietZone = 4, inverted = false, ecc = 'M' }: QrDrawing): RgbaImage {
  const qr = qrcode(0, ecc);
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const size = (count + 2 * quietZone) * moduleSize;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / moduleSize) - quietZone;
      const col = Math.floor(x / moduleSize) - quietZone;
      const dark = row >= 0 && col >= 0 && row < count && col < count && qr.isDark(row, col);
      const v = dark !== inverted ? 0 : 255;
      const i = (y * size + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = v;
      data[i + 3] = 255;
    }
  }
  return { data, width: size, height: size };
}

/** A canvas filled with one grey level (default white). */
function blankCanvas(width: number, height: number, grey = 255): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width, height };
}

/** Copies `image` onto `canvas` with its top-left corner at (x, y), clipped to the canvas. */
function paste(canvas: RgbaImage, image: RgbaImage, x: number, y: number): void {
  for (let row = 0; row < image.height; row++) {
    const cy = y + row;
    if (cy < 0 || cy >= canvas.height) continue;
    for (let col = 0; col < image.width; col++) {
      const cx = x + col;
      if (cx < 0 || cx >= canvas.width) continue;
      const from = (row * image.width + col) * 4;
      canvas.data.set(image.data.subarray(from, from + 4), (cy * canvas.width + cx) * 4);
    }
  }
}

export interface Placement extends QrDrawing {
  readonly x: number;
  readonly y: number;
}

/** A canvas (white unless `grey` says otherwise) with the given codes drawn on it. */
export function composeCanvas(width: number, height: number, codes: readonly Placement[], grey = 255): RgbaImage {
  const canvas = blankCanvas(width, height, grey);
  for (const code of codes) paste(canvas, drawQr(code), code.x, code.y);
  return canvas;
}
