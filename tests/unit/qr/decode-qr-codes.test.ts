import { describe, expect, it } from 'vitest';
import { classifyQrText } from '../../../lib/qr/classify-qr-text';
import { decodeQrCodes } from '../../../lib/qr/decode-qr-codes';
import { fixtureFolder, fixturePath, readFixtureText } from '../../support/fixtures';
import { migrationDecode } from '../../support/oracles';
import { zbarimgTexts } from '../import/google-migration-fixtures';
import { composeCanvas, drawQr } from './compose';
import { readPng } from './read-png';

const migration = (file: string) => fixturePath(`google_auth_migration/${file}`);
const generated = (file: string) => fixturePath(`qr_generated/${file}`);
// Timing-free: the shifted retries for hard codes must not depend on how busy the machine is.
const NO_BUDGET = { budgetMs: Infinity };

describe('decodeQrCodes on real images', () => {
  it('reads the one code of example_export.png (as zbarimg did)', () => {
    const texts = decodeQrCodes(readPng(migration('example_export.png')), NO_BUDGET);
    expect(texts).toEqual(zbarimgTexts()['example_export.png']);
  });

  it('reads both codes of the 2-part export screenshot Exported-QR-codes.png: 20 accounts', () => {
    const texts = decodeQrCodes(readPng(migration('Exported-QR-codes.png')), NO_BUDGET);
    expect([...texts].sort()).toEqual([...zbarimgTexts()['Exported-QR-codes.png']!].sort());
    expect(texts.flatMap((t) => migrationDecode(t).accounts)).toHaveLength(20);
  });

  it('reads every image in qr_generated/ as its MANIFEST.tsv text', () => {
    const rows = readFixtureText('qr_generated/MANIFEST.tsv').trim().split('\n').slice(1);
    expect(rows).toHaveLength(17);
    // The manifest names every image in the folder, so none is left unread.
    expect(rows.map((row) => row.split('\t')[0])).toEqual(fixtureFolder('qr_generated', 18).filter((f) => f.endsWith('.png')));
    for (const row of rows) {
      const [file, , , text] = row.split('\t');
      expect(decodeQrCodes(readPng(generated(file!))), file).toEqual([text]);
    }
  });

  it('reads qr_but_without_otp.png, whose text is classified as not a two-factor secret', () => {
    const texts = decodeQrCodes(readPng(migration('qr_but_without_otp.png')));
    expect(texts).toEqual(['NOT A otpauth-migration:// URL']);
    expect(classifyQrText(texts[0]!)).toMatchObject({ kind: 'not-otp', what: 'text' });
  });

  it('returns [] for malformed pixel data instead of throwing', () => {
    expect(decodeQrCodes({ data: new Uint8ClampedArray(10), width: 5, height: 5 })).toEqual([]);
    expect(decodeQrCodes({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toEqual([]);
  });

  it("leaves the caller's pixels untouched", () => {
    const image = readPng(generated('01_aegis_plain.png'));
    const before = Uint8ClampedArray.from(image.data);
    decodeQrCodes(image);
    expect(image.data).toEqual(before);
  });
});

describe('decodeQrCodes on composed screenshots', () => {
  const uri = (n: number) => `otpauth://totp/Site${n}:user${n}@example.com?secret=JBSWY3DPEHPK3PX${'ABCDEFG'[n]}&issuer=Site${n}`;

  it('finds 3 codes of different sizes on a 1920x1080 white canvas', () => {
    const canvas = composeCanvas(1920, 1080, [
      { text: uri(0), x: 80, y: 90, moduleSize: 8 },
      { text: uri(1), x: 900, y: 300, moduleSize: 5 },
      { text: uri(2), x: 1500, y: 700, moduleSize: 3 },
    ]);
    expect(decodeQrCodes(canvas, NO_BUDGET).sort()).toEqual([uri(0), uri(1), uri(2)]);
  });

  it('finds 3 codes of the same size side by side, as an export page shows them', () => {
    const canvas = composeCanvas(
      1920,
      1080,
      [0, 1, 2].map((i) => ({ text: uri(i), x: 120 + i * 600, y: 300, moduleSize: 6 })),
    );
    expect(decodeQrCodes(canvas, NO_BUDGET).sort()).toEqual([uri(0), uri(1), uri(2)]);
  });

  it('finds a small code (about 100 px) on a 1920x1080 canvas', () => {
    const small = drawQr({ text: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP', moduleSize: 3 });
    expect(small.width).toBeLessThanOrEqual(120); // 29 modules + quiet zone, 3 px each
    const canvas = composeCanvas(1920, 1080, [{ text: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP', moduleSize: 3, x: 1200, y: 640 }]);
    expect(decodeQrCodes(canvas, NO_BUDGET)).toEqual(['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP']);
  });

  it('finds a code with 1 px modules in a small image (2x enlargement)', () => {
    const canvas = composeCanvas(120, 120, [{ text: 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP', moduleSize: 1, x: 30, y: 30 }]);
    expect(decodeQrCodes(canvas, NO_BUDGET)).toEqual(['otpauth://totp/A?secret=JBSWY3DPEHPK3PXP']);
  });

  it('finds an inverted code (light modules on black), unless told not to', () => {
    const canvas = composeCanvas(1920, 1080, [{ text: uri(3), x: 700, y: 300, moduleSize: 5, inverted: true }], 0);
    expect(decodeQrCodes(canvas, NO_BUDGET)).toEqual([uri(3)]);
    expect(decodeQrCodes(canvas, { ...NO_BUDGET, tryInverted: false })).toEqual([]);
  });

  it('finds a normal and an inverted code in one image', () => {
    const canvas = composeCanvas(1200, 600, [{ text: uri(4), x: 60, y: 100, moduleSize: 5 }]);
    const inverted = drawQr({ text: uri(5), moduleSize: 5, inverted: true });
    for (let y = 0; y < inverted.height; y++) {
      const from = y * inverted.width * 4;
      canvas.data.set(inverted.data.subarray(from, from + inverted.width * 4), ((100 + y) * canvas.width + 700) * 4);
    }
    expect(decodeQrCodes(canvas, NO_BUDGET).sort()).toEqual([uri(4), uri(5)]);
  });

  it('reports the same text once when two codes hold it', () => {
    const canvas = composeCanvas(1000, 500, [
      { text: uri(6), x: 40, y: 60, moduleSize: 5 },
      { text: uri(6), x: 540, y: 60, moduleSize: 5 },
    ]);
    expect(decodeQrCodes(canvas, NO_BUDGET)).toEqual([uri(6)]);
  });

  it('finds nothing on a blank canvas', () => {
    expect(decodeQrCodes(composeCanvas(800, 600, []))).toEqual([]);
  });
});
