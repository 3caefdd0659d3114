// How `npm run build` hands its work to the Eleventy configuration (.eleventy.ts) without the environment:
// Eleventy's programmatic API runs the `config` callback given to `new Eleventy(...)` on the same
// configuration object just before the configuration file, and the callback leaves the setup on that
// object. One object per Eleventy instance: two sites built in one process never see each other's.
// Under the Eleventy CLI (npm start) nothing is handed, and .eleventy.ts resolves the setup itself.
import type { BuildOptions } from "../build/options.ts";
import type { LoadResult } from "../load/site.ts";
import type { OutlinedSite } from "../build/reuse.ts";

export interface SiteSetup {
  /** Resolved once for the whole build (src/build/options.ts). */
  options: BuildOptions;
  /** The site as the caller loaded it, so that it is loaded (and site.yaml read) once per build. */
  loaded?: LoadedSite;
}

/** A site loaded (or the problems that stopped it), with its pages when the caller made them already. */
export interface LoadedSite extends LoadResult {
  data?: OutlinedSite;
}

const SETUP = Symbol("open-letters.setup");

type Carrier = { [SETUP]?: SiteSetup };

/** For the `config` callback of `new Eleventy(...)`. */
export function handSetup(eleventyConfig: object, setup: SiteSetup): void {
  (eleventyConfig as Carrier)[SETUP] = setup;
}

/** The setup handed by the programmatic build, if this configuration came from one. */
export function handedSetup(eleventyConfig: object): SiteSetup | undefined {
  return (eleventyConfig as Carrier)[SETUP];
}
