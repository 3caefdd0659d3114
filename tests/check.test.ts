import { existsSync } from "node:fs";
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, githubAnnotation } from "../src/tools/annotations.ts";
import { checkSite } from "../src/tools/check.ts";
import { FileNameMismatchError, InvalidFieldError, NameFormatError, NearDuplicateSignatoryError, StrayFileError, UnsafeFileError, type ContentError } from "../src/model/errors.ts";
import { applyEdits } from "../src/tools/fix.ts";
import { normaliseName } from "../src/common/names.ts";
import { isAllCaps, lintSignatoryFile, lintSite } from "../src/tools/lint.ts";
import { loadSite } from "../src/load/site.ts";
import { versionList } from "../src/load/version-lists.ts";
import { intendedTextName } from "../src/load/letters.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const LETTER = "tests/fixtures/lint/letters/rules";
const runCommand = promisify(execFile);
const foldName = (value: string) => normaliseName(value, { loose: true });

describe("check rules", async () => {
  const { problems } = await checkSite(fixture("lint"));
  const at = (file: string, line: number, column: number) => problems.filter((p) => p.file === `${LETTER}/${file}` && p.line === line && p.column === column);
  const one = (file: string, line: number, column: number, type: new (...a: never[]) => ContentError) => {
    const found = at(file, line, column).filter((p) => p instanceof type);
    expect(found, problems.map((p) => p.format()).join("\n")).toHaveLength(1);
    return found[0]!;
  };

  it("warns about spaces at the start or end of a name, and says what to write", () => {
    const p = one("signatories/jane-doe.yaml", 2, 7, NameFormatError);
    expect(p.severity).toBe("warning");
    expect(p.message).toBe('"name" has spaces at its start or end: "  Jane   Doe ".');
    expect(p.hint).toBe('Write it as "Jane Doe" (npm run check -- --fix does this).');
  });

  it("warns about doubled spaces in affiliations and names, quoted or not", () => {
    expect(one("signatories/jane-doe.yaml", 3, 14, NameFormatError).message).toBe('"affiliation" has doubled spaces: "Acme  Corp".');
    expect(one("signatories/list.yaml", 6, 9, NameFormatError).hint).toContain(`"Ann O'Neil"`);
  });

  it("warns about a person's name in capitals, but not an organisation's", () => {
    const p = one("signatories/john-smith.yaml", 1, 7, NameFormatError);
    expect(p.message).toBe('"name" is written in capitals: "JOHN SMITH".');
    expect(p.hint).toContain('"John Smith"');
    expect(problems.some((x) => x.message.includes("NATO WATCH"))).toBe(false);
    expect(isAllCaps("JOHN SMITH")).toBe(true);
    expect(isAllCaps("CIPESA")).toBe(false); // an acronym on its own
    expect(isAllCaps("Emile DURAND")).toBe(false);
    expect(isAllCaps("ΕΛΕΝΗ ΠΑΠΑΔΟΠΟΥΛΟΥ")).toBe(true);
  });

  it("keeps a URL without a scheme an error that suggests https://", () => {
    const p = one("signatories/jane-doe.yaml", 4, 6, InvalidFieldError);
    expect(p.severity).toBe("error");
    expect(p.hint).toBe('Write it with its scheme: "https://example.org/jane".');
  });

  it("warns about near-duplicates: same name ignoring accents and case, even with another affiliation", () => {
    const p = one("signatories/wrong-name.yaml", 1, 1, NearDuplicateSignatoryError);
    expect(p.severity).toBe("warning");
    expect(p.message).toBe(`"Émile Durand" (Université de Test) looks like "Emile DURAND" (Other University) at ${LETTER}/signatories/list.yaml:2:3.`);
    expect(foldName("Émile  DURAND")).toBe(foldName("emile durand"));
    expect(foldName("Straße")).toBe(foldName("STRASSE"));
    expect(foldName("Zoë")).not.toBe(foldName("Zoe Smith"));
  });

  it("warns when a one-signatory file is not named after its signatory, and names the right file", () => {
    const p = one("signatories/wrong-name.yaml", 1, 1, FileNameMismatchError);
    expect(p.message).toBe('The file name "wrong-name.yaml" does not match the name "Émile Durand".');
    expect(p.hint).toMatch(/^Rename it to emile-durand\.yaml /);
    // Files holding lists are named freely; a namesake may add -2.
    expect(problems.some((x) => x instanceof FileNameMismatchError && x.file.endsWith("list.yaml"))).toBe(false);
    expect(lintSignatoryFile("name: Jane Doe\n", "/x/jane-doe-2.yaml").problems).toEqual([]);
    expect(lintSignatoryFile("name: Jane Doe\n", "/x/jane-doe-x.yaml").problems).toHaveLength(1);
  });

  it("warns about YAML files a letter never reads, at the top level and inside a letter folder", () => {
    for (const file of ["tests/fixtures/lint/letters/extra.yaml", `${LETTER}/notes.yaml`, `${LETTER}/drafts/maybe.yaml`]) {
      const found = problems.filter((p) => p.file === file && p instanceof StrayFileError);
      expect(found, file).toHaveLength(1);
      expect(found[0]!.severity).toBe("warning");
    }
    expect(problems.find((p) => p.file === `${LETTER}/notes.yaml`)!.hint).toBe("Move signatory files to letters/rules/signatories/.");
  });

  it("leaves the versions manifest and frozen versions alone (issue 4 owns their format)", async () => {
    const root = await tempDir();
    await mkdir(join(root, "letters/x/versions/1/signatories"), { recursive: true });
    await writeFile(join(root, "letters/x/versions.yaml"), "- version: 1\n");
    await writeFile(join(root, "letters/x/versions/1/signatories/a.yaml"), "name: A\n");
    await writeFile(join(root, "letters/x/stray.yml"), "name: B\n");
    const { problems: found } = await lintSite(root);
    expect(found.map((p) => p.file.split("/").slice(-2).join("/"))).toEqual(["x/stray.yml"]);
  });

  it("reports nothing else", () => {
    expect(problems).toHaveLength(10);
  });
});

