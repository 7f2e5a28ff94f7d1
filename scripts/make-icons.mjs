// Draws Sesame's toolbar icon (a keyhole on a rounded blue square) into public/icon/<size>.png.
// Run once when the design changes: node scripts/make-icons.mjs
import fs from 'node:fs';
import { PNG } from 'pngjs';

const inside = (x, y) => {
  // unit square coordinates, 0..1
  const r = 0.2; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r),
    cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const keyhole = (x, y) => {
  const head = (x - 0.5) ** 2 + (y - 0.4) ** 2 <= 0.14 ** 2;
  const t = (y - 0.45) / 0.33; // stem widens downwards
  const stem = y >= 0.45 && y <= 0.78 && Math.abs(x - 0.5) <= 0.06 + 0.05 * t;
  return head || stem;
};
fs.mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const png = new PNG({ width: size, height: size });
  const ss = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let bg = 0,
        hole = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size,
            y = (py + (sy + 0.5) / ss) / size;
          if (inside(x, y)) {
            bg++;
            if (keyhole(x, y)) hole++;
          }
        }
      const n = ss * ss,
        i = (py * size + px) * 4;
      const a = bg / n,
        h = bg ? hole / bg : 0;
      png.data[i] = Math.round(10 * (1 - h) + 255 * h);
      png.data[i + 1] = Math.round(88 * (1 - h) + 255 * h);
      png.data[i + 2] = Math.round(202 * (1 - h) + 255 * h);
      png.data[i + 3] = Math.round(255 * a);
    }
  fs.writeFileSync(`public/icon/${size}.png`, PNG.sync.write(png));
}
console.log('wrote public/icon/{16,32,48,128}.png');
