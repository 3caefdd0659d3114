// The build's configuration, resolved once at the top (scripts/*.ts, or .eleventy.ts under the Eleventy
// CLI) and passed down: defaults, then site.yaml, then the environment, then command-line flags, each
// overriding the one before. This is the only module under src/ that knows the environment variables'
// names; it is handed the environment as an object, so it stays pure and tests pass a literal.
import { resolve } from "node:path";
import type { SiteConfig } from "../model/types.ts";

export interface BuildOptions {
  /** Folder holding letters/, absolute. Flag --root, $OPEN_LETTERS_ROOT; default the working directory. */
  root: string;
  /** Output folder, absolute. Flag --output; default _site. */
  output: string;
  /** Local preview: drafts shown, content problems shown in the page instead of stopping the build.
   * Eleventy's $ELEVENTY_RUN_MODE serve or watch (npm start); npm run build never previews. */
  preview: boolean;
  /** Folder every URL is under. Flag --path-prefix, $PATH_PREFIX, site.yaml's path_prefix; default "/". */
  pathPrefix: string;
  /** Typeset the PDFs; $OPEN_LETTERS_PDF=0 builds the HTML alone (the benchmark measures the two apart). */
  pdf: boolean;
  /** Folder of cached PDFs, $OPEN_LETTERS_PDF_CACHE; unset: .cache/pdf in the working directory. */
  pdfCache?: string;
  /** Most worker threads typesetting PDFs, $OPEN_LETTERS_PDF_WORKERS (0 or 1: none); unset: one per core. */
  pdfWorkers?: number;
  /** The caches under <root>/.cache/ (parsed signatories, output reuse); $OPEN_LETTERS_CACHE=0 turns them off. */
  cache: boolean;
  /** Eleventy's own output; on unless a flag turns it off. */
  quiet: boolean;
}

/** What the command line can set. */
export interface BuildFlags {
  root?: string;
  output?: string;
  pathPrefix?: string;
  preview?: boolean;
  quiet?: boolean;
}

/** The environment, as `process.env` or a literal. */
export type BuildEnv = Readonly<Record<string, string | undefined>>;

export interface BuildOptionsSources {
  flags?: BuildFlags;
  env?: BuildEnv;
  /** site.yaml's settings. */
  site?: Partial<Pick<SiteConfig, "pathPrefix">>;
}

/**
 * The options before site.yaml is read: site.yaml lives under `root`, so a build resolves without it
 * first (for the root and the switches), loads the site, then resolves again with it. Until then the
 * path prefix is only the one a flag or the environment gives, if any: the up-to-date check stamps that.
 */
export type EarlyBuildOptions = Omit<BuildOptions, "pathPrefix"> & { pathPrefix: string | undefined };

export function resolveBuildOptions(sources: BuildOptionsSources & { site: NonNullable<BuildOptionsSources["site"]> }): BuildOptions;
export function resolveBuildOptions(sources?: BuildOptionsSources): EarlyBuildOptions;
export function resolveBuildOptions({ flags = {}, env = {}, site }: BuildOptionsSources = {}): EarlyBuildOptions {
  const runMode = env.ELEVENTY_RUN_MODE;
  const workers = env.OPEN_LETTERS_PDF_WORKERS;
  return {
    root: resolve(flags.root ?? env.OPEN_LETTERS_ROOT ?? "."),
    output: resolve(flags.output ?? "_site"),
    preview: flags.preview ?? (runMode === "serve" || runMode === "watch"),
    pathPrefix: flags.pathPrefix ?? env.PATH_PREFIX ?? (site ? (site.pathPrefix ?? "/") : undefined),
    pdf: env.OPEN_LETTERS_PDF !== "0",
    // Empty counts as unset, as a shell's `OPEN_LETTERS_PDF_CACHE= npm run build` means.
    pdfCache: env.OPEN_LETTERS_PDF_CACHE || undefined,
    pdfWorkers: workers === undefined ? undefined : Number(workers),
    cache: env.OPEN_LETTERS_CACHE !== "0",
    quiet: flags.quiet ?? true,
  };
}
