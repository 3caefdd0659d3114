// Signatory file names: a new file is named in ASCII lower-case letters, digits and hyphens, then .yaml.
// Any other name (`#jane.yaml`, a line break, a space, capitals, Unicode) is a check error with a --fix
// rename until a release has recorded the file's entries; then a warning, renamed only when every entry
// has an id (the id, not the name, is what the release recorded). Hidden YAML files are not ignored
// without a word.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { signatoryFileName } from "../src/common/sign-fields.ts";
import { SAFE_SIGNATORY_FILE } from "../src/common/slug.ts";
import { loadSite } from "../src/load/site.ts";
import type { ContentError } from "../src/model/errors.ts";
import { checkSite } from "../src/tools/check.ts";
import { applyFixes } from "../src/tools/fix.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { refuseIfCheckFails } from "../src/tools/check.ts";
import { tempDir } from "./helpers/site.ts";

// Only to release a file the way open-letters did before this rule (release now refuses while check fails).
vi.mock("../src/tools/check.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/tools/check.ts")>();
  return { ...original, refuseIfCheckFails: vi.fn(original.refuseIfCheckFails) };
});
const releasedBeforeTheRule = (root: string) => {
  vi.mocked(refuseIfCheckFails).mockImplementationOnce(async () => {});
  return releaseLetter(root, "x", { date: "2024-01-01" });
};

async function site(files: Record<string, string>): Promise<string> {
  const root = await tempDir();
  const all = {
    "letters/site.yaml": "title: File names\n",
    "letters/x/letter.md": "---\ntitle: A letter\ndate: 2024-01-01\nstatus: draft\n---\n\nThe text.\n",
    ...files,
  };
  for (const [rel, content] of Object.entries(all)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content);
  }
  return root;
}

const SIGNATORIES = "letters/x/signatories";
const unsafe = (problems: readonly ContentError[]) => problems.filter((p) => p.name === "UnsafeFileNameError");

