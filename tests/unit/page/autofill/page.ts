import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

/** This folder's HTML fixtures: pages written for these tests (tests/fixtures holds files from other projects). */
const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const pageNames = (): string[] =>
  readdirSync(PAGES)
    .filter((f) => f.endsWith('.html'))
    .sort();

/** A linkedom document for an HTML string. */
export function page(html: string): Document {
  const { document } = parseHTML(
    html.trim().startsWith('<!doctype') || html.includes('<html') ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  return document;
}

export const loadPage = (name: string): Document => page(readFileSync(path.join(PAGES, name), 'utf8'));

export const inputs = (root: Document | ShadowRoot, selector = 'input'): HTMLInputElement[] =>
  Array.from(root.querySelectorAll<HTMLInputElement>(selector));
