// Bundles the browser scripts in src/browser/ with esbuild: one self-hosted file per script, no inline
// code (the site's Content-Security-Policy forbids it). Fixed options and no timestamps or absolute
// paths in the output, so the same sources always give the same bytes.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { SEARCH_SCRIPT } from "../view/lists.ts";
import type { OutputFile } from "./write-output.ts";

const BROWSER = join(dirname(fileURLToPath(import.meta.url)), "../browser");

/** The bundled search script, at the URL the templates load it from. */
export async function bundleBrowserScripts(): Promise<OutputFile[]> {
  const result = await build({
    entryPoints: [join(BROWSER, "search.ts")],
    absWorkingDir: resolve(BROWSER, "../.."),
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  return [{ url: SEARCH_SCRIPT, content: result.outputFiles[0]!.text }];
}
