// Held names and words (letters/moderation.yaml, letters/<slug>/moderation.yaml): npm run check warns at
// the field of a signatory that matches, says which entry matched, and how to mark it reviewed
// (reviewed.yaml's held_ok:). The lists are content files, checked like the others.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HeldSignatoryError, type ContentError } from "../src/model/errors.ts";
import { checkSite } from "../src/tools/check.ts";
import { HoldList, holdKeys, type HeldItem } from "../src/tools/moderation.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const DIR = "tests/fixtures/moderation/letters";
const LETTER = `${DIR}/pledge`;
const where = (p: ContentError) => `${p.file.replace(`${LETTER}/`, "")}:${p.line}:${p.column}`;

/** A list holding these names and words. */
function list(names: string[], words: string[] = []): HoldList {
  const holds = new HoldList();
  names.forEach((text, i) => holds.add({ text, kind: "name", where: `n:${i}` }, holdKeys(text)));
  words.forEach((text, i) => holds.add({ text, kind: "word", where: `w:${i}` }, holdKeys(text)));
  return holds;
}
const matched = (holds: HoldList, text: string) => holds.matches(text).map((i: HeldItem) => i.text);

describe("matching a held name or word", () => {
  const holds = list(["Steve Jobs", "John Doe", "习近平"], ["test", "asdf", "lorem ipsum", "测试"]);

  it("takes names whole, ignoring case, accents, punctuation, spacing and look-alike letters of other scripts", () => {
    for (const name of ["Steve Jobs", "STEVE JOBS", "steve  jobs", "Stéve Jöbs", "Steve-Jobs", "Stеve Jobs" /* Cyrillic е */, "Ѕteve Јobs" /* Cyrillic Ѕ, Ј */, "St\u200Beve Jobs"]) {
      expect(matched(holds, name), name).toEqual(["Steve Jobs"]);
    }
    for (const name of ["Steve Jobson", "Steven Jobs", "Dr Steve Jobs Fan Club", "Jobs Steve"]) expect(matched(holds, name), name).toEqual([]);
    expect(matched(holds, "习近平")).toEqual(["习近平"]);
  });

  it("takes words as whole words, in any field, also as phrases of consecutive words", () => {
    expect(matched(holds, "Ana Test")).toEqual(["test"]);
    expect(matched(holds, "TÉST-Lab")).toEqual(["test"]);
    expect(matched(holds, "Institute of tеst" /* Cyrillic е */)).toEqual(["test"]);
    expect(matched(holds, "Testing, Contest, Attest")).toEqual([]);
    expect(matched(holds, "Lorem Ipsum Fellow")).toEqual(["lorem ipsum"]);
    expect(matched(holds, "Lorem, the Ipsum")).toEqual([]);
    expect(matched(holds, "asdf test asdf")).toEqual(["asdf", "test"]);
  });

  it("finds a word of a script written without spaces inside a longer text", () => {
    expect(matched(holds, "王测试明")).toEqual(["测试"]);
    expect(matched(holds, "王小明")).toEqual([]);
  });

  it("says which earlier entry a new one repeats", () => {
    const holds = list(["Elon Musk"]);
    expect(holds.add({ text: "ELON MÜSK", kind: "name", where: "x" }, holdKeys("ELON MÜSK"))?.text).toBe("Elon Musk");
    expect(holds.add({ text: "Elon Musk", kind: "word", where: "y" }, holdKeys("Elon Musk"))).toBeUndefined(); // a word is another list
  });

  it("costs a few lookups per field however long the list, and is linear in the number of signatories", () => {
    const big = list(Array.from({ length: 5000 }, (_, i) => `Famous Person ${i}`), Array.from({ length: 5000 }, (_, i) => `badword${i}`));
    const names = Array.from({ length: 100_000 }, (_, i) => `Person ${i} Example`);
    const start = performance.now();
    let found = 0;
    for (const name of names) found += big.matches(name, holdKeys(name)).length;
    const ms = performance.now() - start;
    expect(found).toBe(0);
    // Measured at about 150 ms on one core of the CI machine; 10x leaves room for a busy one.
    expect(ms).toBeLessThan(1500);
  });
});

