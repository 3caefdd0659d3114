// Signatures that look the same on the page are one signature: compared on the Unicode confusable
// skeleton (UTS #39) after removing the characters that show nothing. Differing only by invisible or
// other-script characters is a duplicate error; looking alike within one script is a warning a reviewer
// settles. Names that print as nothing are errors. ZWJ and ZWNJ stay in the names as written.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { SignatoryIndex } from "../src/common/names.ts";
import { loadSite } from "../src/load/site.ts";
import { checkSite } from "../src/tools/check.ts";
import { tempDir } from "./helpers/site.ts";

async function site(entries: { name: string; affiliation?: string }[], separateFiles = false): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = {
    "letters/site.yaml": "title: Look-alikes\n",
    "letters/x/letter.md": "---\ntitle: A letter\ndate: 2024-01-01\nstatus: draft\n---\n\nThe text.\n",
  };
  const yaml = (e: { name: string; affiliation?: string }) => `name: ${JSON.stringify(e.name)}\n${e.affiliation ? `affiliation: ${JSON.stringify(e.affiliation)}\n` : ""}`;
  if (separateFiles) entries.forEach((e, i) => (files[`letters/x/signatories/s${i}.yaml`] = yaml(e)));
  else files["letters/x/signatories/list.yaml"] = entries.map((e) => `- ${yaml(e).replace(/\n(?=.)/g, "\n  ")}`).join("");
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content);
  }
  return root;
}

/** [what, a name that displays as "Jane Doe" beside "Jane Doe" (both of ACME), the message] */
const lookAlikes: [string, string, RegExp][] = [
  ["a left-to-right mark (U+200E)", "Jane\u200E Doe", /differs from the entry at .* only by characters that show nothing \(U\+200E\)/],
  ["an Arabic letter mark (U+061C)", "Jane Doe\u061C", /only by characters that show nothing \(U\+061C\)/],
  ["a tag character (U+E0041)", "Jane Doe\u{E0041}", /only by characters that show nothing \(U\+E0041\)/],
  ["a zero-width space", "Ja\u200Bne Doe", /only by characters that show nothing \(U\+200B\)/],
  ["a word joiner and a soft hyphen", "Ja\u2060ne D\u00ADoe", /only by characters that show nothing \(U\+2060, U\+00AD\)/],
  ["a variation selector", "Jane\uFE0F Doe", /only by characters that show nothing \(U\+FE0F\)/],
  ["a Hangul filler inside", "Jane\u3164Doe".replace("\u3164", " \u3164"), /only by characters that show nothing \(U\+3164\)/],
  ["a Cyrillic а", "J\u0430ne Doe", /looks the same as "Jane Doe" \("ACME"\) at .*, in letters of mixed scripts \(Latin and Cyrillic\)/],
  ["a Greek ο", "Jane D\u03BFe", /looks the same as "Jane Doe".*mixed scripts \(Latin and Greek\)/],
  ["Cyrillic letters in capitals", "J\u0410NE DOE", /looks the same as "Jane Doe".*mixed scripts/],
  ["full-width letters", "\uFF2Aane Doe", /is listed twice\./],
  ["mathematical bold letters", "\u{1D409}ane Doe", /is listed twice\./],
];

