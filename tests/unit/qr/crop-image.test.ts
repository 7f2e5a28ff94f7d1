import { describe, expect, it } from 'vitest';
import { captureScale, cropImage, padRect, scaleRect } from '../../../lib/qr/crop-image';
import { decodeQrCodes } from '../../../lib/qr/decode-qr-codes';
import { downscaleBox, upscaleNearest } from '../../../lib/qr/resize-image';
import { sniffImageType } from '../../../lib/qr/sniff-image-type';
import { readFixture } from '../../support/fixtures';
import { composeCanvas } from './compose';

/** A 4x3 image whose pixel (x, y) is [x, y, 7, 255]. */
function gradient(width = 4, height = 3) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 7, 255], (y * width + x) * 4);
  return { data, width, height };
}

describe('cropImage', () => {
  it('copies the rectangle, rounding outwards and clipping to the image', () => {
    const c = cropImage(gradient(), { x: 1, y: 1, width: 2, height: 5 })!;
    expect([c.width, c.height]).toEqual([2, 2]);
    expect([...c.data]).toEqual([1, 1, 7, 255, 2, 1, 7, 255, 1, 2, 7, 255, 2, 2, 7, 255]);
    expect(cropImage(gradient(), { x: 0.5, y: -3, width: 1, height: 4 })).toMatchObject({ width: 2, height: 1 });
    expect(cropImage(gradient(), { x: 10, y: 0, width: 2, height: 2 })).toBeNull();
  });

  it('scales CSS-pixel rectangles to device pixels, rounding outwards', () => {
    expect(scaleRect({ x: 10.2, y: 5, width: 100.5, height: 50 }, 2)).toEqual({ x: 20, y: 10, width: 202, height: 100 });
    expect(scaleRect({ x: 1, y: 1, width: 1, height: 1 }, 1.5)).toEqual({ x: 1, y: 1, width: 2, height: 2 });
    expect(scaleRect({ x: 3, y: 4, width: 5, height: 6 }, Number.NaN)).toEqual({ x: 3, y: 4, width: 5, height: 6 });
    expect(captureScale(2560, 1280)).toBe(2);
    expect(captureScale(2560, 0)).toBe(1);
    expect(padRect({ x: 10, y: 10, width: 5, height: 5 }, 3)).toEqual({ x: 7, y: 7, width: 11, height: 11 });
  });

  it('crops a QR code out of a high-DPI capture given its CSS rectangle', () => {
    const text = 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP';
    const capture = composeCanvas(1600, 1000, [{ text, x: 900, y: 400, moduleSize: 6 }]); // device pixels, DPR 2
    const cssRect = { x: 450, y: 200, width: 110, height: 110 }; // where the page shows it
    const crop = cropImage(capture, padRect(scaleRect(cssRect, captureScale(1600, 800)), 8))!;
    expect(crop.width).toBe(236);
    expect(decodeQrCodes(crop)).toEqual([text]);
  });
});

describe('resizing', () => {
  it('upscales by repeating pixels and downscales by averaging blocks', () => {
    const up = upscaleNearest(gradient(2, 1), 2);
    expect([up.width, up.height]).toEqual([4, 2]);
    expect([...up.data.subarray(0, 16)]).toEqual([0, 0, 7, 255, 0, 0, 7, 255, 1, 0, 7, 255, 1, 0, 7, 255]);
    const down = downscaleBox(gradient(4, 3), 2);
    expect([down.width, down.height]).toEqual([2, 2]);
    // Block (0..1, 0..1) averages x 0.5 and y 0.5 (stored rounded half to even: 0); the bottom row
    // of blocks has only image row 2: y = 2.
    expect([...down.data]).toEqual([0, 0, 7, 255, 2, 0, 7, 255, 0, 2, 7, 255, 2, 2, 7, 255]);
  });
});

describe('sniffImageType', () => {
  const file = (p: string) => new Uint8Array(readFixture(p));

  it('recognises a PNG and refuses the text file posing as a JPEG', () => {
    expect(sniffImageType(file('google_auth_migration/example_export.png'))).toEqual({ ok: true, value: 'png' });
    expect(sniffImageType(file('google_auth_migration/Exported-QR-codes.webp'))).toEqual({ ok: true, value: 'webp' });
    expect(sniffImageType(file('google_auth_migration/text_masquerading_as_image.jpeg'))).toEqual({
      ok: false,
      problem: { code: 'err_qr_not_an_image' },
    });
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true, value: 'jpeg' });
    expect(sniffImageType(new Uint8Array())).toMatchObject({ ok: false });
  });
});
