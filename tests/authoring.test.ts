import { existsSync } from "node:fs";
import { cp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadSite } from "../src/load/site.ts";
import { askNewLetter, toNewLetter } from "../scripts/new-letter.ts";
import { askSignatory, flagProblems } from "../scripts/sign.ts";
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
    expect(() => toNewLetter({ title: "X", status: "published" })).toThrow('--status "published": The status is draft, open or closed, not "published".');
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

  it("asks again, with the reason, as soon as an answer cannot be used, instead of after the last question", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = "";
    output.on("data", (d) => (asked += d));
    input.end(["Keep it open", "taken", "", "29/09/2021", "2021-02-30", "2021-09-29", "", "", "", "", "published", "open"].join("\n") + "\n");
    const letter = toNewLetter(await askNewLetter(input, output, (slug) => slug === "taken"));
    expect(letter).toMatchObject({ title: "Keep it open", slug: "keep-it-open", date: "2021-09-29", status: "open" });
    // Each reason right after its answer, then the same question again.
    expect(asked).toContain("Folder and URL name [keep-it-open]:   letters/taken/ already exists; choose another name.\nFolder and URL name [keep-it-open]: ");
    expect(asked).toContain(`Date (YYYY-MM-DD) [${new Date().toISOString().slice(0, 10)}]:   Write the date as YYYY-MM-DD: 2021-09-29.\nDate (YYYY-MM-DD)`);
    expect(asked).toContain("  2021-02-30 is not a day of the calendar.\n");
    expect(asked).toContain('  The status is draft, open or closed, not "published".\n');
    expect(asked.match(/Date \(YYYY-MM-DD\)/g)).toHaveLength(3);
  });

  it("refuses a bad --date in one line that names the flag and no file, and writes nothing", async () => {
    const root = await copyOf("basic");
    const result = await runScript("new-letter.ts", ["--root", root, "--title", "Keep it open", "--date", "29/09/2021"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('--date "29/09/2021": Write the date as YYYY-MM-DD: 2021-09-29.');
    expect(existsSync(join(root, "letters/keep-it-open"))).toBe(false);
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
      // version: 1, second-letter's latest release: the text the signatory read.
      'name: "Tom \\"TJ\\" & Jerry #1 url: javascript:alert(1)"\ntype: "individual"\ntitle: "Prof."\naffiliation: "Acme: Labs"\nurl: "https://example.org/tom"\ncountry: "BE"\nsigned: "2024-05-01"\nversion: 1\n',
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
    expect(result.stderr).toMatch(/"ANNA ÅBERG" already signed: .*first-letter\/signatories\/b-single\.yaml:1:1\. Nothing written\./);
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
    expect(url.stderr).toContain('--url "javascript:alert(1)": Enter a web address starting with https://');
    const letter = await runScript("sign.ts", ["--root", root, "--letter", "../second-letter", "--name", "A"]);
    expect(letter.stderr).toContain('There is no letter "../second-letter"');
    const name = await runScript("sign.ts", ["--root", root, "--letter", "second-letter"]);
    expect(name.stderr).toContain("Give the signatory's name");
    for (const r of [url, letter, name]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a bad or too late --signed in one line naming the flag, and takes tomorrow for signers ahead of UTC", async () => {
    const root = await copyOf("basic");
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const dir = join(root, "letters/second-letter/signatories");
    const before = await readdir(dir);
    const typed = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "Bob Brown", "--signed", "29/09/2021"]);
    expect(typed.code).toBe(1);
    expect(typed.stderr.trim()).toBe('--signed "29/09/2021": Write the date as YYYY-MM-DD: 2021-09-29.\nNothing written.');
    const late = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "Bob Brown", "--signed", day(2)]);
    expect(late.stderr.trim()).toBe(`--signed "${day(2)}": This date is after tomorrow: give the day of signing.\nNothing written.`);
    expect(await readdir(dir)).toEqual(before);
    const ahead = await runScript("sign.ts", ["--root", root, "--letter", "second-letter", "--name", "Bob Brown", "--signed", day(1)]);
    expect(ahead.stderr).toBe("");
    expect(await readFile(join(dir, "bob-brown.yaml"), "utf8")).toContain(`signed: "${day(1)}"`);
  });

  it("asks for a signatory in a terminal, checking each answer as it is typed, and writes the file", async () => {
    const root = await copyOf("basic");
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = "";
    output.on("data", (d) => (asked += d));
    // Letter, name, type, role, affiliation, url, country (XX then BE), signed (29/09/2021 then 2024-06-01), group.
    input.end(["nowhere", "second-letter", "Bob Brown", "robot", "individual", "", "", "javascript:x", "example.org/bob", "XX", "BE", "29/09/2021", "2024-06-01", ""].join("\n") + "\n");
    const { letter, fields } = await askSignatory(input, output, root);
    expect(letter).toBe("second-letter");
    expect(fields).toMatchObject({ name: "Bob Brown", type: "individual", url: "example.org/bob", country: "BE", signed: "2024-06-01" });
    expect(asked).toContain(`  There is no letter "nowhere"`);
    expect(asked).toContain("  Choose whether you sign as an individual or for an organisation.\n");
    expect(asked).toContain("  Enter a web address starting with https://");
    expect(asked).toContain('  "country" "XX" must be an ISO 3166 two-letter country code');
    expect(asked).toContain("  Write the date as YYYY-MM-DD: 2021-09-29.\n");
    expect(flagProblems(fields)).toEqual([]);
  });

  it("records the letter's latest released version, and none before a first release", async () => {
    const root = await copyOf("versioned");
    const released = await runScript("sign.ts", ["--root", root, "--letter", "pledge", "--name", "Hana Ito"]);
    expect(released.stdout).toContain("(version 3 of the letter)");
    expect(await readFile(join(root, "letters/pledge/signatories/hana-ito.yaml"), "utf8")).toMatch(/\nversion: 3\n$/);
    await runScript("new-letter.ts", ["--root", root, "--title", "Not yet released"]);
    const draft = await runScript("sign.ts", ["--root", root, "--letter", "not-yet-released", "--name", "Hana Ito"]);
    expect(draft.code, draft.stderr).toBe(0);
    expect(await readFile(join(root, "letters/not-yet-released/signatories/hana-ito.yaml"), "utf8")).not.toContain("version");
  });
});
