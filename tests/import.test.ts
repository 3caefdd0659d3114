// npm run import: CSVs shaped like the exports of Google Forms (US timestamps, quoted), Microsoft Forms
// (byte-order mark, semicolons, an anonymous "Name" column beside the real one) and LimeSurvey (first and
// last name, ISO timestamps) become signatory files with the rules of every other route.
import { existsSync } from "node:fs";
import { cp, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import { openForSigning, prepareSignature, writeSignatures } from "../src/tools/add-signature.ts";
import { importSignatures } from "../src/tools/import-signatures.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const csv = (name: string) => fixture(`imports/${name}`);
let root: string;
const signatories = () => join(root, "letters/open-letter/signatories");
const files = async () => (await readdir(signatories())).sort();
const read = async (file: string) => parse(await readFile(join(signatories(), file), "utf8")) as Record<string, unknown>;

beforeEach(async () => {
  root = join(await tempDir(), "root");
  await cp(fixture("signing"), root, { recursive: true });
});

describe("importing signatures from a CSV export", () => {
  it("reads a Google Forms export: names, roles, countries by name, US dates; drops the e-mail addresses; skips a repeat", async () => {
    const dry = await importSignatures(root, "open-letter", csv("google-forms.csv"));
    expect(dry.written).toBe(false);
    expect(await files()).toEqual(["jane-doe.yaml"]);
    expect(dry.added.map((a) => a.file.split("/").at(-1))).toEqual(["ana-lopes.yaml", "bo-nilsson.yaml", expect.stringMatching(/^signatory-[a-z0-9]+\.yaml$/)]);
    expect(dry.duplicates).toEqual([{ row: 5, message: expect.stringContaining('"Ana Lopes" already signed') }]);

    const report = await importSignatures(root, "open-letter", csv("google-forms.csv"), { write: true });
    expect(report.written).toBe(true);
    expect(await read("ana-lopes.yaml")).toEqual({ name: "Ana Lopes", title: "Professor", affiliation: "Universidade de Teste", url: "https://example.org/ana", country: "PT", signed: "2021-09-29", version: 1 });
    expect(await read("bo-nilsson.yaml")).toMatchObject({ name: "Bo Nilsson", country: "SE", signed: "2021-09-30" });
    const chinese = report.added[2]!.file.split("/").at(-1)!;
    expect(await read(chinese)).toMatchObject({ name: "陈静", affiliation: "清华大学", country: "CN", signed: "2021-10-01" });
    for (const file of await files()) expect(await readFile(join(signatories(), file), "utf8")).not.toContain("@example.org");
  });

  it("reads a Microsoft Forms export (BOM, semicolons, day-first dates) once told which name column is the signer's", async () => {
    await expect(importSignatures(root, "open-letter", csv("microsoft-forms.csv"))).rejects.toThrow(/2 columns that could be the name: "Name" and "Your name"\. Say which one with --map "Your name=name" and --map "Name=ignore"/);
    const report = await importSignatures(root, "open-letter", csv("microsoft-forms.csv"), { map: { "Your name": "name", Name: "ignore" }, write: true });
    expect(report.refused).toEqual([]);
    expect(report.added).toHaveLength(3);
    expect(await read("dupont-marie.yaml")).toMatchObject({ name: "Dupont; Marie", affiliation: "ACME; Belgium", country: "BE", signed: "2021-09-29" });
    expect(await read("zoe-zo-martin.yaml")).toMatchObject({ name: 'Zoë "Zo" Martin', country: "BE", signed: "2021-10-13" });
  });

  it("reads a LimeSurvey export (first and last name, ISO timestamps, organisations) and skips who already signed", async () => {
    const report = await importSignatures(root, "open-letter", csv("limesurvey.csv"), { write: true });
    expect(report.duplicates.map((d) => d.row)).toEqual([2]); // Jane Doe is in the letter already
    expect(await read("emile-durand.yaml")).toMatchObject({ name: "Émile Durand", type: "individual", affiliation: "Université Libre", signed: "2021-09-30" });
    expect(await read("open-rights-group.yaml")).toMatchObject({ name: "Open Rights Group", type: "organization" });
  });

  it("refuses rows at FILE.csv:row:column with what to change, and writes nothing while one is refused", async () => {
    const report = await importSignatures(root, "open-letter", csv("refused.csv"), { write: true });
    expect(report.written).toBe(false);
    expect(report.refused.map((r) => r.format())).toEqual([
      expect.stringMatching(/imports\/refused\.csv:3:2: error: url "javascript:alert\(1\)": /),
      expect.stringMatching(/imports\/refused\.csv:4:3: error: country "Atlantis": .*ISO 3166/),
    ]);
    expect(await files()).toEqual(["jane-doe.yaml"]);
  });

  it("asks for the date order when a slashed date could be either", async () => {
    const file = join(root, "ambiguous.csv");
    await writeFile(file, "name,date\nA Person,3/4/2021\n");
    const report = await importSignatures(root, "open-letter", file);
    expect(report.refused[0]!.format()).toMatch(/ambiguous\.csv:2:2: error: date "3\/4\/2021": day and month cannot be told apart; pass --dates dmy or --dates mdy/);
    const told = await importSignatures(root, "open-letter", file, { dates: "dmy" });
    expect(told.refused).toEqual([]);
  });

  it("keeps hostile names as text: a YAML key, a formula and markup stay the name", async () => {
    const file = join(root, "hostile.csv");
    await writeFile(file, 'name,organisation\n"Eve\nversion: 99",x\n"=HYPERLINK(""https://evil.example"")",ACME\n"<script>alert(1)</script>",ACME\n');
    const report = await importSignatures(root, "open-letter", file, { write: true });
    expect(report.refused).toEqual([]);
    const names = await Promise.all(report.added.map(async (a) => (parse(await readFile(a.path, "utf8")) as { name: string; version: number })));
    expect(names.map((n) => n.name)).toEqual(["Eve version: 99", '=HYPERLINK("https://evil.example")', "<script>alert(1)</script>"]);
    expect(names.every((n) => n.version === 1)).toBe(true);
  });

  it("never overwrites: a taken file name gets the next free one, and a file put in the way before the write is refused", async () => {
    // Someone else's file already holds the name the import would give Ana Lopes.
    await writeFile(join(signatories(), "ana-lopes.yaml"), "name: Ana Lopes-Someone\naffiliation: Elsewhere\n");
    const report = await importSignatures(root, "open-letter", csv("google-forms.csv"), { write: true });
    expect(report.added[0]!.file).toMatch(/\/ana-lopes-2\.yaml$/);
    expect(await read("ana-lopes.yaml")).toEqual({ name: "Ana Lopes-Someone", affiliation: "Elsewhere" });
    expect(await read("ana-lopes-2.yaml")).toMatchObject({ name: "Ana Lopes" });

    // Between the check and the write a link appears where a file is to go (the first, whose folder and
    // path are checked, or a later one, which only its exclusive creation guards): nothing goes through it.
    const context = await openForSigning(root, "open-letter");
    const [cleo, dev, eve] = ["Cleo Marsh", "Dev Patel", "Eve Adams"].map((name) => prepareSignature(context, { name }));
    const linkAt = async (path: string) => {
      const outside = join(await tempDir(), "target.yaml");
      await writeFile(outside, "untouched\n");
      await symlink(outside, path);
      return outside;
    };
    const first = await linkAt(eve!.path);
    expect(() => writeSignatures(context, [eve!])).toThrow(/symbolic link/);
    const later = await linkAt(dev!.path);
    expect(() => writeSignatures(context, [cleo!, dev!])).toThrow(/EEXIST/);
    for (const outside of [first, later]) expect(await readFile(outside, "utf8")).toBe("untouched\n");
  });
});

describe("npm run import", () => {
  it("is a dry run by default, writes with --write, and exits 1 without a stack trace on a refused row", async () => {
    const dry = await runScript("import.ts", [csv("google-forms.csv"), "--letter", "open-letter", "--root", root]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Would add 3 signatories");
    expect(dry.stdout).toContain("E-mail addresses are dropped");
    expect(dry.stdout).toContain("add --write");
    expect(existsSync(join(signatories(), "ana-lopes.yaml"))).toBe(false);
    const wrote = await runScript("import.ts", [csv("google-forms.csv"), "--letter", "open-letter", "--root", root, "--write"]);
    expect(wrote.stdout).toContain("Added 3 signatories");
    expect(existsSync(join(signatories(), "ana-lopes.yaml"))).toBe(true);
    const refused = await runScript("import.ts", [csv("refused.csv"), "--letter", "open-letter", "--root", root, "--write"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Nothing written");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it("says what will be published, that each signer must have agreed, how they withdraw, and where the privacy page is", async () => {
    await writeFile(join(root, "letters/site.yaml"), `${await readFile(join(root, "letters/site.yaml"), "utf8")}url: https://letters.example.org\n`);
    const dry = await runScript("import.ts", [csv("google-forms.csv"), "--letter", "open-letter", "--root", root]);
    expect(dry.stdout).toContain("Publish only the signatures of people who agreed to it: their name, role, affiliation, web page and country appear");
    expect(dry.stdout).toContain('npm run withdraw -- --letter open-letter --name "<name>"');
    expect(dry.stdout).toContain("privacy page: https://letters.example.org/privacy/");
  });

  it("never takes a GitHub login from a CSV: a binding is only made by its account", async () => {
    const file = join(root, "accounts.csv");
    await writeFile(file, "Name,GitHub\nAna Lopes,ana\n");
    const result = await runScript("import.ts", [file, "--letter", "open-letter", "--root", root, "--map", "GitHub=github"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--map "GitHub=github"');
  });
});
