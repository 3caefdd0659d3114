import { existsSync } from "node:fs";
import { cp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadSite } from "../src/load/site.ts";
import { askNewLetter, toNewLetter } from "../scripts/new-letter.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

async function copyOf(name: string): Promise<string> {
  const root = await tempDir();
  await cp(fixture(name), root, { recursive: true });
  return root;
}

describe("--help", () => {
  it.each([
    ["new-letter.ts", "Usage: npm run new-letter"],
    ["sign.ts", "Usage: npm run sign"],
    ["check.ts", "Usage: npm run check"],
    ["changes.ts", "Usage: npm run changes"],
    ["schemas.ts", "Usage: npm run schemas"],
    ["build.ts", "Usage: npm run build"],
  ])("of %s explains its usage and writes nothing", async (script, usage) => {
    const result = await runScript(script, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(usage)).toBe(true);
    expect(result.stdout).toMatch(/--\w/);
  });
});

describe("npm run new-letter", () => {
  it("scaffolds a letter from flags that the loader accepts and lists as a draft", async () => {
    const root = await copyOf("basic");
    const result = await runScript("new-letter.ts", [
      "--root", root, "--title", "Keep: encryption #safe", "--date", "2024-07-01", "--to", "The Minister", "--to", "The Parliament",
      "--salutation", "Dear all,",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created letters/keep-encryption-safe/letter.md");
    const dir = join(root, "letters/keep-encryption-safe");
    expect(await readdir(join(dir, "signatories"))).toEqual([".gitkeep"]);
    const { site, problems } = await loadSite(root);
    expect(problems.map((p) => p.format())).toEqual([]);
    const letter = site!.letters.find((l) => l.slug === "keep-encryption-safe")!;
    expect(letter).toMatchObject({ title: "Keep: encryption #safe", date: "2024-07-01", status: "draft", to: ["The Minister", "The Parliament"], salutation: "Dear all," });
  });

  it("refuses an existing letter, a bad slug or status, and says what to change", async () => {
    const root = await copyOf("basic");
    const exists = await runScript("new-letter.ts", ["--root", root, "--title", "X", "--slug", "first-letter"]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("letters/first-letter/ already exists");
    // The same checks, without a process each.
    expect(() => toNewLetter({ title: "X", slug: "Bad Slug" })).toThrow('"Bad Slug" cannot be a folder and URL name');
    expect(() => toNewLetter({ title: "X", status: "published" })).toThrow("--status must be draft, open or closed");
    expect(() => toNewLetter({ slug: "x" })).toThrow("A letter needs a title");
    expect(() => toNewLetter({ title: "李小龍" })).toThrow('"李小龍" cannot be a folder and URL name');
    expect(existsSync(join(root, "letters/x"))).toBe(false);
  });

  it("asks the questions in turn when run in a terminal, with defaults", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = "";
    output.on("data", (d) => (asked += d));
    input.end(["Ελένη's letter", "", "2024-08-01", "el", "Minister A", "Minister B", "", "Αγαπητοί,", "", "open"].join("\n") + "\n");
    const letter = toNewLetter(await askNewLetter(input, output));
    expect(letter).toEqual({ title: "Ελένη's letter", slug: "elenis-letter", date: "2024-08-01", lang: "el", status: "open", to: ["Minister A", "Minister B"], salutation: "Αγαπητοί,", summary: undefined });
    expect(asked).toContain("Folder and URL name [elenis-letter]: ");
  });

  it("without flags and without a terminal, says how to use it instead of waiting", async () => {
    const result = await runScript("new-letter.ts", []);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Give at least --title");
  });
});

describe("npm run sign", () => {
  it("adds one valid signatory file named after the signatory, whatever the name holds", async () => {
    const root = await copyOf("basic");
    const name = 'Tom "TJ" & Jerry #1\nurl: javascript:alert(1)';
    const result = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", name, "--type", "individual", "--role", "Prof.", "--affiliation", "Acme: Labs", "--url", "example.org/tom", "--country", "be", "--signed", "2024-05-01"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const file = join(root, "letters/second-letter/signatories/tom-tj-and-jerry-1-url-javascript-alert-1.yaml");
    expect(await readFile(file, "utf8")).toBe(
      'name: "Tom \\"TJ\\" & Jerry #1 url: javascript:alert(1)"\ntype: "individual"\ntitle: "Prof."\naffiliation: "Acme: Labs"\nurl: "https://example.org/tom"\ncountry: "BE"\nsigned: "2024-05-01"\n',
    );
    const { site, problems } = await loadSite(root);
    expect(problems).toEqual([]);
    expect(site!.letters.find((l) => l.slug === "second-letter")!.signatories.map((s) => s.name)).toContain('Tom "TJ" & Jerry #1 url: javascript:alert(1)');
  });

  it("takes --type organisation, as British English spells it, and writes a file the check accepts", async () => {
    const root = await copyOf("basic");
    const result = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "ACME Trust", "--type", "organisation"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readFile(join(root, "letters/second-letter/signatories/acme-trust.yaml"), "utf8")).toContain('type: "organization"');
    const { problems } = await loadSite(root);
    expect(problems).toEqual([]);
  });

  it("refuses a signatory the letter already lists, and writes nothing", async () => {
    const root = await copyOf("basic");
    const before = await readdir(join(root, "letters/first-letter/signatories"));
    const result = await runScript("sign.ts", ["--root", root, "--letter", "first-letter", "--name", "ANNA  ÅBERG", "--affiliation", "example institute"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ANNA ÅBERG already signed: .*first-letter\/signatories\/b-single\.yaml:1:1\. Nothing written\./);
    expect(await readdir(join(root, "letters/first-letter/signatories"))).toEqual(before);
  });

  it("keeps a namesake with another affiliation in a -2 file and points at the similar name", async () => {
    const root = await copyOf("basic");
    await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "Jane Doe"]);
    const result = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "Jane Doé", "--affiliation", "Elsewhere"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("signatories/jane-doe-2.yaml");
    expect(result.stderr).toContain("has a similar name");
  });

  it("refuses unsafe links, unknown letters and missing names with a clear message", async () => {
    const root = await copyOf("basic");
    const url = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "A", "--url", "javascript:alert(1)"]);
    expect(url.code).toBe(1);
    expect(url.stderr).toContain("--url: Enter a web address starting with https://");
    const letter = await runScript("sign.ts", ["--root", root, "--letter", "../second-letter", "--name", "A"]);
    expect(letter.stderr).toContain('There is no letter "../second-letter"');
    const name = await runScript("sign.ts", ["--root", root, "--letter", "second-letter"]);
    expect(name.stderr).toContain("Give the signatory's name");
    for (const r of [url, letter, name]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
