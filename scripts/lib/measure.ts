// Runs one build in this process and prints its resource usage as the last line of output, so the
// benchmark can read CPU time and peak memory of exactly that build (worker threads included).
// Usage: measure.ts site <root> <output> | measure.ts eleventy <input> <output>
// Imported when used, as `npm run build` does: each mode pays for exactly what it loads.

const [mode, input, output] = process.argv.slice(2);
if (mode === "eleventy") {
  // The baseline: Eleventy with its defaults and no project configuration.
  const { default: Eleventy } = await import("@11ty/eleventy");
  await new Eleventy(input!, output!, { quietMode: true }).write(); // run from the corpus folder: no config file there
} else {
  const { buildSite } = await import("../../src/tools/build.ts");
  await buildSite({ root: input!, output: output!, quiet: true }, process.env); // OPEN_LETTERS_PDF, _PDF_CACHE: see bench.ts
}
const usage = process.resourceUsage();
console.log(JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 }));