describe("look-alike signatures", () => {
  it.each(lookAlikes)("a name with %s is a duplicate error at the copy", async (_what, name, message) => {
    for (const separateFiles of [false, true]) {
      const { problems } = await loadSite(await site([{ name: "Jane Doe", affiliation: "ACME" }, { name, affiliation: "ACME" }], separateFiles));
      const errors = problems.filter((p) => p.severity === "error");
      expect(errors.map((p) => p.message), problems.map((p) => p.format()).join("\n")).toEqual([expect.stringMatching(message)]);
      expect(errors[0]!.file).toMatch(separateFiles ? /s1\.yaml$/ : /list\.yaml$/);
      expect(errors[0]!.line).toBe(separateFiles ? 1 : 3);
    }
  });

  it("finds all five entries that display as \"Jane Doe (ACME)\": one signature and four errors", async () => {
    const names = ["Jane Doe", "Jane\u200E Doe", "Jane Doe\u061C", "Jane Doe\u{E0041}", "J\u0430ne Doe"];
    const { problems } = await loadSite(await site(names.map((name) => ({ name, affiliation: "ACME" }))));
    expect(problems.filter((p) => p.severity === "error").map((p) => p.line)).toEqual([3, 5, 7, 9]);
  });

  it("finds a look-alike in the affiliation too", async () => {
    const { problems } = await loadSite(await site([{ name: "Jane Doe", affiliation: "ACME" }, { name: "Jane Doe", affiliation: "\u0410CME" }]));
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/looks the same as "Jane Doe" \("ACME"\).*, in letters of mixed scripts \(Cyrillic and Latin\)/)]);
  });

  it("finds Cyrillic capitals that pass for Latin capitals (В for B, І for I)", async () => {
    const { problems } = await loadSite(await site([{ name: "Bob Ivanov" }, { name: "\u0412\u043Eb \u0406vanov" }]));
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/looks the same as "Bob Ivanov" at .*mixed scripts \(Cyrillic and Latin\)/)]);
  });

  it("finds a name written wholly in another script that looks the same", async () => {
    // Cyrillic Ј, о, ѕ, е: "Јоѕе" shows as "Jose".
    const { problems } = await loadSite(await site([{ name: "Jose" }, { name: "\u0408\u043E\u0455\u0435" }]));
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/looks the same as "Jose" at .*, in letters of another script/)]);
  });

  it("only warns about names alike within one script, which can be two people (Amie and Arnie, D0e and Doe)", async () => {
    const root = await site([{ name: "Arnie Doe" }, { name: "Amie Doe" }, { name: "Jane Doe" }, { name: "Jane D0e" }, { name: "AIice Smith" }, { name: "Alice Smith" }]);
    const { problems } = await checkSite(root);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(problems.filter((p) => p.name === "NearDuplicateSignatoryError").map((p) => p.message)).toEqual([
      expect.stringMatching(/^"Amie Doe" looks like "Arnie Doe"/),
      expect.stringMatching(/^"Jane D0e" looks like "Jane Doe"/),
      expect.stringMatching(/^"Alice Smith" looks like "AIice Smith"/),
    ]);
  });

  it("gives a look-alike error no warning of its own in check", async () => {
    const { problems } = await checkSite(await site([{ name: "Jane Doe" }, { name: "J\u0430ne Doe" }]));
    expect(problems.map((p) => p.name)).toEqual(["DuplicateSignatoryError"]);
  });

  it("tells apart names that only share letters across scripts, and names in scripts that mix by nature", async () => {
    const names = ["Ivan Petrov", "Иван Петров", "Elena Pappa", "Ελένη Παππά", "山田 太郎", "やまだ たろう", "ヤマダ タロウ", "김민준", "محمد علي", "Mohammed Ali", "Zoë Müller", "Zoe Muller"];
    const { problems } = await loadSite(await site(names.map((name) => ({ name }))));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("keeps ZWJ and ZWNJ in the names as written, and compares without them", async () => {
    const persian = "فاطمه محمدی\u200Cنژاد"; // ZWNJ inside the family name, as Persian writes it
    const hindi = "क्\u200Dष"; // ZWJ asks for a half form
    const root = await site([{ name: persian }, { name: hindi }, { name: "👩🏽\u200D💻 Coders Collective" }]);
    const { site: loaded, problems } = await loadSite(root);
    expect(problems).toEqual([]);
    expect(loaded!.letters[0]!.signatories.map((s) => s.name)).toEqual([persian, hindi, "👩🏽\u200D💻 Coders Collective"]);
    const again = await loadSite(await site([{ name: persian }, { name: persian.replace("\u200C", "") }]));
    expect(again.problems.map((p) => p.message)).toEqual([expect.stringMatching(/only by characters that show nothing \(U\+200C\)/)]);
  });

  it("is what npm run sign refuses as already signed", () => {
    const index = new SignatoryIndex<{ name: string; affiliation?: string }>();
    index.repeats({ name: "Jane Doe", affiliation: "ACME" });
    expect(index.repeats({ name: "J\u0430ne Doe", affiliation: "ACME" })?.how).toBe("other-script");
    expect(index.repeats({ name: "Jane Doe\u200E", affiliation: "ACME" })?.how).toBe("invisible");
    expect(index.repeats({ name: "jane  doe", affiliation: "acme" })?.how).toBe("same");
    expect(index.repeats({ name: "Jane Doe", affiliation: "Other" })).toBeUndefined();
  });
});

/** [what, a name that prints as nothing] */
const blanks: [string, string][] = [
  ["a Hangul filler (U+3164)", "\u3164"],
  ["Hangul fillers (U+115F, U+1160, U+FFA0)", "\u115F\u1160\uFFA0"],
  ["blank Braille patterns (U+2800)", "\u2800\u2800"],
  ["zero-width spaces", "\u200B\u200B"],
  ["a left-to-right mark", "\u200E"],
  ["a word joiner between spaces", " \u2060 "],
  ["an ideographic space and a filler", "\u3000\u3164"],
  ["a combining accent alone", "\u0301"],
  ["a tag character", "\u{E0041}"],
  ["a Mongolian vowel separator", "\u180E"],
];

describe("names that print as nothing", () => {
  it.each(blanks)("%s is an error at the name", async (_what, name) => {
    const { problems } = await loadSite(await site([{ name: "Someone" }, { name }]));
    expect(problems.map((p) => [p.severity, p.line, p.message]), problems.map((p) => p.format()).join("\n")).toEqual([
      ["error", 2, expect.stringMatching(/^"name" ".*" shows nothing: it holds only blank or invisible characters/)],
    ]);
  });

  it("are errors in an affiliation, a role or a group too", async () => {
    const root = await site([]);
    await writeFile(join(root, "letters/x/signatories/a.yaml"), 'name: A\naffiliation: "\\u3164"\ntitle: "\\u2800"\ngroup: "\\u200B"\n');
    const { problems } = await loadSite(root);
    expect(problems.filter((p) => p.file.endsWith("a.yaml")).map((p) => [p.line, p.message]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([2, 3, 4].map((line) => [line, expect.stringMatching(/shows nothing/)]));
  });
});
