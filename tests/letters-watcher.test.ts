// Preview watches letters/ folder by folder and touches one trigger file for Eleventy (letters-watcher.ts).
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changeLines, watchLetters } from "../src/eleventy/letters-watcher.ts";
import { displayPath } from "../src/load/files.ts";
import { tempDir } from "./helpers/site.ts";

/** Resolves when the trigger file's content differs from `before`, or fails after two seconds. */
async function touched(trigger: string, before: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (readFileSync(trigger, "utf8") !== before) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("The trigger file was not touched.");
}

describe("watching letters/ for the preview", () => {
  it("touches the trigger when a signatory file deep inside is added or changed", async () => {
    const letters = join(await tempDir(), "letters");
    await mkdir(join(letters, "open-letter/signatories"), { recursive: true });
    await writeFile(join(letters, "open-letter/signatories/ada.yaml"), "name: Ada\n");
    const trigger = watchLetters(letters);
    let before = readFileSync(trigger, "utf8");
    await writeFile(join(letters, "open-letter/signatories/grace.yaml"), "name: Grace\n");
    await touched(trigger, before);
    before = readFileSync(trigger, "utf8");
    await new Promise((r) => setTimeout(r, 5));
    await writeFile(join(letters, "open-letter/signatories/ada.yaml"), "name: Ada Lovelace\n");
    await touched(trigger, before);
  });

  it("watches a letter folder created after it started", async () => {
    const letters = join(await tempDir(), "letters");
    await mkdir(letters);
    const trigger = watchLetters(letters);
    let before = readFileSync(trigger, "utf8");
    await mkdir(join(letters, "new-letter/signatories"), { recursive: true });
    await touched(trigger, before);
    before = readFileSync(trigger, "utf8");
    await new Promise((r) => setTimeout(r, 50)); // the new folders are watched once the first change settles
    await writeFile(join(letters, "new-letter/signatories/first.yaml"), "name: First Signer\n");
    await touched(trigger, before);
  });

  it("gives each letters folder its own trigger, and the same one when asked again", async () => {
    const a = join(await tempDir(), "letters");
    const b = join(await tempDir(), "letters");
    await mkdir(a);
    await mkdir(b);
    expect(watchLetters(a)).not.toBe(watchLetters(b));
    expect(watchLetters(a)).toBe(watchLetters(a));
  });

  it("logs the files that changed, as messages name them, and not the editor's temporary files", async () => {
    const letters = join(await tempDir(), "letters");
    await mkdir(join(letters, "open-letter/signatories"), { recursive: true });
    const lines: string[] = [];
    const trigger = watchLetters(letters, (line) => lines.push(line));
    const before = readFileSync(trigger, "utf8");
    await writeFile(join(letters, "open-letter/signatories/.jane.yaml.swp"), "");
    await writeFile(join(letters, "open-letter/signatories/jane.yaml"), "name: Jane\n");
    await touched(trigger, before);
    expect(lines).toEqual([`${displayPath(join(letters, "open-letter/signatories/jane.yaml"))} changed`]);
  });

  it("says which files were removed, and sums up a change of many files", async () => {
    const dir = join(await tempDir(), "letters/x/signatories");
    await mkdir(dir, { recursive: true });
    const files = Array.from({ length: 8 }, (_, i) => join(dir, `s${i}.yaml`));
    for (const file of files.slice(1)) await writeFile(file, "name: S\n");
    const lines = changeLines([...files, join(dir, "4913"), join(dir, "s1.yaml~")]);
    expect(lines[0]).toBe(`${displayPath(files[0]!)} removed`);
    expect(lines.slice(1, 5)).toEqual(files.slice(1, 5).map((f) => `${displayPath(f)} changed`));
    expect(lines.at(-1)).toBe("... and 3 more files changed");
    expect(lines).toHaveLength(6);
  });
});
