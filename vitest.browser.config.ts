import { defineConfig } from "vitest/config";

// `npm run test:browser`: the built site in real headless Chromium (axe, requests, keyboard, screenshots).
// Separate from `npm test` because it needs /usr/bin/chromium and takes longer.
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time on a 2-core machine.
    fileParallelism: false,
  },
});
