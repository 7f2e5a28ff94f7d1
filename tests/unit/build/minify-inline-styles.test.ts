import { describe, expect, it } from 'vitest';
import type { OutputBundle } from 'rollup';
import { minifyInlineStyles } from '../../../scripts/build/minify-inline-styles';

async function minifyPages(pages: Record<string, string>): Promise<Record<string, string>> {
  const bundle = Object.fromEntries(
    Object.entries(pages).map(([fileName, source]) => [fileName, { type: 'asset', fileName, source }]),
  ) as unknown as OutputBundle;
  const hook = minifyInlineStyles().generateBundle;
  if (!hook || typeof hook !== 'object') throw new Error('no generateBundle handler');
  await (hook.handler as (options: unknown, bundle: OutputBundle) => Promise<void>)({}, bundle);
  return Object.fromEntries(Object.values(bundle).map((file) => [file.fileName, String(file.type === 'asset' ? file.source : '')]));
}

describe('inline stylesheets minified (build step)', () => {
  it("minifies every page's inline <style>, leaving the rest of the page and other files as they are", async () => {
    const out = await minifyPages({
      'a.html': '<head>\n<style>\n/* why */\nbody {\n  color: red;\n}\n</style>\n<style>p { margin: 0 }</style>\n</head>',
      'b.txt': '<style>\n  p {}\n</style>',
    });
    expect(out['a.html']).toBe('<head>\n<style>body{color:red}</style>\n<style>p{margin:0}</style>\n</head>');
    expect(out['b.txt']).toBe('<style>\n  p {}\n</style>');
  });
});