describe("a letter's signatories path that is not a folder", () => {
  // Found by tests/fuzz-letters.test.ts: the check failed as on a bug (ENOTDIR from the lint rules), and the
  // build read no signatory from it without a word, losing every signature in it.
  it.each([
    ["a file", (path: string) => writeFile(path, "name: Jane Doe\n")],
    ["a named pipe", (path: string) => runCommand("mkfifo", [path])],
  ])("is an error, when it is %s, never a crash or a letter without signatories", async (_what, make) => {
    const root = await tempDir();
    await cp(fixture("basic"), root, { recursive: true });
    const dir = join(root, "letters/second-letter/signatories");
    await rm(dir, { recursive: true });
    await make(dir);
    const { problems } = await checkSite(root, { cache: false });
    const problem = problems.find((p) => p instanceof UnsafeFileError && p.file?.endsWith("second-letter/signatories"));
    expect(problem?.severity, problems.map((p) => p.format()).join("\n")).toBe("error");
    expect(problem!.message).toBe("This is not a folder, so no signatory of this letter is read.");
  });
});

describe("a signatory entered twice, differing only in case", () => {
  /**
   * The fixture, plus Jane-Doe.yaml repeating jane-doe.yaml: written here, not committed, because a
   * checkout on macOS or Windows cannot hold two file names that differ only in case.
   */
  async function caseDuplicate(): Promise<string> {
    const root = await tempDir();
    await cp(fixture("case-duplicate"), root, { recursive: true });
    await writeFile(join(root, "letters/pledge/signatories/Jane-Doe.yaml"), "name: JANE DOE\naffiliation: example university\n");
    return root;
  }

  it("is one error per duplicate, at the copy, and no warning about the copy's capitals, spaces or file name", async () => {
    const root = await caseDuplicate();
    const { problems, fixes } = await checkSite(root);
    const dir = join(root, "letters/pledge/signatories");
    expect(problems.map((p) => [p.file.split("/").at(-1), p.line, p.severity, p.constructor.name])).toEqual([
      ["Jane-Doe.yaml", 1, "error", "DuplicateSignatoryError"],
      ["list.yaml", 4, "error", "DuplicateSignatoryError"],
    ]);
    const [file, list] = problems;
    expect(file!.hint).toContain(`${join(dir, "jane-doe.yaml").split("/").slice(-5).join("/")}:1:1`);
    expect(file!.hint).toContain("differs from this one only in case");
    expect(file!.hint).toMatch(/delete Jane-Doe\.yaml\.$/);
    expect(list!.hint).toMatch(/list\.yaml:2:3; remove one of them\.$/);
    // Nothing to rename: the copy is not a namesake to be called jane-doe-2.yaml.
    expect(fixes).toEqual([]);
  });

  it("is never renamed by --fix as if it were a namesake", async () => {
    const root = await caseDuplicate();
    const result = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Nothing to fix.");
    expect((await readdir(join(root, "letters/pledge/signatories"))).sort()).toEqual(["Jane-Doe.yaml", "jane-doe.yaml", "list.yaml"]);
    expect(result.stderr.match(/: (error|warning):/g)).toHaveLength(2);
  });

  it("is one error in a released letter too, not also a complaint about its signed: date", async () => {
    const root = await tempDir();
    await cp(fixture("versioned"), root, { recursive: true });
    const dir = join(root, "letters/pledge/signatories");
    await writeFile(join(dir, "Alice-Arnold.yaml"), await readFile(join(dir, "alice-arnold.yaml"), "utf8"));
    const { problems } = await checkSite(root);
    // The fixture's release records predate ids, which check also points out; those are not about signatories.
    const about = problems.filter((p) => p.file.includes("/signatories/"));
    expect(about.map((p) => `${p.file.split("/").at(-1)}: ${p.constructor.name}`)).toEqual(["Alice-Arnold.yaml: DuplicateSignatoryError"]);
  });
});