describe("npm run check on a letter with held names", async () => {
  const { problems } = await checkSite(fixture("moderation"));
  const held = problems.filter((p) => p instanceof HeldSignatoryError);

  it("warns at each matching field, naming the entry matched and where it is written", () => {
    expect(held.map((p) => [where(p), p.severity])).toEqual([
      ["signatories/jane-roe.yaml:1:7", "warning"],
      ["signatories/list.yaml:1:9", "warning"],
      ["signatories/list.yaml:3:16", "warning"],
      ["signatories/list.yaml:6:9", "warning"],
      ["signatories/list.yaml:8:10", "warning"],
      ["signatories/list.yaml:9:9", "warning"],
      ["signatories/steve-jobs.yaml:1:7", "warning"],
    ]);
    const steve = held.at(-1)!;
    expect(steve.message).toBe(`"name" "Stеve Jobs", in mixed scripts (Latin and Cyrillic), is the held name "Steve Jobs" (${DIR}/moderation.yaml:3:5).`);
    expect(held[0]!.message).toBe(`"name" "Jane Roe" is the held name "Jane Roe" (${LETTER}/moderation.yaml:3:5).`);
    expect(held[2]!.message).toBe(`"affiliation" "ASDF Institute" holds the held word "asdf" (${DIR}/moderation.yaml:8:5).`);
  });

  it("says exactly what to add to reviewed.yaml, for a one-signatory file and for an entry of a list", () => {
    expect(held.at(-1)!.hint).toBe(
      `Check that the signature is genuine before merging (famous names are often faked; placeholders and slurs are not signatures). If it is, add - "steve-jobs.yaml#Stеve Jobs" under held_ok: in ${LETTER}/reviewed.yaml to mark this warning as reviewed.`,
    );
    expect(held[2]!.hint).toContain(`add - "list.yaml#Real Person" under held_ok:`);
  });

  it("holds no withdrawn signatory, and no signatory reviewed under held_ok:", () => {
    expect(problems.some((p) => p.file.endsWith("elon-musk.yaml"))).toBe(false);
    expect(held.some((p) => p.line === 10)).toBe(false); // the withdrawn John Doe
  });

  it("reports stale held_ok: lines, a name that changed since its review, and an entry held twice", () => {
    const own = problems.filter((p) => !(p instanceof HeldSignatoryError)).map((p) => [where(p), p.severity, p.message]);
    expect(own).toEqual([
      ["moderation.yaml:4:5", "warning", `"ELON MUSK" is held already, as "Elon Musk" at ${DIR}/moderation.yaml:4:5 (case, accents and look-alike letters aside).`],
      ["reviewed.yaml:3:5", "warning", '"gone.yaml#Somebody" names no signatory of this letter.'],
      ["reviewed.yaml:4:5", "warning", '"jane-roe.yaml#Jane R." names no signatory of this letter.'],
      ["reviewed.yaml:5:5", "warning", '"list.yaml#Testing Person" raises no warning to silence.'],
    ]);
    expect(problems.find((p) => p.line === 4 && p.file.endsWith("reviewed.yaml"))!.hint).toContain('jane-roe.yaml holds "Jane Roe": the name changed since it was reviewed');
  });

  it("stops holding an entry once the suggested line is added, and holds it again when its name is edited", async () => {
    const root = await tempDir();
    await cp(fixture("moderation"), root, { recursive: true });
    const line = /add (- ".*") under held_ok/.exec(held.at(-1)!.hint!)![1]!;
    await writeFile(join(root, "letters/pledge/reviewed.yaml"), `held_ok:\n  ${line}\n`);
    const after = (await checkSite(root)).problems.filter((p) => p.file.endsWith("steve-jobs.yaml") || p.file.endsWith("reviewed.yaml"));
    expect(after).toEqual([]);
    // A signer who edits the reviewed file (here: a Latin e now) is held again, and the line goes stale.
    await writeFile(join(root, "letters/pledge/signatories/steve-jobs.yaml"), "name: Steve Jobs\n");
    const edited = (await checkSite(root)).problems.filter((p) => p.file.endsWith("steve-jobs.yaml") || p.file.endsWith("reviewed.yaml"));
    expect(edited.map((p) => `${p.file.split("/").at(-1)}:${p.line} ${p.constructor.name}`)).toEqual(["reviewed.yaml:2 InvalidFieldError", "steve-jobs.yaml:1 HeldSignatoryError"]);
  });

  it("prints them as GitHub warning annotations at the signatory's line", async () => {
    const result = await runScript("check.ts", ["--root", fixture("moderation"), "--format", "github"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`::warning file=${LETTER}/signatories/steve-jobs.yaml,line=1,col=7,title=Held signatory::"name" "Stеve Jobs"`);
  });
});

describe("moderation.yaml, checked like every content file", () => {
  const copy = async (text: string, where = "letters/moderation.yaml") => {
    const root = await tempDir();
    await cp(fixture("moderation"), root, { recursive: true });
    await writeFile(join(root, where), text);
    return (await checkSite(root)).problems.filter((p) => p.file.endsWith("/moderation.yaml") && p.file.includes(where.split("/").at(-2)!));
  };

  it("refuses an unknown key at its line and column, suggesting the key meant", async () => {
    const problems = await copy("names:\n  - Steve Jobs\nword:\n  - test\n");
    expect(problems.map((p) => [p.line, p.column, p.severity, p.message, p.hint])).toEqual([[3, 1, "error", 'Unknown key "word".', 'Did you mean "words"?']]);
  });

  it("refuses entries that are not text, are blank, or hold nothing to match", async () => {
    const problems = await copy("names:\n  - 42\n  - '  '\nwords:\n  - '!!!'\n", "letters/pledge/moderation.yaml");
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[2, "error"], [3, "error"]]);
    const symbols = await copy("words:\n  - '!!!'\n", "letters/pledge/moderation.yaml");
    expect(symbols.map((p) => [p.line, p.column, p.severity, p.message])).toEqual([[2, 5, "error", '"!!!" has no letter or digit, so it matches nothing (punctuation and symbols are ignored when comparing).']]);
  });

  it("is a YAML syntax error at its place, and the check fails", async () => {
    const root = await tempDir();
    await cp(fixture("moderation"), root, { recursive: true });
    await writeFile(join(root, "letters/moderation.yaml"), "names:\n  - [Steve Jobs\n");
    const result = await runScript("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/letters\/moderation\.yaml:\d+:\d+: error: YAML syntax error/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("is not a stray file, in letters/ or in a letter's folder", async () => {
    const { problems } = await checkSite(fixture("moderation"));
    expect(problems.filter((p) => /not part of any letter|is not read/.test(p.message))).toEqual([]);
  });

  it("ships as a short default list in the project's own letters/, which holds nothing in the sample letter", async () => {
    const text = await readFile("letters/moderation.yaml", "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/moderation\.schema\.json\n/);
    const { problems } = await checkSite(".");
    expect(problems.filter((p) => p instanceof HeldSignatoryError || p.file === "letters/moderation.yaml")).toEqual([]);
  });
});
