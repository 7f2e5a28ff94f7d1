import type { Rect } from './crop-image';
import type { RgbaImage } from './rgba-image';

/**
 * Proposes where QR codes may be: a QR code is a roughly square patch in which every small block
 * holds both dark and light pixels, set apart by a quiet zone of plain background (ISO/IEC 18004
 * §6.3.8). The image is cut into 8 x 8 blocks; a block is "busy" when its luminance spans more than
 * {@link MIN_CONTRAST}; 4-connected groups of busy blocks that are at least 3 blocks wide, not too
 * elongated and mostly filled become candidate rectangles (padded to include the quiet zone).
 *
 * Cheap (one pass over the pixels) and polarity-blind, so it finds light-on-dark codes too. It
 * over-proposes (a paragraph of text is busy too); the caller reads each candidate with jsQR.
 */

const BLOCK = 8;
const MIN_CONTRAST = 48;
const MIN_BLOCKS = 3;
const MAX_ASPECT = 2;
const MIN_FILL = 0.5;

export interface BusyRegionOptions {
  /** At most this many regions, best (most square and filled) first (default 12). */
  readonly maxRegions?: number;
}

export interface BusyRegion {
  /** Where to look, padded by a tenth of its size (at least one block) for the quiet zone. */
  readonly rect: Rect;
  /** Busy blocks / blocks in the bounding box: 1 for a solid patch such as a QR code. */
  readonly fill: number;
  /** Longer side / shorter side of the bounding box, in blocks: 1 for a square. */
  readonly aspect: number;
}

export function findBusyRegions(image: RgbaImage, opts: BusyRegionOptions = {}): BusyRegion[] {
  const { width, height, data } = image;
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const min = new Uint8Array(bw * bh).fill(255);
  const max = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const blockRow = (y >> 3) * bw;
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      // Rec. 709 luma in 8-bit fixed point, as jsQR's binarizer uses.
      const lum = (54 * data[i]! + 183 * data[i + 1]! + 19 * data[i + 2]!) >> 8;
      const b = blockRow + (x >> 3);
      if (lum < min[b]!) min[b] = lum;
      if (lum > max[b]!) max[b] = lum;
    }
  }
  const busy = new Uint8Array(bw * bh);
  for (let b = 0; b < busy.length; b++) busy[b] = max[b]! - min[b]! > MIN_CONTRAST ? 1 : 0;

  const regions: BusyRegion[] = [];
  const stack = new Int32Array(bw * bh);
  for (let start = 0; start < busy.length; start++) {
    if (busy[start] !== 1) continue;
    busy[start] = 2;
    let top = 0;
    stack[top++] = start;
    let count = 0;
    let x0 = bw;
    let y0 = bh;
    let x1 = -1;
    let y1 = -1;
    while (top > 0) {
      const b = stack[--top]!;
      const bx = b % bw;
      const by = (b - bx) / bw;
      count++;
      if (bx < x0) x0 = bx;
      if (bx > x1) x1 = bx;
      if (by < y0) y0 = by;
      if (by > y1) y1 = by;
      const next = [bx > 0 ? b - 1 : -1, bx < bw - 1 ? b + 1 : -1, by > 0 ? b - bw : -1, by < bh - 1 ? b + bw : -1];
      for (const n of next) {
        if (n >= 0 && busy[n] === 1) {
          busy[n] = 2;
          stack[top++] = n;
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const aspect = Math.max(w, h) / Math.min(w, h);
    const fill = count / (w * h);
    if (w < MIN_BLOCKS || h < MIN_BLOCKS || aspect > MAX_ASPECT || fill < MIN_FILL) continue;
    const pad = Math.max(BLOCK, Math.round(Math.max(w, h) * BLOCK * 0.1));
    const rx = Math.max(0, x0 * BLOCK - pad);
    const ry = Math.max(0, y0 * BLOCK - pad);
    const rect = {
      x: rx,
      y: ry,
      width: Math.min(width, (x1 + 1) * BLOCK + pad) - rx,
      height: Math.min(height, (y1 + 1) * BLOCK + pad) - ry,
    };
    regions.push({ rect, fill, aspect });
  }
  regions.sort((a, b) => b.fill / b.aspect - a.fill / a.aspect);
  return regions.slice(0, opts.maxRegions ?? 12);
}
