// Vite writes a page's inline <style> into the build as it is written (comments, indentation) once
// it has put its `@import`s in: this minifies it as Vite minifies stylesheet files (esbuild).
// popup.html and options.html keep the stylesheet every page shares inline (popup.html: one file
// less to wait for before the first paint; docs/design.md, "Popup start-up").
import { transformWithEsbuild, type Plugin } from 'vite';
import { afterViteBundle } from './after-vite-bundle';

export function minifyInlineStyles(): Plugin {
  return afterViteBundle('sesame:minify-inline-styles', async (bundle) => {
    for (const file of Object.values(bundle)) {
      if (file.type === 'asset' && file.fileName.endsWith('.html')) file.source = await minifiedStyles(String(file.source));
    }
  });
}

async function minifiedStyles(html: string): Promise<string> {
  let out = html;
  for (const [whole, css = ''] of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    const { code } = await transformWithEsbuild(css, 'inline.css', { loader: 'css', minify: true });
    out = out.replace(whole, `<style>${code.trim()}</style>`);
  }
  return out;
}
