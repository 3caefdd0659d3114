// npm run withdraw -- --erase on the reference letter (released, with PDF editions and ids): the signer's
// personal data leaves every file of the letter folder, the release records name the signature by a new
// random id, and the check, the build and every count stay as they were after the withdrawal.
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { changesMarkdown, diffSnapshots } from "../src/tools/changes.ts";
import { loadSnapshot } from "../src/tools/snapshot.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const LETTER = "letters/belgium-e2ee";
/** What the signers gave: none of it may remain once erased. */
const PERSONAL = ["Bart Preneel", "Prod. dr. ir.", "Jane Roe", "jane-roe", "example.org/jane-roe"];

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function build(root: string): Promise<string> {
  const output = join(root, "..", `site-${Math.random().toString(36).slice(2)}`);
  const result = await runScript("build.ts", ["--root", root, "--output", output], { OPEN_LETTERS_PDF: "0" });
  if (result.code !== 0) throw new Error(result.stderr);
  return output;
}

/** Every count a reader sees: the current list and version 1's, in the pages' data files. */
async function counts(site: string) {
  const json = async (path: string) => JSON.parse(await readFile(join(site, path), "utf8")) as Record<string, unknown>;
  const versions = (await json("belgium-e2ee/versions.json")) as { versions: { signatoriesAtRelease: number }[] };
  const v1 = await readFile(join(site, "belgium-e2ee/v1/index.html"), "utf8");
  return {
    current: (await json("belgium-e2ee/signatories.json")).count,
    version1: (await json("belgium-e2ee/v1/signatories.json")).count,
    letter: (await json("belgium-e2ee/letter.json")).signatoryCount,
    atRelease: versions.versions.map((v) => v.signatoriesAtRelease),
    withdrawnText: /<p class="withdrawn-count">([^<]*)<\/p>/.exec(v1)?.[1],
  };
}

describe("npm run withdraw -- --erase", () => {
  let root: string;
  let before: string;
  let after: Awaited<ReturnType<typeof counts>>;
  let withdrawn: Awaited<ReturnType<typeof counts>>;
  const outputs: string[] = [];

  beforeAll(async () => {
    const dir = await tempDir();
    root = join(dir, "root");
    await cp(fixture("reference"), root, { recursive: true });
    // An unreleased one-signatory file bound to an account, and a review naming both signers.
    await writeFile(join(root, LETTER, "signatories/jane-roe.yaml"), 'name: "Jane Roe"\ntype: "individual"\nurl: "https://example.org/jane-roe"\ngithub: jane-roe\n');
    await writeFile(join(root, LETTER, "reviewed.yaml"), 'different_people:\n  - ["original.yaml#Bart Preneel", "jane-roe.yaml"]\n  - ["original.yaml#Access Now", "original.yaml#Tutanota"]\n');
    for (const name of ["Bart Preneel", "Jane Roe"]) {
      const result = await runScript("withdraw.ts", ["--root", root, "--letter", "belgium-e2ee", "--name", name]);
      expect(result.code, result.stderr).toBe(0);
    }
    withdrawn = await counts(await build(root));
    before = join(dir, "before");
    await cp(root, before, { recursive: true });
    for (const name of ["bart preneel", "Jane Roe"]) {
      const result = await runScript("withdraw.ts", ["--root", root, "--letter", "belgium-e2ee", "--name", name, "--erase"]);
      expect(result.code, result.stderr).toBe(0);
      outputs.push(result.stdout);
    }
    after = await counts(await build(root));
  }, 240000);

  it("leaves no file under the letter folder holding the name, role, link or account", async () => {
    for (const file of await filesUnder(join(root, LETTER))) {
      const content = (await readFile(file, "utf8")).toLowerCase();
      for (const value of PERSONAL) expect(content, `${file} holds ${value}`).not.toContain(value.toLowerCase());
    }
    expect(existsSync(join(root, LETTER, "signatories/jane-roe.yaml"))).toBe(false);
  });

  it("keeps each entry as a random id, its withdrawal and its erasure, and the records name it by that id", async () => {
    const list = parse(await readFile(join(root, LETTER, "signatories/original.yaml"), "utf8")) as Record<string, unknown>[];
    const erased = list.filter((e) => "erased" in e);
    expect(erased).toHaveLength(1);
    expect(Object.keys(erased[0]!)).toEqual(["id", "withdrawn", "erased"]);
    const id = erased[0]!.id as string;
    expect(id).toMatch(/^erased-[0-9a-f]{32}$/);
    const record = await readFile(join(root, LETTER, "versions/1/signatories.txt"), "utf8");
    expect(record).toContain(`\n${id} 1\n`);
    // The id it had was a hash of the list's file name and the name: anyone could test guesses against it.
    expect(record).not.toContain("s750c7a85c5f");
    const single = (await readdir(join(root, LETTER, "signatories"))).filter((f) => f.startsWith("erased-"));
    expect(single).toHaveLength(1);
    const file = parse(await readFile(join(root, LETTER, "signatories", single[0]!), "utf8")) as Record<string, string>;
    expect(single[0]).toBe(`${file.id}.yaml`);
    expect(file.id).not.toBe(id);
  });

  it("forgets the reviews that named a signer and keeps the others", async () => {
    expect(parse(await readFile(join(root, LETTER, "reviewed.yaml"), "utf8"))).toEqual({ different_people: [["original.yaml#Access Now", "original.yaml#Tutanota"]] });
  });

  it("leaves the check passing and every count as the withdrawal left it", async () => {
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.code, check.stderr).toBe(0);
    expect(after).toEqual(withdrawn);
    expect(after.withdrawnText).toBe("1 signature was withdrawn.");
    expect(after.atRelease).toEqual([49]);
  });

  it("keeps the name out of the PDF edition's list, which the withdrawal had already taken it out of", async () => {
    const list = await readFile(join(before, LETTER, "editions/1.json"), "utf8");
    expect(list).not.toContain("Preneel");
    expect(list).toContain('"withdrawn":1');
  });

  it("says what it did and that git history is next, and the changes summary counts erasures without naming anyone", async () => {
    expect(outputs[0]).toContain("Erased the signer's personal data; the entry is now erased-");
    expect(outputs[1]).toContain("remove the name from git history too");
    const markdown = changesMarkdown(diffSnapshots(await loadSnapshot(before), await loadSnapshot(root)), { base: "before", head: "after", problems: [] });
    expect(markdown).toContain("**Signatures erased (2):**");
    for (const value of PERSONAL) expect(markdown).not.toContain(value);
    expect(markdown).not.toContain("Signatories removed");
  });
});

