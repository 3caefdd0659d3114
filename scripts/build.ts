// npm run build: validate every letter, then write the site with Eleventy into a temporary folder and
// swap it in only when everything succeeded (src/tools/build.ts), and say what was done.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OpenLettersError } from "../src/model/errors.ts";
import { buildSite } from "../src/tools/build.ts";
import { parseFlags, runCli } from "./lib/cli.ts";

const HELP = `
Usage: npm run build [-- --root DIR] [--output DIR] [--path-prefix /PREFIX/]

Checks every letter, then writes the static site to _site/ (or --output).
If anything fails, the previous site is left untouched.

  --root DIR            folder holding letters/ (default: .)
  --output DIR          where to write the site (default: _site)
  --path-prefix PREFIX  serve under a folder, e.g. /open-letters/ (default: site.yaml's path_prefix)
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({
      root: { type: "string" },
      output: { type: "string" },
      "path-prefix": { type: "string" },
    });
    const started = performance.now();
    try {
      const result = await buildSite({ root: values.root, output: values.output, pathPrefix: values["path-prefix"] }, process.env);
      if (result.warnings.length) console.warn(result.warnings.join("\n"));
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (result.upToDate) {
        console.log(`Nothing changed since the last build: ${result.output} is up to date (${result.letters} letter(s), ${result.signatories} signatories; checked in ${seconds} s).`);
        return;
      }
      const reused = result.reused ? ` (${result.reused} unchanged, copied from the last build)` : "";
      // Drafts and letters never released are not on the site: say so, or "Built 3 letters" misleads.
      const left = result.unpublished ? `; ${result.unpublished} not published (drafts, or not released yet)` : "";
      console.log(`Built ${result.letters} letter(s)${reused}, ${result.signatories} signatories into ${result.output} in ${seconds} s${left}.`);
    } catch (error) {
      // Any failure the user can fix leaves the previous site as it was (see buildSite), so say so.
      if (error instanceof OpenLettersError) {
        console.error(error.format());
        console.error("Build stopped: nothing was written; the previous site, if any, is untouched.");
        return 1;
      }
      throw error;
    }
  }, HELP);
}
