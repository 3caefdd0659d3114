// A content path whose real path leaves the repository is refused: a symbolic link at any level (letters/
// itself, a letter folder, signatories/, versions/, editions/, a file) is an error naming it, nothing
// behind it is read, and no command writes through it. A link to elsewhere inside the repository is fine.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { assertWritable } from "../src/load/files.ts";
import { loadSite } from "../src/load/site.ts";
import { OutsideRepositoryError } from "../src/model/errors.ts";
import { checkSite } from "../src/tools/check.ts";
import { editEntries } from "../src/tools/edit-entries.ts";
import { applyFixes } from "../src/tools/fix.ts";
import { migrateRecords } from "../src/tools/migrate-records.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { loadSnapshot } from "../src/tools/snapshot.ts";
import { withdrawSignature } from "../src/tools/signature-status.ts";
import type { Signatory } from "../src/model/types.ts";
import { runScript, tempDir } from "./helpers/site.ts";

const LETTER = "---\ntitle: A letter\ndate: 2024-01-01\n---\n\nThe text.\n";
const OUTSIDE_PERSON = "name: Outside Person\n";

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content);
  }
}

/** Everything under `dir`, by path, with a hash of each file: to see that nothing changed there. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = entry.isFile() ? createHash("sha256").update(await readFile(path)).digest("hex") : "folder";
  }
  return out;
}

/** A folder outside the repository holding what a link could point at: a letters/ tree, a letter, signatories. */
async function outsideFolder(): Promise<string> {
  const outside = await tempDir("outside-");
  await write(outside, {
    "letters/site.yaml": "title: Outside\n",
    "letters/y/letter.md": LETTER,
    "letters/y/signatories/Outside.yaml": OUTSIDE_PERSON,
    "y/letter.md": LETTER,
    "y/signatories/Outside.yaml": OUTSIDE_PERSON,
    "signatories/Outside.yaml": OUTSIDE_PERSON,
    "versions/1/letter.md": LETTER,
    "editions/placeholder.txt": "x\n",
    "letter.md": LETTER,
    "site.yaml": "title: Outside\n",
    "notes.txt": "secret\n",
  });
  return outside;
}

/** [what, path of the link in the repository, its target ({outside} is the outside folder)] */
const links: [string, string, string][] = [
  ["letters/ itself", "letters", "{outside}/letters"],
  ["a letter folder", "letters/y", "{outside}/y"],
  ["a signatories folder", "letters/y/signatories", "{outside}/signatories"],
  ["a versions folder", "letters/y/versions", "{outside}/versions"],
  ["a version's folder", "letters/y/versions/1", "{outside}/versions/1"],
  ["an editions folder (where release and withdraw write)", "letters/y/editions", "{outside}/editions"],
  ["a letter's text", "letters/y/letter.md", "{outside}/letter.md"],
  ["site.yaml", "letters/site.yaml", "{outside}/site.yaml"],
  ["a file nothing reads", "letters/y/notes.txt", "{outside}/notes.txt"],
  ["a link to nothing", "letters/y/versions", "/nonexistent/versions"],
  ["a link out behind a link inside", "letters/y/versions/1", "{outside}/versions/1"],
];

async function repositoryWith(linkPath: string, target: string, outside: string, viaInside = false): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = { "letters/site.yaml": "title: Inside\n", "letters/y/letter.md": LETTER, "letters/y/signatories/jane-doe.yaml": "name: Jane Doe\n" };
  for (const rel of Object.keys(files)) if (rel === linkPath || rel.startsWith(`${linkPath}/`)) delete files[rel];
  await write(root, files);
  if (viaInside) {
    // letters/y/versions is a link to shared/ inside the repository, and shared/1 leads out.
    await mkdir(join(root, "shared"), { recursive: true });
    await symlink(join(root, "shared"), join(root, "letters/y/versions"));
    await symlink(target.replace("{outside}", outside), join(root, "shared/1"));
    return root;
  }
  await mkdir(dirname(join(root, linkPath)), { recursive: true });
  await symlink(target.replace("{outside}", outside), join(root, linkPath));
  return root;
}