describe("letter and signatory files named almost right", async () => {
  const ROOT = "tests/fixtures/misnamed/letters";
  const { problems } = await checkSite(fixture("misnamed"));
  const about = (file: string) => problems.filter((p) => p.file === `${ROOT}/${file}`);

  it("stop at a translation named letter-fr.md or Letter.nl.md, naming the file it should be", () => {
    expect(about("appeal/letter-fr.md").map((p) => [p.severity, p.message, p.hint])).toEqual([
      ["error", "This file is not read: a translation into French is named letter.fr.md.", "Rename it to letter.fr.md."],
    ]);
    expect(about("appeal/Letter.nl.md").map((p) => [p.severity, p.message, p.hint])).toEqual([
      ["error", "This file is not read: a translation into Dutch is named letter.nl.md.", "Rename it to letter.nl.md."],
    ]);
    // A copy kept under another name is nobody's translation.
    expect(problems.some((p) => p.file.endsWith("letter-old.md"))).toBe(false);
  });

  it("stop at a letter folder holding Letter.md, saying to rename it to letter.md", () => {
    // On Linux the folder has no letter.md; on macOS and Windows Letter.md is read as letter.md.
    const found = problems.filter((p) => p.file.startsWith(`${ROOT}/capital/`));
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("error");
    expect(`${found[0]!.message} ${found[0]!.hint}`).toMatch(/rename it to letter\.md/i);
  });

  it("read a .yml signatory file, with a warning that --fix renames it to .yaml", async () => {
    expect(about("appeal/signatories/jane-doe.yml").map((p) => [p.severity, p.message, p.hint])).toEqual([
      ["warning", "Signatory files end in .yaml, not .yml.", "Rename it to jane-doe.yaml (npm run check -- --fix does this); it is read either way."],
    ]);
    const root = await tempDir();
    await cp(fixture("misnamed"), root, { recursive: true });
    const dir = join(root, "letters/appeal");
    await rename(join(dir, "letter-fr.md"), join(dir, "letter.fr.md"));
    await rename(join(dir, "Letter.nl.md"), join(dir, "letter.nl.md"));
    await rename(join(root, "letters/capital/Letter.md"), join(root, "letters/capital/letter.md"));
    const result = await runScript("check.ts", ["--root", root, "--fix"]);
    // The fixture's letters are open and unreleased, which check warns about; nothing else is said.
    expect(result.stderr.split("\n").filter((l) => l && !l.includes("This letter is open"))).toEqual([]);
    expect(result.code).toBe(0);
    expect(await readdir(join(dir, "signatories"))).toEqual(["jane-doe.yaml"]);
    // Renamed as the messages said, every file is read: two translations and the signatory.
    const { site } = await checkSite(root);
    const appeal = site!.letters.find((l) => l.slug === "appeal")!;
    expect(appeal.translations.map((t) => t.lang)).toEqual(["fr", "nl"]);
    expect(appeal.signatories.map((s) => s.name)).toEqual(["Jane Doe"]);
  });

  it("names the file a misnamed letter text should have", () => {
    expect(["Letter.md", "LETTER.MD", "letter.markdown", "Letter.fr.md", "letter-fr.md", "letter_pt_br.md", "letter fr.md"].map(intendedTextName)).toEqual([
      "letter.md", "letter.md", "letter.md", "letter.fr.md", "letter.fr.md", "letter.pt-BR.md", "letter.fr.md",
    ]);
    for (const name of ["letter.md", "letter.fr.md", "letter-old.md", "letter-new.md", "letter-draft.md", "notes.md", "letter.md.bak"]) {
      expect(intendedTextName(name), name).toBeUndefined();
    }
  });
});

