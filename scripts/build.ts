// npm run build: validate every letter, then write the site with Eleventy into a temporary folder and
// swap it in only when everything succeeded, so a failed build never leaves a half-written site.
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ContentProblemsError, OpenLettersError } from "../src/model/errors.ts";
import { resolveBuildOptions, type BuildEnv, type BuildFlags } from "../src/build/options.ts";
import { linkReused, planReuse, saveManifest, siteStamp, upToDate, withOutlines } from "../src/build/reuse.ts";
import { parseFlags, runCli } from "./lib/cli.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface BuildResult {
  output: string;
  letters: number;
  /** Letters copied unchanged from the last build instead of being rendered. */
  reused: number;
  /** Nothing had changed since the last build into the same folder: nothing was done. */
  upToDate: boolean;
  signatories: number;
  warnings: string[];
}

/** Builds the site; `env` is the environment the options are resolved from (the CLI passes process.env). */
export async function buildSite(flags: BuildFlags = {}, env: BuildEnv = {}): Promise<BuildResult> {
  // npm run build never previews, whatever ELEVENTY_RUN_MODE the shell has; and its root is --root or
  // here, as for the other npm scripts (OPEN_LETTERS_ROOT points the Eleventy CLI, which has no --root).
  const sources = { flags: { ...flags, root: flags.root ?? ".", preview: false }, env };
  // site.yaml is under the root: first the options that do not depend on it.
  const { root, output, pdf, cache, pathPrefix } = resolveBuildOptions(sources);
  // Nothing read by the last build into `output` has changed, and the output is as it left it.
  // (The prefix stamped is the flag's or the environment's; site.yaml's is in the files stamped.)
  const stamp = siteStamp(root, { pathPrefix, pdf });
  const same = upToDate(root, output, stamp, { enabled: cache });
  if (same) return { output, ...same, reused: same.letters, upToDate: true };
  // Loaded only now: importing Eleventy and the pipeline takes longer than finding there is nothing to do.
  const [{ default: Eleventy }, { handSetup }, { buildPages }, { pagePdfJobs, pdfJobProblems }, { loadSite }] = await Promise.all([
    import("@11ty/eleventy"), import("../src/eleventy/setup.ts"), import("../src/view/pages.ts"), import("../src/outputs/pdf/index.ts"), import("../src/load/site.ts"),
  ]);

  // The one read of the site (site.yaml included) in this build: everything after is handed it.
  const { site, problems } = await loadSite(root, { cache });
  if (!site) throw new ContentProblemsError(problems);
  const options = resolveBuildOptions({ ...sources, site: site.config });
  // Letters unchanged since the last build into `output` are copied from it, not rendered again.
  const plan = planReuse(site, output, { pathPrefix: options.pathPrefix, pdf }, { enabled: cache });
  const data = withOutlines(buildPages(site, { preview: false, reuse: plan.reused }), plan.reused);
  // A letter whose PDF cannot be made (a script no PDF font covers) stops the build here, before
  // Eleventy writes anything, with the same message as npm run check.
  if (pdf) {
    const pdfProblems = pdfJobProblems(pagePdfJobs(site, data.documents)).problems;
    if (pdfProblems.length) throw new ContentProblemsError(pdfProblems);
  }

  const staging = `${output}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const eleventy = new Eleventy(join(PROJECT, "templates"), staging, {
      configPath: join(PROJECT, ".eleventy.ts"),
      quietMode: options.quiet,
      // Run by Eleventy on its configuration just before .eleventy.ts, which takes the setup from there.
      config: (eleventyConfig: object) => handSetup(eleventyConfig, { options, loaded: { site, problems, data } }),
    });
    await eleventy.write();
    linkReused(output, staging, plan);
    await swapIn(staging, output);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const summary = {
    letters: site.letters.length,
    signatories: site.letters.reduce((n, l) => n + l.signatories.length, 0),
    warnings: site.warnings.map((w) => w.format()),
  };
  saveManifest(site, output, plan, data.outlines, { stamp, summary });
  return { output, ...summary, reused: plan.reused.size, upToDate: false };
}

/** Replaces `output` with `staging` in two renames; the old site survives until the new one is complete. */
async function swapIn(staging: string, output: string): Promise<void> {
  const previous = `${output}.old-${process.pid}`;
  if (existsSync(output)) await rename(output, previous);
  await rename(staging, output);
  await rm(previous, { recursive: true, force: true });
}

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
      console.log(`Built ${result.letters} letter(s)${reused}, ${result.signatories} signatories into ${result.output} in ${seconds} s.`);
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
