import { describe, expect, it } from 'vitest';
import type { OutputBundle } from 'rollup';
import { firstPaintInOneFile } from '../../../scripts/build/first-paint-in-one-file';

const PAGE = 'entrypoints/popup/index.html';

/** A built page and its chunks, as Vite hands them to generateBundle (only the fields the step reads). */
function bundleOf(chunks: Record<string, { code: string; imports?: string[] }>, html: string): OutputBundle {
  const bundle: Record<string, unknown> = { [PAGE]: { type: 'asset', fileName: PAGE, source: html } };
  for (const [fileName, { code, imports = [] }] of Object.entries(chunks)) bundle[fileName] = { type: 'chunk', fileName, code, imports };
  return bundle as OutputBundle;
}

async function run(bundle: OutputBundle): Promise<void> {
  const hook = firstPaintInOneFile(PAGE).generateBundle;
  if (!hook || typeof hook !== 'object') throw new Error('no generateBundle handler');
  await (hook.handler as (options: unknown, bundle: OutputBundle) => Promise<void>)({}, bundle);
}

const chunkCode = (bundle: OutputBundle, file: string) => {
  const chunk = bundle[file];
  if (chunk?.type !== 'chunk') throw new Error(file);
  return chunk.code;
};
const pageSource = (bundle: OutputBundle) => {
  const page = bundle[PAGE];
  if (page?.type !== 'asset') throw new Error(PAGE);
  return String(page.source);
};

const HTML = [
  '<html><head><title>t</title>',
  '<style>\n  body {\n    color: red;\n  }\n</style>',
  '<script type="module" crossorigin src="/chunks/popup-1.js"></script>',
  '<link rel="modulepreload" crossorigin href="/chunks/shared-1.js">',
  '<link rel="modulepreload" crossorigin href="/chunks/elsewhere-1.js">',
  '</head><body></body></html>',
].join('\n');

describe('the popup first paint in one file (build step)', () => {
  it('copies the chunks the page module imports statically into it, keeping its exports and its other imports', async () => {
    const bundle = bundleOf(
      {
        'chunks/popup-1.js': {
          code: 'import{b as e}from"./shared-1.js";const l=()=>import("./later-1.js");export{e as E,l as L};',
          imports: ['chunks/shared-1.js'],
        },
        'chunks/shared-1.js': { code: 'import{c as t}from"./base-1.js";const b=t+1;export{b};', imports: ['chunks/base-1.js'] },
        'chunks/base-1.js': { code: 'const c=41;export{c};' },
      },
      HTML,
    );
    await run(bundle);
    const code = chunkCode(bundle, 'chunks/popup-1.js');
    expect(code).not.toMatch(/from\s*["']\.\/(shared|base)-1\.js/);
    expect(code).toContain('import("./later-1.js")');
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { E: number; L: unknown };
    expect(module.E).toBe(42);
    expect(typeof module.L).toBe('function');
    // The copied chunks stay for the pages and chunks that import them.
    expect(chunkCode(bundle, 'chunks/shared-1.js')).toContain('./base-1.js');
  });

  it('puts the module script ahead of the inline stylesheet and drops the copied chunks’ preloads only', async () => {
    const bundle = bundleOf(
      {
        'chunks/popup-1.js': { code: 'import"./shared-1.js";', imports: ['chunks/shared-1.js'] },
        'chunks/shared-1.js': { code: 'const a=1;' },
      },
      HTML,
    );
    await run(bundle);
    const html = pageSource(bundle);
    expect(html.indexOf('<script type="module"')).toBeLessThan(html.indexOf('<style>'));
    expect(html).toContain('<style>\n  body {\n    color: red;\n  }\n</style>');
    expect(html).not.toContain('href="/chunks/shared-1.js"');
    expect(html).toContain('href="/chunks/elsewhere-1.js"');
  });

  it('fails the build when a copied chunk has a module-level let or var (two variables in the popup)', async () => {
    for (const state of ['let n=0;export{n};', 'var n=0;export{n};', 'export let n=0;']) {
      const bundle = bundleOf(
        {
          'chunks/popup-1.js': { code: 'import{n}from"./shared-1.js";console.log(n);', imports: ['chunks/shared-1.js'] },
          'chunks/shared-1.js': { code: state },
        },
        HTML,
      );
      await expect(run(bundle)).rejects.toThrow(/chunks\/shared-1\.js has a module-level (let|var)/);
      expect(chunkCode(bundle, 'chunks/popup-1.js')).toContain('./shared-1.js');
    }
  });

  it('leaves a build without the page alone', async () => {
    const bundle = { 'chunks/a.js': { type: 'chunk', fileName: 'chunks/a.js', code: 'export{}', imports: [] } } as unknown as OutputBundle;
    await run(bundle);
    expect(chunkCode(bundle, 'chunks/a.js')).toBe('export{}');
  });
});
