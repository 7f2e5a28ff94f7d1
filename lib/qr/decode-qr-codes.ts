import jsQR from 'jsqr';
import { cropImage, type Rect } from './crop-image';
import { findBusyRegions, type BusyRegion } from './find-busy-regions';
import { downscaleBox, upscaleNearest } from './resize-image';
import { isWellFormedImage, type RgbaImage } from './rgba-image';

/**
 * Finds every QR code in an image, not only the first one (a Google Authenticator export shows
 * several codes side by side; a web page may show a QR code next to other images).
 *
 * jsQR (1.4.0) reads one code per call and costs about 0.1 µs per pixel in Node (some 0.2 s for
 * 1920x1080), so this module:
 * 1. reads the whole image (shrunk 2x or more when its longer side exceeds {@link COARSE_SIDE},
 *    which keeps a 1920x1080 screenshot fast), again and again: after each code it paints the code
 *    over (its corners grown by a margin, filled with the colour of its quiet zone) and reads again;
 * 2. then reads, at full resolution, each place that looks like a code ({@link findBusyRegions}),
 *    enlarged 2x or 3x when needed (nearest neighbour: jsQR misses modules of about 2 px, e.g. the
 *    version-19 codes of a phone screenshot of a Google Authenticator export);
 * 3. only if nothing was found: overlapping tiles of a large image (jsQR's locator can pair the
 *    finder patterns of different codes and then reads none), or the whole of a small image 2x.
 * Both dark-on-light and light-on-dark codes are tried (jsQR's `inversionAttempts`).
 *
 * Pure: the caller's pixels are not changed (the painting happens on a copy); no DOM, so it runs
 * in the popup, an offscreen document or a Worker.
 */

