import { defineConfig } from "vitest/config";

// Test files that replace a module of src/ with vi.mock: a mock applies only where the module is
// imported afresh, so these run isolated, each in a module registry of its own.
const MOCKING = ["tests/file-names.test.ts", "tests/gate.test.ts"];

export default defineConfig({
  test: {
    // Browser tests need Chromium and run with `npm run test:browser` (vitest.browser.config.ts).
    exclude: ["tests/browser/**", "**/node_modules/**"],
    // End-to-end tests build whole sites in child processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Both cores (vitest takes one less than there are): the end-to-end tests spend much of their time
    // waiting for the child processes they start, which the other worker's tests fill.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // The rest share each worker's modules: the pipeline, Eleventy and Typst load once per worker, not
        // once per file, and a worker's warm script server (helpers/site.ts) serves every file it runs.
        test: { name: "shared", include: ["tests/**/*.test.ts"], exclude: ["tests/browser/**", "**/node_modules/**", ...MOCKING], isolate: false },
      },
      { extends: true, test: { name: "isolated", include: MOCKING, isolate: true } },
    ],
  },
});