describe("a near-duplicate marked as reviewed in reviewed.yaml", async () => {
  const DIR = "tests/fixtures/reviewed/letters/pledge";
  const { problems } = await checkSite(fixture("reviewed"));

  it("is no longer a warning, while an unreviewed pair still is, with the line that would mark it reviewed", () => {
    const near = problems.filter((p) => p instanceof NearDuplicateSignatoryError);
    expect(near.map((p) => `${p.file.split("/").at(-1)}:${p.line}`)).toEqual(["list.yaml:3"]);
    expect(near[0]!.hint).toBe(
      `If this is the same signatory, keep one entry; if they are different people, add - ["list.yaml#Emile Durand", "list.yaml#Émile DURAND"] under different_people: in ${DIR}/reviewed.yaml to mark this warning as reviewed.`,
    );
  });

  it("reports pairs that name no signatory, or silence nothing, where they are", () => {
    const stale = problems.filter((p) => p.file === `${DIR}/reviewed.yaml`);
    expect(stale.map((p) => [p.line, p.column, p.severity, p.message])).toEqual([
      [4, 5, "warning", '"bob-brown.yaml" and "jane-doe.yaml" raise no warning to silence.'],
      [5, 6, "warning", '"gone.yaml" names no signatory of this letter.'],
      [6, 6, "warning", '"list.yaml" names no signatory of this letter.'],
    ]);
    expect(stale[2]!.hint).toBe('list.yaml holds a list: name the entry, e.g. "list.yaml#Emile Durand".');
    // Not a YAML file the letter never reads.
    expect(problems.some((p) => p instanceof StrayFileError)).toBe(false);
  });

  it("silences the pair once the suggested line is added", async () => {
    const root = await tempDir();
    await cp(fixture("reviewed"), root, { recursive: true });
    const line = /add (- \[.*\]) under/.exec(problems.find((p) => p instanceof NearDuplicateSignatoryError)!.hint!)![1]!;
    await writeFile(join(root, "letters/pledge/reviewed.yaml"), `different_people:\n  - [jane-doe.yaml, jane-doe-2.yaml]\n  ${line}\n`);
    expect((await checkSite(root)).problems.map((p) => p.format()).filter((p) => !p.includes("This letter is open"))).toEqual([]);
  });

  it("is checked like any content file: unknown keys and anything but pairs are errors", async () => {
    const root = await tempDir();
    await cp(fixture("reviewed"), root, { recursive: true });
    const file = join(root, "letters/pledge/reviewed.yaml");
    await writeFile(file, "diferent_people:\n  - [jane-doe.yaml, jane-doe-2.yaml]\n");
    const typo = (await checkSite(root)).problems.filter((p) => p.file.endsWith("reviewed.yaml"));
    expect(typo.map((p) => [p.line, p.severity, p.message, p.hint])).toEqual([[1, "error", 'Unknown key "diferent_people".', 'Did you mean "different_people"?']]);
    await writeFile(file, "different_people:\n  - [jane-doe.yaml]\n  - [jane-doe.yaml, ../x.yaml]\n");
    const shapes = (await checkSite(root)).problems.filter((p) => p.file.endsWith("reviewed.yaml"));
    expect(shapes.map((p) => [p.line, p.severity])).toEqual([[2, "error"], [3, "error"]]);
    expect(shapes[0]!.message).toContain("must be a pair of signatories");
    expect(shapes[1]!.message).toContain("must name a signatory file");
  });
});

