// A build step for the popup's first paint (issue 14; docs/design.md, "Popup start-up"): the page
// gets its start-up code as one module file, whose tag comes ahead of the page's inline stylesheet
// (entrypoints/popup/index.html; minify-inline-styles.ts minifies it). Opening the popup then
// fetches two files, the page and that module, as an empty page with a script does, not five.
//
// Why a build step: Rollup puts a module that two pages import in a chunk of its own, and the
// popup's start-up code shares a few small pure modules (the `browser` global, message lookup,
// settings, time steps) with the options page. The popup then waited for those chunks one after
// another: the browser hands an extension's files to a page one at a time. In A/B runs of 31-41
// rounds (1 Dec 2026), with the background awake, the popup built this way painted its codes
// 3-4 ms sooner than the same code built as before (asleep: no difference). The stylesheet inline
// alone, or the module alone, gained nothing measurable; and with the module's tag after the
// stylesheet, the browser only asked for the module once it had parsed the stylesheet (2 ms later).
import path from 'node:path';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import type { OutputBundle, OutputChunk } from 'rollup';
import { minify } from 'terser';
import type { Plugin } from 'vite';
import { afterViteBundle } from './after-vite-bundle';

/**
 * For the page `html` (its name in Vite's bundle: its source, "entrypoints/popup/index.html"):
 * the chunks its module imports statically are copied into that module, and the module's tag goes
 * ahead of the page's inline stylesheet. The chunks stay in the build for the other pages and for
 * the popup's later code, which imports them: their modules then run twice in the popup, so what
 * is copied must keep no state of its own (today: constants and pure functions; the build fails if
 * a copied chunk has a module-level `let` or `var`).
 */
export function firstPaintInOneFile(html: string): Plugin {
  return afterViteBundle('sesame:first-paint-in-one-file', async (bundle) => {
    const page = bundle[html];
    if (page?.type !== 'asset') return;
    const source = String(page.source);
    const entryFile = /<script type="module"[^>]*\ssrc="\/([^"]+)"/.exec(source)?.[1];
    const entry = entryFile ? bundle[entryFile] : undefined;
    if (entry?.type !== 'chunk') throw new Error(`${html}: no module script in the build`);
    const copied = staticImports(entry, bundle);
    for (const file of copied) assertStateless(file, chunkIn(bundle, file).code);
    entry.code = await inOneModule(entry.fileName, copied, bundle);
    entry.imports = [];
    page.source = scriptFirst(withoutPreloads(source, copied));
  });
}

/** Every chunk `entry` imports statically, directly or through another. */
function staticImports(entry: OutputChunk, bundle: OutputBundle): Set<string> {
  const found = new Set<string>();
  const queue = [...entry.imports];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (found.has(file)) continue;
    found.add(file);
    queue.push(...chunkIn(bundle, file).imports);
  }
  return found;
}

function chunkIn(bundle: OutputBundle, file: string): OutputChunk {
  const chunk = bundle[file];
  if (chunk?.type !== 'chunk') throw new Error(`${file}: not a chunk of the build`);
  return chunk;
}

/**
 * A tripwire for firstPaintInOneFile's rule: a module-level `let` or `var` in a copied chunk would
 * be two variables in the popup, one for its start and one for its later code.
 */
function assertStateless(file: string, code: string): void {
  for (const node of parseAst(code).body) {
    const declaration = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
    if (declaration?.type === 'VariableDeclaration' && declaration.kind !== 'const') {
      throw new Error(`${file} has a module-level ${declaration.kind}: copied into the popup's start, it would be two variables`);
    }
  }
}

/**
 * The entry chunk with the chunks in `copied` bundled into it by Rollup, minified again; its exports
 * (the popup's later chunks import from it) and every other import (dynamic ones included) stay.
 */
async function inOneModule(entryFile: string, copied: Set<string>, bundle: OutputBundle): Promise<string> {
  const inside = new Set([entryFile, ...copied]);
  const build = await rollup({
    input: entryFile,
    preserveEntrySignatures: 'strict',
    // The code is already tree-shaken and minified: keep it as it is.
    treeshake: false,
    plugins: [
      {
        name: 'sesame:built-chunks',
        resolveId(id, importer) {
          if (!importer) return id;
          const file = path.posix.join(path.posix.dirname(importer), id);
          // Anything else stays an import, written as it was ("./mount-popup-x.js").
          return inside.has(file) ? file : { id, external: 'absolute' };
        },
        load: (file) => (inside.has(file) ? chunkIn(bundle, file).code : null),
      },
    ],
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const [chunk] = output;
  const minified = await minify(chunk.code, { module: true, compress: { passes: 2 }, format: { comments: false } });
  if (minified.code === undefined) throw new Error(`${entryFile}: terser returned nothing`);
  return minified.code;
}

/** The page without its `<link rel="modulepreload">` of the chunks now inside its module. */
function withoutPreloads(source: string, copied: Set<string>): string {
  return source.replace(/\s*<link rel="modulepreload"[^>]*\shref="\/([^"]+)"[^>]*>/g, (link: string, file: string) =>
    copied.has(file) ? '' : link,
  );
}

/**
 * The page with its module script moved ahead of its first inline `<style>`: the browser starts
 * fetching the module as soon as the parser meets its tag, and can do so while it parses the
 * stylesheet (Vite puts the script at the end of the head).
 */
function scriptFirst(source: string): string {
  const script = /\s*<script type="module"[^>]*><\/script>/.exec(source)?.[0];
  const style = source.search(/<style>/);
  if (!script || style < 0 || source.indexOf(script) < style) return source;
  const without = source.replace(script, '');
  const at = without.search(/\s*<style>/);
  return without.slice(0, at) + script + without.slice(at);
}
