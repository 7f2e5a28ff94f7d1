// Serves the demo pages (and, for tests, any folder) on localhost. `/qr.svg?text=...` renders a QR
// code, so pages can show one without shipping images. Usage: node scripts/demo-server.mjs [port] [dir]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import qrcode from 'qrcode-generator';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.json': 'application/json',
};

export function qrSvg(text, cell = 4) {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createSvgTag({ cellSize: cell, margin: 4 * cell });
}

/** Starts a static server; resolves to the http.Server once listening. */
export function serve(dir, port = 0, host = '127.0.0.1') {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/qr.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'access-control-allow-origin': url.searchParams.has('cors') ? '*' : '' });
      return res.end(qrSvg(url.searchParams.get('text') ?? '', Number(url.searchParams.get('cell') ?? 4)));
    }
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    const target = fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    if (!target.startsWith(root) || !fs.existsSync(target)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8788);
  const dir = process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../demo');
  const server = await serve(dir, port, 'localhost');
  console.log(`Demo pages on http://localhost:${server.address().port}/`);
}
