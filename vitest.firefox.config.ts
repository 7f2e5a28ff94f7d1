import { defineConfig } from 'vitest/config';

// End-to-end tests in Firefox: the built add-on (.output/firefox-mv3) in Debian's headless
// firefox-esr, driven by puppeteer-core over WebDriver BiDi (tests/firefox/harness.ts).
// One browser per file; two files at a time fits a 2-core machine.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/firefox/**/*.firefox.ts'],
    testTimeout: 120_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
  },
});
