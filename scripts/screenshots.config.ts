import { defineConfig } from 'vitest/config';

// `npm run screenshots`: scripts/screenshots.ts renders the built extension's popup and options page
// in light and dark into docs/screenshots/. Vitest runs it (as it runs the e2e tests) so it shares
// tests/e2e/harness.ts, the one place that knows how to load the extension in headless Chromium.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['scripts/screenshots.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