export interface DecodeQrOptions {
  /** Stop after this many distinct texts (default 12). */
  readonly maxCodes?: number;
  /** Also look for light-on-dark codes (default true). */
  readonly tryInverted?: boolean;
  /** Steps 2 and 3 above: candidate regions, tiles, enlargement (default true). */
  readonly deepScan?: boolean;
  /** Shifted retries of hard regions (step 2) stop after this many milliseconds (default 3000). */
  readonly budgetMs?: number;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/** A part of the working image to hand to jsQR: a rectangle, resized by `scale` (1/2, 1, 2, 3...). */
interface View {
  readonly rect: Rect;
  readonly scale: number;
}

type Inversion = 'attemptBoth' | 'dontInvert';

interface Scan {
  readonly work: RgbaImage;
  readonly inversion: Inversion;
  readonly found: Set<string>;
  readonly maxCodes: number;
}

/** The whole-image read is done on a copy shrunk until its longer side is at most this. */
const COARSE_SIDE = 1280;
/** Candidate regions are enlarged only while the enlargement's longer side stays under this. */
const MAX_ENLARGED_SIDE = 1400;
/** Images whose longer side exceeds this are read in tiles when nothing else was found. */
const LARGE_SIDE = 1000;
/** Images up to this many pixels are read enlarged 2x when nothing else was found. */
const SMALL_AREA = 1_000_000;
const MIN_TILE = 480;
/** Regions at least this solid and this square get the shifted 3x retries. */
const DENSE_FILL = 0.7;
const DENSE_ASPECT = 1.25;

/**
 * Every distinct QR code text in `image`, in the order found. Returns `[]` for an image with no
 * readable code and for malformed input (sizes that do not match the data); never throws.
 */
export function decodeQrCodes(image: RgbaImage, opts: DecodeQrOptions = {}): string[] {
  if (!isWellFormedImage(image)) return [];
  const scan: Scan = {
    work: { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height },
    inversion: opts.tryInverted === false ? 'dontInvert' : 'attemptBoth',
    found: new Set<string>(),
    maxCodes: opts.maxCodes ?? 12,
  };
  const { width, height } = image;
  const full: Rect = { x: 0, y: 0, width, height };
  const shrink = Math.ceil(Math.max(width, height) / COARSE_SIDE);

  scanView(scan, { rect: full, scale: 1 / shrink });
  if (opts.deepScan === false) return [...scan.found];

  // Step 2. After each code read, the regions are found again: the code is painted over, so a
  // region it shared with a neighbour (merged busy blocks) now shows the neighbour alone.
  const deadline = now() + (opts.budgetMs ?? 3000);
  const fruitless = new Set<string>();
  for (let round = 0; round <= scan.maxCodes && scan.found.size < scan.maxCodes; round++) {
    let hit = false;
    for (const region of findBusyRegions(scan.work)) {
      const key = rectKey(region.rect);
      if (fruitless.has(key)) continue;
      if ((hit = scanRegion(scan, region, deadline))) break;
      fruitless.add(key);
    }
    if (!hit) break;
  }
  if (scan.found.size === 0) {
    if (Math.max(width, height) > LARGE_SIDE) {
      for (const rect of tiles(width, height)) scanView(scan, { rect, scale: 1 });
    } else if (width * height <= SMALL_AREA) {
      scanView(scan, { rect: full, scale: 2 });
    }
  }
  return [...scan.found];
}

/**
 * Reads one code from a candidate region at 1x, 2x, 3x; true if it read one. jsQR estimates a code's size in
 * modules from its finder patterns; with modules of about 2 px that estimate is often off by 2 or 4
 * (a version-19 code read as 89 modules instead of 93) and the read fails. The estimate depends on
 * where the binarizer's 8 px blocks fall, so for solid, square regions (likely a dense code) the 3x
 * read is retried with the crop shifted by 1..7 px (every block phase), while time is left.
 */
function scanRegion(scan: Scan, region: BusyRegion, deadline: number): boolean {
  const { rect } = region;
  const side = Math.max(rect.width, rect.height);
  for (let scale = 1; scale <= 3; scale++) {
    if (scale > 1 && side * scale > MAX_ENLARGED_SIDE) return false;
    if (scanView(scan, { rect, scale }, 1) > 0) return true;
  }
  if (region.fill < DENSE_FILL || region.aspect > DENSE_ASPECT) return false;
  for (let shift = 1; shift < 8 && now() < deadline; shift++) {
    const shifted = { x: rect.x + shift, y: rect.y + shift, width: rect.width - shift, height: rect.height - shift };
    if (scanView(scan, { rect: shifted, scale: 3 }, 1) > 0) return true;
  }
  return false;
}

const rectKey = (r: Rect): string => `${r.x},${r.y},${r.width},${r.height}`;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Reads codes from one view of the working image until none is left (or `maxHits` were read),
 * painting over each one found. Returns how many codes it read.
 */
function scanView(scan: Scan, view: View, maxHits = Infinity): number {
  const { work } = scan;
  const { rect, scale } = view;
  const whole = rect.x === 0 && rect.y === 0 && rect.width === work.width && rect.height === work.height;
  let hits = 0;
  for (let attempt = 0; attempt < scan.maxCodes + 2 && hits < maxHits && scan.found.size < scan.maxCodes; attempt++) {
    let img: RgbaImage | null = whole ? work : cropImage(work, rect);
    if (!img) break;
    img = scale < 1 ? downscaleBox(img, Math.round(1 / scale)) : upscaleNearest(img, scale);
    const code = jsQR(img.data, img.width, img.height, { inversionAttempts: scan.inversion });
    if (!code) break;
    hits++;
    if (code.data !== '') scan.found.add(code.data);
    const { topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner } = code.location;
    const corners = [topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner].map((p) => ({
      x: rect.x + p.x / scale,
      y: rect.y + p.y / scale,
    }));
    paintOver(work, corners, code.version);
  }
  return hits;
}

/**
 * Overlapping square tiles covering the image: side two thirds of the shorter side (at least
 * {@link MIN_TILE}), step half a side, so any code up to half a tile fits wholly in one tile.
 */
function tiles(width: number, height: number): Rect[] {
  const side = Math.min(Math.max(MIN_TILE, Math.round((Math.min(width, height) * 2) / 3)), width, height);
  const step = Math.max(1, Math.floor(side / 2));
  const starts = (length: number): number[] => {
    const out: number[] = [];
    for (let s = 0; s + side < length; s += step) out.push(s);
    out.push(length - side);
    return out;
  };
  const rects: Rect[] = [];
  for (const y of starts(height)) for (const x of starts(width)) rects.push({ x, y, width: side, height: side });
  return rects;
}

/**
 * Paints a found code over with the colour of its quiet zone, so the next read does not find it
 * again. The quadrilateral of its corners is grown by two modules plus 2 px (a code's quiet zone
 * is four modules, ISO/IEC 18004 §6.3.8, so a neighbouring code is not touched).
 */
function paintOver(work: RgbaImage, corners: readonly Point[], version: number): void {
  const modules = 17 + 4 * version;
  const side = corners.reduce((sum, p, i) => sum + distance(p, corners[(i + 1) % 4] ?? p), 0) / 4;
  if (!(side > 0)) return;
  const moduleSize = side / modules;
  const margin = 2 * moduleSize + 2;
  const centre = { x: corners.reduce((s, p) => s + p.x, 0) / 4, y: corners.reduce((s, p) => s + p.y, 0) / 4 };
  const grow = (by: number) => corners.map((p) => ({ x: centre.x + (p.x - centre.x) * by, y: centre.y + (p.y - centre.y) * by }));
  const quad = grow(1 + (2 * margin) / side);
  const colour = sampleColour(work, grow(1 + (2 * (margin + moduleSize)) / side));
  fillConvexQuad(work, quad, colour);
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The average colour at the given points (those inside the image); white if none is. */
function sampleColour(work: RgbaImage, points: readonly Point[]): readonly [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (const p of points) {
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x < 0 || y < 0 || x >= work.width || y >= work.height) continue;
    const i = (y * work.width + x) * 4;
    for (let c = 0; c < 3; c++) sum[c]! += work.data[i + c] ?? 255;
    n++;
  }
  return n ? [sum[0]! / n, sum[1]! / n, sum[2]! / n] : [255, 255, 255];
}

/** Fills the pixels whose centres lie inside a convex quadrilateral (either winding order). */
function fillConvexQuad(work: RgbaImage, quad: readonly Point[], [r, g, b]: readonly [number, number, number]): void {
  const xs = quad.map((p) => p.x);
  const ys = quad.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(work.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(work.height - 1, Math.ceil(Math.max(...ys)));
  const edges = quad.map((p, i) => [p, quad[(i + 1) % quad.length] ?? p] as const);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let pos = false;
      let neg = false;
      for (const [a, b2] of edges) {
        const cross = (b2.x - a.x) * (py - a.y) - (b2.y - a.y) * (px - a.x);
        if (cross > 0) pos = true;
        else if (cross < 0) neg = true;
      }
      if (pos && neg) continue;
      const i = (y * work.width + x) * 4;
      work.data[i] = r;
      work.data[i + 1] = g;
      work.data[i + 2] = b;
      work.data[i + 3] = 255;
    }
  }
}