describe("npm run check --fix", () => {
  it("fixes a copy in place: spaces, https://, file name; keeps comments, quoting and other lines", async () => {
    const root = await tempDir();
    await cp(fixture("lint"), root, { recursive: true });
    const before = await runScript("check.ts", ["--root", root]);
    expect(before.code).toBe(1);

    const result = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.code).toBe(0);
    const dir = join(root, "letters/rules/signatories");
    expect(await readFile(join(dir, "jane-doe.yaml"), "utf8")).toBe(
      '# Signed at the conference.\nname: "Jane Doe"   # as she writes it\naffiliation: Acme Corp\nurl: https://example.org/jane # her page\ncountry: BE\n',
    );
    expect(await readFile(join(dir, "list.yaml"), "utf8")).toBe(
      "# Pasted from the spreadsheet.\n- name: Emile DURAND\n  affiliation: Other University\n- name: NATO WATCH\n  type: organization\n- name: 'Ann O''Neil'\n",
    );
    expect((await readdir(dir)).sort()).toEqual(["emile-durand.yaml", "jane-doe.yaml", "john-smith.yaml", "list.yaml"]);
    expect(await readFile(join(dir, "emile-durand.yaml"), "utf8")).toBe("name: Émile Durand\naffiliation: Université de Test\n");
    // What needs a person's judgement stays a warning.
    expect(result.stderr).toMatch(/john-smith\.yaml:1:7: warning: "name" is written in capitals/);
    // The renamed file now sorts first, so the later entry in list.yaml carries the warning.
    expect(result.stderr).toMatch(/list\.yaml:2:3: warning: "Emile DURAND" .* looks like .*emile-durand\.yaml:1:1/);

    const again = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(again.stdout).toContain("Nothing to fix.");
  });

  it("renames a released one-signatory file only with its id written first, so the signature keeps its place", async () => {
    const root = await tempDir();
    await cp(fixture("basic"), root, { recursive: true });
    // b-single.yaml holds Anna Åberg and was recorded by first-letter's version 1 under that file name.
    const dir = join(root, "letters/first-letter/signatories");
    const result = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, "b-single.yaml"))).toBe(false);
    expect(await readFile(join(dir, "anna-aberg.yaml"), "utf8")).toMatch(/^name: Anna Åberg\n(.*\n)*id: s[0-9a-f]{11}\n$/);
    const after = await loadSite(root);
    expect(after.problems.filter((p) => p.severity === "error")).toEqual([]);
    const letter = after.site!.letters.find((l) => l.slug === "first-letter")!;
    expect(versionList(letter, 1).entries.map((e) => e.signatory.name)).toContain("Anna Åberg");
  });

  it("never renames a released file without an id: its identity is its file name", async () => {
    const root = await tempDir();
    await cp(fixture("basic"), root, { recursive: true });
    const { fixes } = await lintSite(root);
    expect(fixes.some((f) => f.renameTo?.endsWith("anna-aberg.yaml"))).toBe(false);
  });

  it("keeps Windows line endings and never renames over an existing file", async () => {
    const root = await tempDir();
    await cp(fixture("basic"), root, { recursive: true });
    const dir = join(root, "letters/second-letter/signatories");
    // Signed after the letter's release, as new signatories must be.
    await writeFile(join(dir, "x.yaml"), "name: Jane  Doe\r\nurl: example.org\r\nsigned: 2024-06-01\r\n");
    await writeFile(join(dir, "jane-doe.yaml"), "- name: Someone Else\n  signed: 2024-06-01\n");
    const result = await runScript("check.ts", ["--root", root, "--fix"]);
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, "jane-doe-2.yaml"), "utf8")).toBe("name: Jane Doe\r\nurl: https://example.org\r\nsigned: 2024-06-01\r\n");
    expect(existsSync(join(dir, "x.yaml"))).toBe(false);
    expect(await readFile(join(dir, "jane-doe.yaml"), "utf8")).toBe("- name: Someone Else\n  signed: 2024-06-01\n");
  });

  it("falls back to a quoted value when the plain one would read differently, and gives up rather than break a file", () => {
    const edit = { start: 6, end: 7, text: "true", quoted: '"true"', path: ["name"], expected: "true" };
    expect(applyEdits("name: x\n", [edit])).toBe('name: "true"\n');
    expect(applyEdits("name: x\n", [{ ...edit, quoted: "[" }])).toBeUndefined();
  });
});

describe("GitHub annotations", () => {
  const problem = new NameFormatError("letters/a,b:c/50%.yaml", { line: 3, column: 7 }, "Line one\r\nline two: 100%, done.", "Fix it.").asWarning();

  it("escape % in the message, and also : and , in properties; CR and LF show as \\r\\n, as in the text format", () => {
    expect(escapeData("100%\r\n:,")).toBe("100%25%0D%0A:,");
    expect(escapeProperty("100%\r\n:,")).toBe("100%25%0D%0A%3A%2C");
    expect(githubAnnotation(problem)).toBe(
      "::warning file=letters/a%2Cb%3Ac/50%25.yaml,line=3,col=7,title=Name format::Line one\\r\\nline two: 100%25, done. Fix it.",
    );
  });

  it("are what npm run check -- --format github prints, one per problem, errors as ::error", async () => {
    const result = await runScript("check.ts", ["--root", fixture("lint"), "--format", "github"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines).toContain(
      "::error file=tests/fixtures/lint/letters/rules/signatories/jane-doe.yaml,line=4,col=6,title=Invalid field::" +
        '"url" "example.org/jane" must start with https%3A//, http%3A// or mailto%3A. Write it with its scheme%3A "https%3A//example.org/jane".'.replace(/%3A/g, ":"),
    );
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:,]+::.+$/);
  });

  it("refuse an unknown format with a usage message", async () => {
    const result = await runScript("check.ts", ["--format", "xml"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown format "xml"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
