import type { OutputBundle } from 'rollup';
import type { Plugin } from 'vite';

/**
 * A build-only Vite plugin that changes the finished bundle: its `step` runs after Vite's own
 * generateBundle hooks (Rollup's `order: 'post'`), once the pages are written and each chunk's
 * preload list is filled in, and before anything is written to disk.
 */
export function afterViteBundle(name: string, step: (bundle: OutputBundle) => Promise<void>): Plugin {
  return {
    name,
    apply: 'build',
    generateBundle: { order: 'post', handler: (_options, bundle) => step(bundle) },
  };
}
