import { describe, expect, it } from "vitest";
import {
  DuplicateSignatoryError, DuplicateSlugError, EmptyBodyError, FrontMatterError, InvalidFieldError, MissingFieldError,
  StrayFileError, UndefinedFootnoteError, UnknownKeyError, UnusedFootnoteError, YamlSyntaxError, loadSite, type ContentError,
} from "../src/index.ts";
import { compareFileNames, parseSignatoryFile } from "../src/load/signatories.ts";
import { parseLetterFile } from "../src/load/letters.ts";
import { fixture } from "./helpers/site.ts";

describe("loading a valid site", () => {
  it("reads the site config, every letter and its signatories", async () => {
    const { site, problems } = await loadSite(fixture("basic"));
    expect(problems).toEqual([]);
    expect(site!.config).toMatchObject({ title: "Fixture Coalition", url: "https://letters.example.org", lang: "en", pathPrefix: "/", paper: "a4" });
    const first = site!.letters.find((l) => l.slug === "first-letter")!;
    expect(first).toMatchObject({
      title: "Protect encryption",
      date: "2024-03-01",
      lang: "en",
      to: ["The Minister of Digital Affairs"],
      salutation: "Dear Minister,",
      status: "open",
      display: { heading: "Signed by", note: "Affiliations for identification only.", order: "alphabetical" },
    });
    expect(first.body).toContain("We write to you about *encryption*.");
  });

  it("keeps dates as written instead of converting them to Date objects", async () => {
    const { site } = await loadSite(fixture("basic"));
    expect(site!.letters.map((l) => l.date).sort()).toEqual(["2023-01-15", "2024-03-01"]);
  });

  it("sorts alphabetically ignoring case and accents when the letter asks for it", async () => {
    const { site } = await loadSite(fixture("basic"));
    const first = site!.letters.find((l) => l.slug === "first-letter")!;
    // Å sorts with A, é with e, Z last: a code-point sort would put "émile" after "Zoë".
    expect(first.signatories.map((s) => s.name)).toEqual(["Anna Åberg", "émile Durand", "Zoë Organisation"]);
  });

  it("keeps file-name order, then order within a file, by default", async () => {
    const { site } = await loadSite(fixture("basic"));
    const second = site!.letters.find((l) => l.slug === "second-letter")!;
    expect(second.display.order).toBe("as-listed");
    expect(second.signatories.map((s) => s.name)).toEqual(["Beta", "Alpha"]);
  });

  it("lists a file before its namesakes' -2, -10 files, by stem and number, whatever the file system's order", async () => {
    const { site, problems } = await loadSite(fixture("file-order"));
    expect(problems).toEqual([]);
    const files = site!.letters[0]!.signatories.map((s) => s.source.file.split("/").at(-1));
    expect(files).toEqual(["bob-brown.yaml", "jane-doe.yaml", "jane-doe-2.yaml", "jane-doe-10.yaml", "jane-doe-smith.yaml", "zoe-zed.yaml"]);
  });

  it("orders file names by stem ignoring case, then extension, lowercase first between case variants, the same every time", () => {
    const names = ["Zed.yaml", "jane-doe-10.yaml", "Jane-Doe.yaml", "jane-doe.yml", "jane-doe.yaml", "alice.yaml", "jane-doe-02.yaml", "jane-doe-2.yaml"];
    // Stem ignoring case, then extension, then case.
    const sorted = ["alice.yaml", "jane-doe.yaml", "Jane-Doe.yaml", "jane-doe.yml", "jane-doe-2.yaml", "jane-doe-02.yaml", "jane-doe-10.yaml", "Zed.yaml"];
    expect([...names].sort(compareFileNames)).toEqual(sorted);
    expect([...names].reverse().sort(compareFileNames)).toEqual(sorted);
  });

  it("records where each signatory was defined", async () => {
    const { site } = await loadSite(fixture("basic"));
    const anna = site!.letters.flatMap((l) => l.signatories).find((s) => s.name === "Anna Åberg")!;
    expect(anna.source.file).toMatch(/first-letter\/signatories\/b-single\.yaml$/);
    expect(anna.source.line).toBe(1);
  });
});

