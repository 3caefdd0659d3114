// The shape of src/ that a newcomer relies on: few files at its top, and each folder saying on its first
// file what its stage takes and gives.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./helpers/site.ts";

const SRC = join(PROJECT, "src");

describe("src/", () => {
  it("keeps at most 8 files at its top", async () => {
    const files = (await readdir(SRC, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith(".ts"));
    expect(files.length).toBeLessThanOrEqual(8);
  });

  it("opens every folder's first file with what that stage takes and gives", async () => {
    const folders = (await readdir(SRC, { recursive: true, withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name));
    expect(folders.length).toBeGreaterThan(8);
    for (const folder of folders) {
      const entries = await readdir(folder);
      // A folder of data only (src/i18n/catalogues/*.json) has no code to introduce; its parent's header does.
      if (entries.every((name) => name.endsWith(".json"))) continue;
      const first = entries.filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts")).sort()[0];
      expect(first, folder).toBeDefined();
      const head = (await readFile(join(folder, first!), "utf8")).split("\n", 1)[0]!;
      const name = `${relative(SRC, folder)}/`;
      expect(head, `${name}${first}`).toMatch(new RegExp(`^// (Stage )?${name.replace(/[/]/g, "\\/")}:`));
      // A stage (a folder right under src/) says what it takes and what it gives.
      if (!relative(SRC, folder).includes("/")) expect(head, name).toMatch(/^\/\/ Stage .*Takes/);
    }
  });
});
