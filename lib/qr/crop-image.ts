import type { RgbaImage } from './rgba-image';

/** An axis-aligned rectangle in pixels (or CSS pixels before {@link scaleRect}). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Scales a rectangle measured in CSS pixels (e.g. `element.getBoundingClientRect()`) to device
 * pixels of a tab capture, rounding outwards so no edge pixel of the element is lost.
 *
 * @param rect  the rectangle in CSS pixels, relative to the viewport
 * @param scale device pixels per CSS pixel: `window.devicePixelRatio`, or better
 *              {@link captureScale} (which also accounts for page zoom)
 */
export function scaleRect(rect: Rect, scale: number): Rect {
  const s = Number.isFinite(scale) && scale > 0 ? scale : 1;
  const x = Math.floor(rect.x * s);
  const y = Math.floor(rect.y * s);
  return { x, y, width: Math.ceil((rect.x + rect.width) * s) - x, height: Math.ceil((rect.y + rect.height) * s) - y };
}

/**
 * Device pixels per CSS pixel of a capture, from the captured image's width and the viewport's
 * width in CSS pixels (`window.innerWidth`). Unlike `devicePixelRatio` alone this is right when
 * the page is zoomed or the capture was downscaled. Falls back to 1 for unusable inputs.
 */
export function captureScale(imageWidth: number, viewportCssWidth: number): number {
  return imageWidth > 0 && viewportCssWidth > 0 ? imageWidth / viewportCssWidth : 1;
}

/** Grows a rectangle by `margin` pixels on every side (use it to keep a QR code's quiet zone). */
export function padRect(rect: Rect, margin: number): Rect {
  return { x: rect.x - margin, y: rect.y - margin, width: rect.width + 2 * margin, height: rect.height + 2 * margin };
}

/**
 * Copies a rectangle out of an image. The rectangle is rounded to whole pixels and clipped to the
 * image; a rectangle wholly outside it gives `null` (there is nothing to crop).
 */
export function cropImage(image: RgbaImage, rect: Rect): RgbaImage | null {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  if (!(x1 > x0 && y1 > y0)) return null;
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  const rowBytes = width * 4;
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return { data, width, height };
}
