// Eleventy plugin: bundles the sign form's script (src/browser/sign-form.ts and the src/common/sign-fields.ts it shares
// with the tests) into /assets/sign.js with esbuild after each build. Same input, same bytes.
// https://esbuild.github.io/api/#build
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SIGN_SCRIPT = "assets/sign.js";

interface EleventyConfigLike {
  on(event: "eleventy.after", callback: (event: { directories: { output: string } }) => Promise<void>): void;
}

export async function bundleSignScript(): Promise<string> {
  const result = await build({
    absWorkingDir: PROJECT,
    entryPoints: ["src/browser/sign-form.ts"],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    minify: true,
    // ASCII output: the transliteration table stays correct whatever charset a host declares.
    charset: "ascii",
    legalComments: "eof",
  });
  return result.outputFiles[0]!.text;
}

export default function signScriptPlugin(eleventyConfig: EleventyConfigLike): void {
  // `directories` is the normalised one; the older `dir` ignores a programmatic output folder.
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const file = join(directories.output, SIGN_SCRIPT);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await bundleSignScript());
  });
}
