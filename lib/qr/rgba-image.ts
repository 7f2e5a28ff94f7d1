/**
 * An RGBA raster: 4 bytes per pixel (red, green, blue, alpha), rows top to bottom. The DOM's
 * `ImageData` (from a canvas, `OffscreenCanvas` or a tab capture) has exactly this shape, and so
 * does what `pngjs` reads in tests, so code under `lib/qr/` never needs the DOM.
 */
export interface RgbaImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** True when the sizes are positive integers and `data` holds exactly width x height pixels. */
export function isWellFormedImage(image: RgbaImage): boolean {
  const { data, width, height } = image;
  return (
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width > 0 &&
    height > 0 &&
    data instanceof Uint8ClampedArray &&
    data.length === width * height * 4
  );
}
