import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Browser tests need Chromium and run with `npm run test:browser` (vitest.browser.config.ts).
    exclude: ["tests/browser/**", "**/node_modules/**"],
    // End-to-end tests build whole sites in child processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
