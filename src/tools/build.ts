// The build: validate every letter, then write the site with Eleventy into a temporary folder and swap
// it in only when everything succeeded, so a failed build never leaves a half-written site. Letters
// unchanged since the last build are copied from it (build/reuse.ts).
import { resolveBuildOptions, type BuildEnv, type BuildFlags } from "../build/options.ts";
import { writeAtomically } from "../build/staging.ts";
import { linkReused, planReuse, saveManifest, siteStamp, upToDate, withOutlines, type BuildSummary } from "../build/reuse.ts";
import { ContentProblemsError } from "../model/errors.ts";

export interface BuildResult extends BuildSummary {
  output: string;
  /** Letters copied unchanged from the last build instead of being rendered. */
  reused: number;
  /** Nothing had changed since the last build into the same folder: nothing was done. */
  upToDate: boolean;
}

/** Builds the site; `env` is the environment the options are resolved from (the CLI passes its own environment). */
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
  const [{ writeSite }, { buildPages }, { buildProblems }, { loadSite }, { isPublished }] = await Promise.all([
    import("../eleventy/write-site.ts"), import("../view/pages.ts"), import("./gate.ts"), import("../load/site.ts"), import("../describe/letter-document.ts"),
  ]);

  // The one read of the site (site.yaml included) in this build: everything after is handed it.
  const { site, problems } = await loadSite(root, { cache });
  if (!site) throw new ContentProblemsError(problems);
  const options = resolveBuildOptions({ ...sources, site: site.config });
  // Letters unchanged since the last build into `output` are copied from it, not rendered again.
  const plan = planReuse(site, output, { pathPrefix: options.pathPrefix, pdf }, { enabled: cache });
  const data = withOutlines(buildPages(site, { preview: false, reuse: plan.reused }), plan.reused);
  // What would stop the build later (a script no PDF font covers, a letter named like a site folder, a
  // card the fonts cannot print) stops it here, before anything is written, with npm run check's
  // messages (tools/gate.ts). Its warnings are printed as the PDFs are typeset.
  const errors = buildProblems(site, data.documents, { pdf }).filter((p) => p.severity === "error");
  if (errors.length) throw new ContentProblemsError(errors);

  // Into a staging folder, swapped in only when complete; any failure removes it (build/staging.ts).
  await writeAtomically(output, async (staging) => {
    await writeSite(staging, { options, loaded: { site, problems, data } });
    linkReused(output, staging, plan);
  });
  const published = site.letters.filter(isPublished);
  const summary = {
    letters: published.length,
    unpublished: site.letters.length - published.length,
    signatories: published.reduce((n, l) => n + l.signatories.filter((s) => !s.withdrawn).length, 0),
    warnings: site.warnings.map((w) => w.format()),
  };
  saveManifest(site, output, plan, data.outlines, { stamp, summary });
  return { output, ...summary, reused: plan.reused.size, upToDate: false };
}

