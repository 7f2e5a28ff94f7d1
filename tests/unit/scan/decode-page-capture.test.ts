import { describe, expect, it } from 'vitest';
import { decodePageCapture, decodeSelectedArea } from '../../../lib/scan/decode-page-capture';
import { composeCanvas, drawQr } from '../qr/compose';

const uri = (n: number) => `otpauth://totp/Site${n}:user${n}@example.com?secret=JBSWY3DPEHPK3PX${'ABCD'[n]}&issuer=Site${n}`;

describe('decoding a page capture', () => {
  it('finds every code: crops at the capture scale (devicePixelRatio 2), small and inverted ones too', () => {
    // A 1280x800 CSS px viewport captured at 2x: 2560x1600 device px.
    const small = drawQr({ text: uri(1), moduleSize: 2 });
    const capture = composeCanvas(2560, 1600, [
      { text: uri(0), x: 200, y: 200, moduleSize: 6 },
      { text: uri(1), x: 1400, y: 300, moduleSize: 2 },
      { text: uri(2), x: 600, y: 1000, moduleSize: 4, inverted: true },
    ]);
    const candidates = [
      { x: 100, y: 100, width: 200, height: 200, kind: 'img' as const },
      { x: 700, y: 150, width: small.width / 2, height: small.height / 2, kind: 'canvas' as const },
      { x: 300, y: 500, width: 200, height: 200, kind: 'svg' as const },
    ];
    const r = decodePageCapture({ capture, viewportCssWidth: 1280, candidates, images: [] });
    expect([...r.texts].sort()).toEqual([uri(0), uri(1), uri(2)]);
    expect(r.tried).toEqual({ elements: 3, images: 0, deep: false });
  });

  it('reads images from the DOM (below the fold) as well', () => {
    const capture = composeCanvas(640, 400, []);
    const r = decodePageCapture({ capture, viewportCssWidth: 640, candidates: [], images: [drawQr({ text: uri(3) })] });
    expect(r.texts).toEqual([uri(3)]);
  });

  it('says what it tried when nothing is found', () => {
    const capture = composeCanvas(640, 400, []);
    const r = decodePageCapture({ capture, viewportCssWidth: 640, candidates: [{ x: 10, y: 10, width: 50, height: 50 }], images: [] });
    expect(r).toEqual({ texts: [], tried: { elements: 1, images: 0, deep: true } });
  });

  it('decodes a selected area', () => {
    const capture = composeCanvas(1280, 800, [{ text: uri(0), x: 500, y: 300, moduleSize: 3 }]);
    expect(decodeSelectedArea(capture, 640, { x: 240, y: 140, width: 120, height: 120 })).toEqual([uri(0)]);
    expect(decodeSelectedArea(capture, 640, { x: 0, y: 0, width: 100, height: 100 })).toEqual([]);
  });
});
