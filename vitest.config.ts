import { defineConfig } from 'vitest/config';

// Unit tests run in Node: `fake-indexeddb/auto` provides IndexedDB and Node provides WebCrypto.
// (A jsdom environment breaks `instanceof Uint8Array` checks across realms.)
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 30_000,
  },
});
