// One configuration: defaults, then site.yaml, then the environment, then flags, each overriding the one
// before; and nothing under src/ reads the environment on its own.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBuildOptions } from "../src/build/options.ts";
import { PROJECT } from "./helpers/site.ts";

describe("resolveBuildOptions", () => {
  it("has defaults for everything", () => {
    expect(resolveBuildOptions({ site: {} })).toEqual({
      root: resolve("."),
      output: resolve("_site"),
      preview: false,
      pathPrefix: "/",
      pdf: true,
      pdfCache: undefined,
      pdfWorkers: undefined,
      cache: true,
      quiet: true,
    });
  });

  it("path prefix: default < site.yaml < PATH_PREFIX < --path-prefix", () => {
    const site = { pathPrefix: "/from-site/" };
    const env = { PATH_PREFIX: "/from-env/" };
    expect(resolveBuildOptions({ site: {} }).pathPrefix).toBe("/");
    expect(resolveBuildOptions({ site }).pathPrefix).toBe("/from-site/");
    expect(resolveBuildOptions({ site, env }).pathPrefix).toBe("/from-env/");
    expect(resolveBuildOptions({ site, env, flags: { pathPrefix: "/from-flag/" } }).pathPrefix).toBe("/from-flag/");
  });

  it("path prefix before site.yaml is read: only an override, so the up-to-date stamp tells them apart", () => {
    expect(resolveBuildOptions().pathPrefix).toBeUndefined();
    expect(resolveBuildOptions({ env: { PATH_PREFIX: "/" } }).pathPrefix).toBe("/");
    expect(resolveBuildOptions({ env: { PATH_PREFIX: "/e/" }, flags: { pathPrefix: "/f/" } }).pathPrefix).toBe("/f/");
  });

  it("root: working directory < OPEN_LETTERS_ROOT < --root, always absolute", () => {
    const env = { OPEN_LETTERS_ROOT: "/tmp/env-root" };
    expect(resolveBuildOptions().root).toBe(resolve("."));
    expect(resolveBuildOptions({ env }).root).toBe("/tmp/env-root");
    expect(resolveBuildOptions({ env, flags: { root: "fixture" } }).root).toBe(resolve("fixture"));
  });

  it("output: _site < --output", () => {
    expect(resolveBuildOptions().output).toBe(resolve("_site"));
    expect(resolveBuildOptions({ flags: { output: "/tmp/out" } }).output).toBe("/tmp/out");
  });

  it("preview: off < ELEVENTY_RUN_MODE serve or watch < the flag (npm run build turns it off)", () => {
    expect(resolveBuildOptions().preview).toBe(false);
    expect(resolveBuildOptions({ env: { ELEVENTY_RUN_MODE: "build" } }).preview).toBe(false);
    expect(resolveBuildOptions({ env: { ELEVENTY_RUN_MODE: "serve" } }).preview).toBe(true);
    expect(resolveBuildOptions({ env: { ELEVENTY_RUN_MODE: "watch" } }).preview).toBe(true);
    expect(resolveBuildOptions({ env: { ELEVENTY_RUN_MODE: "serve" }, flags: { preview: false } }).preview).toBe(false);
  });

  it("PDFs: on < OPEN_LETTERS_PDF=0", () => {
    expect(resolveBuildOptions().pdf).toBe(true);
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_PDF: "1" } }).pdf).toBe(true);
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_PDF: "0" } }).pdf).toBe(false);
  });

  it("PDF cache: .cache/pdf (unset) < OPEN_LETTERS_PDF_CACHE, an empty value counting as unset", () => {
    expect(resolveBuildOptions().pdfCache).toBeUndefined();
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_PDF_CACHE: "" } }).pdfCache).toBeUndefined();
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_PDF_CACHE: "/tmp/pdf" } }).pdfCache).toBe("/tmp/pdf");
  });

  it("PDF workers: one per core (unset) < OPEN_LETTERS_PDF_WORKERS", () => {
    expect(resolveBuildOptions().pdfWorkers).toBeUndefined();
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_PDF_WORKERS: "2" } }).pdfWorkers).toBe(2);
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_PDF_WORKERS: "0" } }).pdfWorkers).toBe(0);
  });

  it("caches: on < OPEN_LETTERS_CACHE=0", () => {
    expect(resolveBuildOptions().cache).toBe(true);
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_CACHE: "1" } }).cache).toBe(true);
    expect(resolveBuildOptions({ env: { OPEN_LETTERS_CACHE: "0" } }).cache).toBe(false);
  });

  it("quiet: on < the flag", () => {
    expect(resolveBuildOptions().quiet).toBe(true);
    expect(resolveBuildOptions({ flags: { quiet: false } }).quiet).toBe(false);
  });

  it("reads only the environment it is given", () => {
    process.env.OPEN_LETTERS_CACHE = "0";
    try {
      expect(resolveBuildOptions({ env: {} }).cache).toBe(true);
    } finally {
      delete process.env.OPEN_LETTERS_CACHE;
    }
  });
});

describe("the environment", () => {
  it("is read under src/ by src/build/options.ts alone", async () => {
    const src = join(PROJECT, "src");
    const readers: string[] = [];
    for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
      const file = relative(PROJECT, join(entry.parentPath, entry.name)).split(sep).join("/");
      const text = await readFile(join(PROJECT, file), "utf8");
      const uses = text.match(/process\.env\b[.\w[]*/g) ?? [];
      if (file === "src/build/options.ts") continue;
      // Written (and restored) for the Typst compiler's native font lookup, not read as configuration.
      if (file === "src/outputs/typst/compile.ts" && uses.every((use) => use === "process.env.FONTCONFIG_FILE")) continue;
      if (uses.length) readers.push(`${file}: ${[...new Set(uses)].join(", ")}`);
    }
    expect(readers).toEqual([]);
  });
});
