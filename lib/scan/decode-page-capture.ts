/**
 * Finds every QR code a user can see in a tab: decodes a capture of the visible tab, crop by crop
 * (one crop per candidate element the page probe listed, page/scan/page-probe.ts), then the whole
 * capture, then images read from the DOM (below the fold). Crops first: a crop holds one code at
 * full resolution, so small and inverted codes next to other content are read quickly; the whole
 * capture then finds codes not drawn by one element (a table of cells, a code inside a larger
 * image): shrunk to at most 800 px when the crops found something (a 1920x1080 view is the
 * costliest part of a scan), at the full coarse size otherwise. The slow deep scan of the whole
 * capture runs only when nothing was found.
 *
 * Pure (no DOM): the caller decodes images to RGBA first (lib/scan/rgba-from-blob.ts).
 */
import { decodeQrCodes } from '../qr/decode-qr-codes';
import { captureScale, cropImage, padRect, scaleRect, type Rect } from '../qr/crop-image';
import type { RgbaImage } from '../qr/rgba-image';
import { downscaleBox } from '../qr/resize-image';
import type { ProbeKind } from '../../page/scan/page-probe';

export interface PageCapture {
  /** The capture of the visible tab (device pixels). */
  readonly capture: RgbaImage;
  /** The viewport's width in CSS px (`innerWidth`), to find device pixels per CSS pixel. */
  readonly viewportCssWidth: number;
  /** Candidate elements' rectangles in CSS px (viewport-relative). */
  readonly candidates: readonly (Rect & { readonly kind?: ProbeKind })[];
  /** Images read from the DOM (off screen). */
  readonly images: readonly RgbaImage[];
}

/** What was looked at, so "nothing found" can say what was tried. */
export interface ScanTried {
  readonly elements: number;
  readonly images: number;
  readonly deep: boolean;
}

export interface PageDecode {
  /** Distinct QR texts in the order found. */
  readonly texts: string[];
  readonly tried: ScanTried;
}

export interface PageDecodeOptions {
  /** Time for the deep scan of the whole capture when nothing else was found (ms, default 600). */
  readonly deepBudgetMs?: number;
  /** Stop after this many codes (default 20: two Google exports' worth). */
  readonly maxCodes?: number;
}

/** The quick whole-view look (after the crops found something) is done at most this large. */
const QUICK_SIDE = 800;
/** A candidate covering more than this share of the capture is left to the whole-capture pass. */
const MAX_CROP_SHARE = 0.6;

export function decodePageCapture(page: PageCapture, opts: PageDecodeOptions = {}): PageDecode {
  const { capture } = page;
  const maxCodes = opts.maxCodes ?? 20;
  const found = new Set<string>();
  const add = (texts: readonly string[]) => texts.forEach((t) => found.size < maxCodes && found.add(t));
  const scale = captureScale(capture.width, page.viewportCssWidth);
  const captureArea = capture.width * capture.height;

  let elements = 0;
  for (const rect of distinctRects(page.candidates.map((c) => scaleRect(c, scale)))) {
    if (found.size >= maxCodes) break;
    if (rect.width * rect.height > captureArea * MAX_CROP_SHARE) continue;
    // A few pixels of margin keep the quiet zone of a code drawn right to the element's edge.
    const crop = cropImage(capture, padRect(rect, Math.max(4, Math.round(Math.min(rect.width, rect.height) * 0.04))));
    if (!crop) continue;
    elements++;
    add(decodeQrCodes(crop, { maxCodes: 4, budgetMs: 40 }));
  }
  if (found.size === 0) add(decodeQrCodes(capture, { maxCodes, deepScan: false }));
  else if (found.size < maxCodes) {
    // The crops found codes; a quick look at a small copy of the whole view still catches a large
    // code that no candidate element drew (e.g. one made of table cells), at a quarter of the cost.
    const factor = Math.ceil(Math.max(capture.width, capture.height) / QUICK_SIDE);
    add(decodeQrCodes(factor > 1 ? downscaleBox(capture, factor) : capture, { maxCodes, deepScan: false, tryInverted: false }));
  }
  for (const image of page.images) {
    if (found.size >= maxCodes) break;
    add(decodeQrCodes(image, { maxCodes: 4, budgetMs: 100 }));
  }
  let deep = false;
  if (found.size === 0) {
    deep = true;
    add(decodeQrCodes(capture, { maxCodes, budgetMs: opts.deepBudgetMs ?? 600 }));
  }
  return { texts: [...found], tried: { elements, images: page.images.length, deep } };
}

/**
 * Decodes a rectangle the user selected (CSS px) from a capture, enlarged when small so modules
 * are at least a few pixels wide.
 */
export function decodeSelectedArea(capture: RgbaImage, viewportCssWidth: number, area: Rect): string[] {
  const crop = cropImage(capture, scaleRect(area, captureScale(capture.width, viewportCssWidth)));
  if (!crop) return [];
  return decodeQrCodes(crop, { maxCodes: 20, budgetMs: 1500 });
}

/** Drops rectangles seen before (nested elements often share one box, e.g. picture > img). */
function distinctRects(rects: readonly Rect[]): Rect[] {
  const seen = new Set<string>();
  return rects.filter((r) => {
    const key = `${r.x},${r.y},${r.width},${r.height}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
