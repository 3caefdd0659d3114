import { defineConfig } from "vitest/config";

// Tests in a real browser (Debian's Chromium via playwright-core): `npm run test:browser`.
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    // Building the 20,000-signatory fixture takes a while on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // One browser at a time on a 2-core machine.
    fileParallelism: false,
  },
});
