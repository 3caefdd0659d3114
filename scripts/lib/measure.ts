// Runs one build (or one command) in this process and prints its resource usage as the last line of
// output, so the benchmark can read CPU time and peak memory of exactly that run (worker threads included).
// Usage: measure.ts site <root> <output> | measure.ts eleventy <input> <output> | measure.ts cli <script.ts> [args...]
// Imported when used, as `npm run build` does: each mode pays for exactly what it loads.
import { resolve } from "node:path";

const [mode, input, output, ...rest] = process.argv.slice(2);
const printUsage = () => {
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 }));
};
if (mode === "cli") {
  // As `npm run <script>` would run it: the script sees itself as the entry point (runCli) and its own
  // arguments; it sets the exit code, so the usage is printed when the process ends.
  const script = resolve(input!);
  process.argv = [process.argv[0]!, script, ...[output, ...rest].filter((a): a is string => a !== undefined)];
  process.on("exit", printUsage);
  await import(script);
} else {
  if (mode === "eleventy") {
    // The baseline: Eleventy with its defaults and no project configuration.
    const { default: Eleventy } = await import("@11ty/eleventy");
    await new Eleventy(input!, output!, { quietMode: true }).write(); // run from the corpus folder: no config file there
  } else {
    const { buildSite } = await import("../../src/tools/build.ts");
    await buildSite({ root: input!, output: output!, quiet: true }, process.env); // OPEN_LETTERS_PDF, _PDF_CACHE: see bench.ts
  }
  printUsage();
}