/** [what, file name, its content, the name --fix gives it] */
const names: [string, string, string, string][] = [
  ["a leading #", "#jane.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a line break", "jane\ndoe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a carriage return and an escape", "jane\r\u001b[2Jdoe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a space", "Jane Doe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["capitals", "Jane-Doe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["an accent", "émile-durand.yaml", "name: Émile Durand\n", "emile-durand.yaml"],
  ["Chinese letters", "张伟.yaml", "name: 张伟\n", "signatory-03vr19c.yaml"],
  ["an underscore", "jane_doe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a leading hyphen", "-jane-doe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a doubled hyphen", "jane--doe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a dot in the stem", "jane.doe.yaml", "name: Jane Doe\n", "jane-doe.yaml"],
  ["a list file named with a space", "Our List.yaml", "- name: Jane Doe\n- name: John Roe\n", "our-list.yaml"],
  ["a list file named in Cyrillic", "список.yaml", "- name: Jane Doe\n", "spisok.yaml"],
];

describe("a new signatory file with an unsafe name", () => {
  it.each(names)("with %s is a check error, and check --fix renames it", async (_what, name, content, target) => {
    const root = await site({ [`${SIGNATORIES}/${name}`]: content });
    const before = await checkSite(root);
    const problem = unsafe(before.problems)[0];
    expect(problem, before.problems.map((p) => p.format()).join("\n")).toBeDefined();
    expect(problem!.severity).toBe("error");
    expect(problem!.hint).toBe(`Rename it to ${target} (npm run check -- --fix does this) before it is released.`);
    const report = await applyFixes(before.fixes);
    expect(report.skipped).toEqual([]);
    expect(await readdir(join(root, SIGNATORIES))).toEqual([target]);
    const after = await checkSite(root);
    expect(after.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(after.site!.letters[0]!.signatories.length).toBe(content.split("name:").length - 1);
  });

  it("ending in .yml or .YAML, with a safe stem, stays the warning it was (it is read either way)", async () => {
    for (const name of ["jane-doe.yml", "jane-doe.YAML"]) {
      const root = await site({ [`${SIGNATORIES}/${name}`]: "name: Jane Doe\n" });
      const { problems, fixes } = await checkSite(root);
      expect(problems.map((p) => [p.name, p.severity])).toEqual([["FileNameMismatchError", "warning"]]);
      await applyFixes(fixes);
      expect(await readdir(join(root, SIGNATORIES))).toEqual(["jane-doe.yaml"]);
    }
  });

  it("is named safely by every signing route, whatever the name", () => {
    const hostile = ["#jane", "Jane\nDoe", "张伟", "김민준", "محمد علي", "Ελένη", "../../etc/passwd", ".hidden", "???", "\u3164", "A".repeat(1000), "CON", "Émile  Durand", "-rf", "a\u202Eb"];
    for (const name of hostile) expect(signatoryFileName(name), JSON.stringify(name)).toMatch(SAFE_SIGNATORY_FILE);
  });

  it("keeps safe names, and leaves a one-signatory file named after someone else a warning", async () => {
    const root = await site({ [`${SIGNATORIES}/jane-doe-2.yaml`]: "name: Jane Doe\n", [`${SIGNATORIES}/john-roe.yaml`]: "name: Ann Smith\n" });
    const { problems } = await checkSite(root);
    expect(unsafe(problems)).toEqual([]);
    expect(problems.filter((p) => p.name === "FileNameMismatchError").map((p) => [p.severity, p.file.split("/").at(-1)])).toEqual([["warning", "john-roe.yaml"]]);
  });
});

describe("a released signatory file with an unsafe name", () => {
  it("is a warning, renamed by --fix since its entry has an id, and the release still finds the signature", async () => {
    const root = await site({
      "letters/x/letter.md": "---\ntitle: A letter\ndate: 2024-01-01\n---\n\nThe text.\n",
      [`${SIGNATORIES}/#jane.yaml`]: "name: Jane Doe\n",
    });
    // Written before this rule: a release took the file as it was (and wrote its entry's id).
    await releasedBeforeTheRule(root);
    expect(await readFile(join(root, SIGNATORIES, "#jane.yaml"), "utf8")).toMatch(/^id: s[0-9a-f]{11}$/m);
    const before = await checkSite(root);
    expect(unsafe(before.problems).map((p) => [p.severity, p.hint])).toEqual([
      ["warning", "Rename it to jane-doe.yaml (npm run check -- --fix does this); its released entries keep their ids."],
    ]);
    await applyFixes(before.fixes);
    expect(await readdir(join(root, SIGNATORIES))).toEqual(["jane-doe.yaml"]);
    const after = await checkSite(root);
    expect(after.problems.filter((p) => p.severity === "error").map((p) => p.format())).toEqual([]);
    expect(after.site!.letters[0]!.signatories.map((s) => s.name)).toEqual(["Jane Doe"]);
  }, 120_000);

  it("keeps its name while an entry is known by it (no id: line), and says how to get there", async () => {
    const root = await site({
      "letters/x/letter.md": "---\ntitle: A letter\ndate: 2024-01-01\n---\n\nThe text.\n",
      [`${SIGNATORIES}/Jane Doe.yaml`]: "name: Jane Doe\n",
    });
    await releasedBeforeTheRule(root);
    // As a file released before ids: its entry is recorded by the id derived from its file name.
    const path = join(root, SIGNATORIES, "Jane Doe.yaml");
    await writeFile(path, (await readFile(path, "utf8")).replace(/^id: .*\n/m, ""));
    const { problems, fixes } = await checkSite(root);
    expect(unsafe(problems).map((p) => p.severity)).toEqual(["warning"]);
    expect(unsafe(problems)[0]!.hint).toMatch(/^It keeps its name for now: a release recorded its entries by it\./);
    expect(fixes.filter((f) => f.renameTo)).toEqual([]);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  }, 120_000);
});

describe("hidden files in a signatories folder", () => {
  it.each([".jane.yaml", ".jane-doe.yml", "..jane.yaml"])("%s is a warning: the signature in it would be lost", async (name) => {
    const root = await site({ [`${SIGNATORIES}/${name}`]: "name: Jane Doe\n", [`${SIGNATORIES}/.gitkeep`]: "", [`${SIGNATORIES}/.DS_Store`]: "x" });
    const { problems } = await checkSite(root);
    expect(problems.map((p) => [p.severity, p.file.split("/").at(-1), p.message, p.hint])).toEqual([
      ["warning", name, "This file is hidden (its name starts with a dot), so it is not read: the signature in it would be lost.", "Rename it to jane.yaml if it holds a signature, or delete it.".replace("jane.yaml", name.includes("doe") ? "jane-doe.yaml" : "jane.yaml")],
    ]);
    const { site: loaded } = await loadSite(root);
    expect(loaded!.letters[0]!.signatories).toEqual([]);
    expect(existsSync(join(root, SIGNATORIES, name))).toBe(true);
  });
});