describe("npm run withdraw -- --erase refuses", () => {
  it("a letter whose records still name signatories, saying to convert them first, without a stack trace", async () => {
    const root = join(await tempDir(), "root");
    await cp(fixture("signing"), root, { recursive: true });
    const result = await runScript("withdraw.ts", ["--root", root, "--letter", "open-letter", "--name", "Jane Doe", "--erase"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("npm run check -- --fix");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Nothing written, not even the withdrawal erasing starts with.
    expect(await readFile(join(root, "letters/open-letter/signatories/jane-doe.yaml"), "utf8")).toBe("name: Jane Doe\n");
  }, 60000);

  it("a name it cannot find", async () => {
    const root = join(await tempDir(), "root");
    await cp(fixture("reference"), root, { recursive: true });
    const result = await runScript("withdraw.ts", ["--root", root, "--letter", "belgium-e2ee", "--name", "Bart Prenel", "--erase"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No signature is named "Bart Prenel"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60000);
});

describe("npm run withdraw -- --erase of a signature not withdrawn yet", () => {
  it("withdraws it first, then erases it", async () => {
    const root = join(await tempDir(), "root");
    await cp(fixture("reference"), root, { recursive: true });
    await writeFile(join(root, LETTER, "signatories/ann-example.yaml"), 'name: "Ann Example"\n');
    const result = await runScript("withdraw.ts", ["--root", root, "--letter", "belgium-e2ee", "--name", "Ann Example", "--erase"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Withdrew the signature on \d{4}-\d{2}-\d{2} \(0 new PDF edition\(s\)\)\.\nErased/);
    const files = (await readdir(join(root, LETTER, "signatories"))).sort();
    expect(files).toEqual([expect.stringMatching(/^erased-[0-9a-f]{32}\.yaml$/), "original.yaml"]);
    expect(parse(await readFile(join(root, LETTER, "signatories", files[0]!), "utf8"))).toEqual({ id: files[0]!.replace(".yaml", ""), withdrawn: expect.any(String), erased: expect.any(String) });
    expect((await runScript("check.ts", ["--root", root])).code).toBe(0);
  }, 60000);
});