describe("reporting every problem in every file at once", async () => {
  const { site, problems } = await loadSite(fixture("broken"));
  const find = (file: string, line: number, type: new (...args: never[]) => ContentError, message: string | RegExp) =>
    problems.find((p) => p.file.endsWith(file) && p.line === line && p instanceof type && (typeof message === "string" ? p.message.includes(message) : message.test(p.message)));

  it("returns no site when there are errors", () => {
    expect(site).toBeUndefined();
  });

  it.each([
    ["yaml-syntax/signatories/bad.yaml", 4, YamlSyntaxError, /Missing closing "quote/],
    ["front-matter/letter.md", 2, FrontMatterError, "YAML syntax error"],
    ["fields/letter.md", 2, InvalidFieldError, '"title" is empty'],
    ["fields/letter.md", 3, InvalidFieldError, '"date" "2024-02-30" is not a real calendar date'],
    ["fields/letter.md", 4, InvalidFieldError, 'it must be one of: draft, open, closed'],
    ["fields/letter.md", 5, UnknownKeyError, 'Unknown key "lnag"'],
    ["fields/letter.md", 8, UndefinedFootnoteError, "[^missing] is cited but never defined"],
    ["fields/letter.md", 10, UnusedFootnoteError, "[^unused] is defined but never cited"],
    ["fields/signatories/people.yaml", 1, InvalidFieldError, '"name" is empty'],
    ["fields/signatories/people.yaml", 2, InvalidFieldError, '"type" is "person"; it must be one of: organization, individual'],
    ["fields/signatories/people.yaml", 4, UnknownKeyError, 'Unknown key "affilation"'],
    ["fields/signatories/people.yaml", 6, InvalidFieldError, '"url" "javascript:alert(1)" must start with https://'],
    ["fields/signatories/people.yaml", 8, InvalidFieldError, '"url" "example.org" must start with https://'],
    ["fields/signatories/people.yaml", 10, InvalidFieldError, '"signed" "2024-13-01" is not a real calendar date'],
    ["fields/signatories/people.yaml", 11, MissingFieldError, 'Missing required field "name"'],
    ["missing-fields/letter.md", 2, MissingFieldError, 'Missing required field "title"'],
    ["missing-fields/letter.md", 2, MissingFieldError, 'Missing required field "date"'],
    ["empty-body/letter.md", 5, EmptyBodyError, "no text after its front matter"],
    ["dupes/signatories/b.yaml", 2, DuplicateSignatoryError, "is listed twice"],
    ["slug-two/letter.md", 1, DuplicateSlugError, 'Two letters use the slug "same"'],
  ] as const)("%s:%i %s", (file, line, type, message) => {
    expect(find(file, line, type, message), problems.map((p) => p.format()).join("\n")).toBeDefined();
  });

  it("gives a column for field problems, pointing at the value", () => {
    const date = find("fields/letter.md", 3, InvalidFieldError, "calendar date")!;
    expect(date.column).toBe(7); // "date: " is 6 characters
  });

  it("says how to fix: did-you-mean for typos, the https:// form for a bare domain, where the duplicate is", () => {
    expect(find("fields/signatories/people.yaml", 4, UnknownKeyError, "affilation")!.hint).toBe('Did you mean "affiliation"?');
    expect(find("fields/letter.md", 5, UnknownKeyError, "lnag")!.hint).toBe('Did you mean "lang"?');
    expect(find("fields/signatories/people.yaml", 8, InvalidFieldError, "example.org")!.hint).toContain('"https://example.org"');
    expect(find("dupes/signatories/b.yaml", 2, DuplicateSignatoryError, "twice")!.hint).toMatch(/dupes\/signatories\/a\.yaml:1:1/);
  });

  it("warns about files that are not part of any letter without failing on them", () => {
    const stray = problems.find((p) => p instanceof StrayFileError && p.file.endsWith("letters/notes.txt"))!;
    expect(stray.severity).toBe("warning");
  });

  it("formats each problem as one file:line:col line", () => {
    for (const problem of problems) {
      expect(problem.format()).toMatch(/^tests\/fixtures\/broken\/letters\/\S+:\d+:\d+: (error|warning): [^\n]+$/);
    }
  });
});

describe("signatory files", () => {
  it("accept one mapping or a list of mappings", () => {
    expect(parseSignatoryFile("name: Solo\n", "solo.yaml").signatories.map((s) => s.name)).toEqual(["Solo"]);
    expect(parseSignatoryFile("- name: A\n- name: B\n", "list.yaml").signatories.map((s) => s.name)).toEqual(["A", "B"]);
  });

  it("reject an empty file and a list item that is not a mapping", () => {
    expect(parseSignatoryFile("", "empty.yaml").problems[0]!.message).toContain("empty");
    const { problems } = parseSignatoryFile("- name: A\n- just a string\n", "list.yaml");
    expect(problems[0]).toMatchObject({ line: 2, message: expect.stringContaining("must be a mapping") });
  });

  it("keep YAML 1.1 booleans and numbers from changing a name's type silently", () => {
    const { problems } = parseSignatoryFile("name: 1984\n", "n.yaml");
    expect(problems[0]!.message).toContain('"name" must be text');
    // "No" is a plain string in YAML 1.2, so a person named No is fine.
    expect(parseSignatoryFile("name: No\n", "no.yaml").signatories[0]!.name).toBe("No");
  });

  it("report a tab-indented list entry once, at the tab, as indentation with a tab", () => {
    // One entry of three indented with a tab: the parser alone reports a cascade of "Unexpected" errors.
    const text = "- name: Jane Doe\n  affiliation: X\n- name: Tab Person\n\taffiliation: Y\n- name: Carol\n";
    const { problems } = parseSignatoryFile(text, "list.yaml");
    expect(problems.map((p) => p.format())).toEqual([
      'list.yaml:4:1: error: YAML indentation uses spaces, not tabs: this line is indented with a tab. Replace the tab with spaces, so the line starts under the field above it (in a list, two spaces in from the "- ").',
    ]);
    // After the "- " of an entry, and in front matter, the tab's own column and the file's line.
    expect(parseSignatoryFile("- name: A\n-\tname: B\n", "l.yaml").problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 2, "YAML indentation uses spaces, not tabs: this line is indented with a tab."],
    ]);
    const letter = parseLetterFile("---\ntitle: X\ndate: 2024-01-01\nto:\n\t- The Minister\n---\n\nBody.\n", "letter.md");
    expect(letter.problems.map((p) => [p.line, p.column])).toEqual([[5, 1]]);
    expect(letter.problems[0]!.message).toContain("indentation uses spaces, not tabs");
  });

  it("keep a tab inside a block of text, and an error elsewhere, what they are", () => {
    // A tab after a block scalar's indentation is its text, not indentation.
    expect(parseSignatoryFile("name: A\ngroup: |\n  \tindented text\n", "g.yaml").problems).toEqual([]);
    const { problems } = parseSignatoryFile("name: A\naffiliation: [Unclosed\n", "u.yaml");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => !p.message.includes("tabs"))).toBe(true);
  });

  it("reject duplicate keys", () => {
    const { problems } = parseSignatoryFile("name: A\nname: B\n", "d.yaml");
    expect(problems[0]).toBeInstanceOf(YamlSyntaxError);
    expect(problems[0]!.line).toBe(2);
  });
});
