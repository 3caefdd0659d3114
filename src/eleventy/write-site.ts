// Runs Eleventy once over templates/ into `output`, with the options and the site the build has already
// resolved and loaded (handed to .eleventy.ts through setup.ts, never through the environment).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { OpenLettersError } from "../model/errors.ts";
import { handSetup, type SiteSetup } from "./setup.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export async function writeSite(output: string, setup: SiteSetup): Promise<void> {
  await forgetEarlierLayouts();
  const eleventy = new Eleventy(join(PROJECT, "templates"), output, {
    configPath: join(PROJECT, ".eleventy.ts"),
    quietMode: setup.options.quiet,
    // Run by Eleventy on its configuration just before .eleventy.ts, which takes the setup from there.
    config: (eleventyConfig: object) => handSetup(eleventyConfig, setup),
  });
  try {
    await eleventy.write();
  } catch (error) {
    // Eleventy wraps what a plugin throws ("... (via PdfError)"); a user's mistake is ours to print, as
    // its message alone, so it is unwrapped. Anything else stays as it is: a bug, printed with its stack.
    throw ownError(error) ?? error;
  }
}

/**
 * Eleventy keeps layouts in one cache for the whole process, keyed by path, each holding the
 * configuration (filters, path prefix) of the site that first used it: a second site built in the same
 * process (buildSite called twice, the tests' script server) was rendered with the first's path prefix in
 * canonical and og:url. Its compiled templates are kept per configuration and stay cached. The cache is
 * not exported, so it is reached by file beside Eleventy's entry point (pinned version: see package.json).
 */
async function forgetEarlierLayouts(): Promise<void> {
  const url = new URL("./LayoutCache.js", import.meta.resolve("@11ty/eleventy"));
  const { default: layouts } = (await import(url.href)) as { default: { removeAll(): void } };
  layouts.removeAll();
}

/** The OpenLettersError in an Eleventy error's chain (`originalError`, `cause`), if any. */
function ownError(error: unknown): OpenLettersError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 10; depth++) {
    if (e instanceof OpenLettersError) return e;
    e = (e as { originalError?: unknown }).originalError ?? e.cause;
  }
  return undefined;
}