describe("a symbolic link that leads out of the repository", () => {
  it.each(links)("at %s is an error, nothing behind it is read, and check --fix writes nothing there", async (what, linkPath, target) => {
    const outside = await outsideFolder();
    const root = await repositoryWith(linkPath, target, outside, what.includes("behind a link inside"));
    const before = await snapshot(outside);

    const { site, problems } = await loadSite(root);
    expect(site).toBeUndefined();
    const refused = problems.filter((p) => p instanceof OutsideRepositoryError);
    expect(refused.map((p) => p.format()), problems.map((p) => p.format()).join("\n")).toEqual([
      expect.stringMatching(/:1:1: error: This (file|folder) is a symbolic link that leads out of the repository \(or to nothing\)/),
    ]);
    expect(refused[0]!.file.endsWith(what.includes("behind") ? "shared/1" : linkPath) || refused[0]!.file.endsWith(linkPath)).toBe(true);
    expect(JSON.stringify(problems)).not.toContain("Outside Person");

    // check --fix: every step of it, with the fixes it would apply.
    await migrateRecords(root);
    const check = await checkSite(root);
    expect(check.fixes.filter((f) => !f.file.startsWith(root))).toEqual([]);
    await applyFixes(check.fixes, root);
    expect(await snapshot(outside)).toEqual(before);
    expect((await loadSnapshot(root)).get("y")?.signatories.map((s) => s.name) ?? []).not.toContain("Outside Person");
  });

  it("stops npm run check -- --fix, with the link named and the outside untouched", async () => {
    const outside = await outsideFolder();
    const root = await repositoryWith("letters/y/signatories", "{outside}/signatories", outside);
    const before = await snapshot(outside);
    const result = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/letters\/y\/signatories:1:1: error: This folder is a symbolic link that leads out of the repository/);
    expect(await snapshot(outside)).toEqual(before);
  }, 60_000);

  it("stops npm run sign before it reads or writes", async () => {
    const outside = await outsideFolder();
    const root = await repositoryWith("letters/y/signatories", "{outside}/signatories", outside);
    const before = await snapshot(outside);
    const result = await runScript("sign.ts", ["--root", root, "--letter", "y", "--name", "New Person"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/symbolic link that leads out of the repository/);
    expect(await snapshot(outside)).toEqual(before);
  }, 60_000);

  it("stops release and withdraw, which write versions/ and editions/", async () => {
    const outside = await outsideFolder();
    const root = await repositoryWith("letters/y/editions", "{outside}/editions", outside);
    const before = await snapshot(outside);
    await expect(releaseLetter(root, "y", { date: "2024-01-01" })).rejects.toThrow(/symbolic link that leads out/);
    await expect(withdrawSignature(root, { letter: "y", name: "Jane Doe", date: "2024-01-02" })).rejects.toThrow(/symbolic link that leads out/);
    expect(await snapshot(outside)).toEqual(before);
    expect(existsSync(join(root, "letters/y/versions"))).toBe(false);
  });
});

describe("writing", () => {
  it("refuses a file whose folder leads out of the repository, or that is itself a link", async () => {
    const outside = await outsideFolder();
    const root = await repositoryWith("letters/y/signatories", "{outside}/signatories", outside);
    expect(() => assertWritable(root, join(root, "letters/y/signatories/new.yaml"))).toThrow(/Not writing .*new\.yaml: it is outside the repository/);
    await symlink(join(outside, "notes.txt"), join(root, "letters/y/link.yaml"));
    expect(() => assertWritable(root, join(root, "letters/y/link.yaml"))).toThrow(/it is a symbolic link/);
    expect(() => assertWritable(root, join(root, "letters/y/fine.yaml"))).not.toThrow();
  });

  it("refuses to edit or rename a signatory file through a link (a link made after loading)", async () => {
    const outside = await outsideFolder();
    const root = await repositoryWith("letters/y/signatories", "{outside}/signatories", outside);
    const before = await snapshot(outside);
    const file = join(root, "letters/y/signatories/Outside.yaml");
    const signatory = { name: "Outside Person", key: "s000000000001", source: { file, line: 1, column: 1 } } as Signatory;
    expect(() => editEntries([{ signatory, set: { withdrawn: "2024-01-02" } }])).toThrow(/outside the repository/);
    await expect(applyFixes([{ file, description: "renamed", edits: [], renameTo: join(root, "letters/y/signatories/outside-person.yaml") }])).rejects.toThrow(/outside the repository/);
    expect(await snapshot(outside)).toEqual(before);
  });
});

describe("a symbolic link inside the repository", () => {
  it("is read: letters/ may live elsewhere in the repository", async () => {
    const root = await tempDir();
    await write(root, { "content/letters/site.yaml": "title: Inside\n", "content/letters/y/letter.md": LETTER, "content/letters/y/signatories/jane-doe.yaml": "name: Jane Doe\n" });
    await symlink(join(root, "content/letters"), join(root, "letters"));
    const { site, problems } = await loadSite(root);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(site!.letters[0]!.signatories.map((s) => s.name)).toEqual(["Jane Doe"]);
  });
});
