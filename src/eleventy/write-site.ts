// Runs Eleventy once over templates/ into `output`, with the options and the site the build has already
// resolved and loaded (handed to .eleventy.ts through setup.ts, never through the environment).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { handSetup, type SiteSetup } from "./setup.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export async function writeSite(output: string, setup: SiteSetup): Promise<void> {
  const eleventy = new Eleventy(join(PROJECT, "templates"), output, {
    configPath: join(PROJECT, ".eleventy.ts"),
    quietMode: setup.options.quiet,
    // Run by Eleventy on its configuration just before .eleventy.ts, which takes the setup from there.
    config: (eleventyConfig: object) => handSetup(eleventyConfig, setup),
  });
  await eleventy.write();
}
