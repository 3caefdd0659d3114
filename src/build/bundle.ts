// Stage build/: one build run. Takes the options (options.ts: defaults, site.yaml, environment, flags) and
// the pages; gives written files, bundles and the reuse record of unchanged letters.
//
// Bundles the browser scripts in src/browser/ with esbuild: one self-hosted file per script, no inline
// code (the site's Content-Security-Policy forbids it). Fixed options and no timestamps or absolute
// paths in the output, so the same sources always give the same bytes.
// https://esbuild.github.io/api/#build
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SEARCH_SCRIPT } from "../view/lists.ts";
import { VERIFY_SCRIPT } from "../view/verify-page.ts";
import type { OutputFile } from "./write-output.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The sign form's script, at the URL templates/_includes/sign.njk loads it from. */
export const SIGN_SCRIPT = "/assets/sign.js";

/**
 * One script of src/browser/ and what it imports, minified. `esm` for a page's <script type="module">,
 * `iife` for a classic <script defer>. ASCII output: the transliteration and normalisation tables stay
 * correct whatever charset a host declares.
 */
export async function bundleScript(entry: string, format: "esm" | "iife"): Promise<string> {
  const result = await build({
    absWorkingDir: PROJECT,
    entryPoints: [`src/browser/${entry}`],
    bundle: true,
    write: false,
    format,
    platform: "browser",
    target: ["es2020"],
    minify: true,
    charset: "ascii",
    // Licences of bundled libraries stay with their code.
    legalComments: "eof",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** The signatory search of long lists. */
export const bundleSearchScript = (): Promise<string> => bundleScript("search.ts", "esm");

/** The sign form (src/browser/sign-form.ts and the src/common/sign-fields.ts it shares with the tests). */
export const bundleSignScript = (): Promise<string> => bundleScript("sign-form.ts", "iife");

/** The verify page's check of a received copy (src/browser/verify.ts, with src/common/normalised-text.ts). */
export const bundleVerifyScript = (): Promise<string> => bundleScript("verify.ts", "iife");

/** Every browser script, at the URL the templates load it from. */
export async function bundleBrowserScripts(): Promise<OutputFile[]> {
  return [
    { url: SEARCH_SCRIPT, content: await bundleSearchScript() },
    { url: SIGN_SCRIPT, content: await bundleSignScript() },
    { url: VERIFY_SCRIPT, content: await bundleVerifyScript() },
  ];
}
