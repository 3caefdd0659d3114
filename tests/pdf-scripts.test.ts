// Scripts in the PDF: Arabic, Hebrew and Persian letters typeset right to left with the fonts the project
// ships, and a letter in a script none of them covers stopping the build with a clear message.
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { UncoveredScriptError } from "../src/model/errors.ts";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { pdfFile, pdfFonts, pdfInfo, pdfLayout, pdfText, squash, type PdfPage } from "./helpers/pdf.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

// Some PDF readers mark right-to-left runs with bidi embedding controls; a reader copying the text gets none.
const plain = (s: string) => s.replace(/[\u202a-\u202e]/g, "");
// The lines of pdfLayout give right-to-left words in visual order, last letter first.
const visual = (s: string) => [...s].reverse().join("");
/** The line of `page` holding the word `word` (as written, in logical order). */
const lineWith = (page: PdfPage, word: string) =>
  page.lines.find((l) => l.text.split(" ").some((w) => w === word || w === visual(word)));

const A4_WIDTH = 595.28;
const MARGIN = (2.4 / 2.54) * 72; // the layout's 2.4 cm side margins, in points

const doc = (over: Partial<PdfDocument>): PdfDocument => ({
  slug: "scripts",
  lang: "en",
  title: "Scripts",
  date: "2024-03-01",
  dateText: "1 March 2024",
  to: [],
  body: "Text.",
  docId: "scripts",
  signatories: { heading: "Signatories", groups: [{ entries: [{ name: "Anna" }] }] },
  metadata: { author: "Test", keywords: [] },
  paper: "a4",
  source: "letters/scripts/letter.md",
  ...over,
});

describe("the Arabic translation's PDF", () => {
  let file: string;
  let stderr: string;
  let title: string;
  let arabicName: string;
  beforeAll(async () => {
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", fixture("translated"), "--output", output]);
    expect(result.code).toBe(0);
    stderr = result.stderr;
    file = join(output, "appeal/ar/appeal-ar.pdf");
    const letter = await readFile(fixture("translated/letters/appeal/letter.ar.md"), "utf8");
    title = /^title: (.*)$/m.exec(letter)![1]!;
    const list = await readFile(fixture("translated/letters/appeal/signatories/list.yaml"), "utf8");
    arabicName = [...list.matchAll(/name: (.*)/g)].map((m) => m[1]!).find((name) => /\p{Script=Arabic}/u.test(name))!;
  });

  it("builds without a warning about characters the fonts lack", () => {
    expect(stderr).not.toMatch(/cannot print|empty box/);
  });

  it("prints the Arabic title, addressee and a signatory's Arabic name as text a reader can copy", async () => {
    const text = plain(await pdfText(file));
    expect(title).toMatch(/\p{Script=Arabic}/u);
    expect(text).toContain(title);
    expect(text).toContain("مجلس الوزراء");
    expect(text).toContain(arabicName);
    // The footnote's address reads left to right inside the right-to-left text.
    expect(text).toContain("https://example.org/open");
  });

  it("embeds only the fonts the project ships: Source Serif 4 and Amiri", async () => {
    const fonts = await pdfFonts(file);
    for (const font of fonts) expect(font).toMatch(/^(SourceSerif4|Amiri)-/);
    expect(fonts.some((f) => f.startsWith("Amiri-"))).toBe(true);
  });

  it("mirrors the page: text from the right margin, the date on the left, the first column on the right", async () => {
    const [page] = await pdfLayout(file, 1, 1);
    const right = A4_WIDTH - MARGIN;
    expect(lineWith(page!, "لنحافظ")!.xMax).toBeCloseTo(right, 0); // title
    expect(lineWith(page!, "حضرات")!.xMax).toBeCloseTo(right, 0); // salutation
    const date = lineWith(page!, "مايو")!;
    expect(date.xMin).toBeCloseTo(MARGIN, 0);
    expect(date.yMin).toBeLessThan(lineWith(page!, "لنحافظ")!.yMin);
    // The list starts in the right-hand column and goes on in the left-hand one.
    expect(lineWith(page!, "Rights")!.xMax).toBeCloseTo(right, 0);
    expect(lineWith(page!, arabicName.split(" ")[0]!)!.xMax).toBeLessThan(A4_WIDTH / 2);
    // The footnote sits at the foot of the page, from the right margin.
    const note = lineWith(page!, "https://example.org/open")!;
    expect(note.yMin).toBeGreaterThan(page!.height * 0.8);
    expect(note.xMax).toBeGreaterThan(A4_WIDTH / 2);
  });

  it("says which version it is and numbers its pages in Arabic, at the foot of the page", async () => {
    const [page] = await pdfLayout(file, 1, 1);
    const footer = page!.lines.filter((l) => l.yMin > page!.height - MARGIN);
    const text = squash(plain(await pdfText(file, 1)));
    expect(text).toContain(squash("صفحة 1 من 1"));
    expect(text).toContain(squash("النسخة 2 · نُشرت في 1 يونيو 2024"));
    expect((await pdfInfo(file)).Subject).toBe("النسخة 2 · نُشرت في 1 يونيو 2024");
    // The version starts at the right margin, like the text.
    expect(footer.find((l) => l.text.split(" ").includes(visual("النسخة")))!.xMax).toBeCloseTo(A4_WIDTH - MARGIN, 0);
  });
});

describe("Hebrew and Persian letters", () => {
  it("typeset Hebrew right to left with Frank Ruhl Libre", async () => {
    const { bytes, warnings } = await renderPdf(
      doc({ lang: "he", title: "מכתב פתוח", dateText: "1 במרץ 2024", body: "אנו קוראים לכם לשמור על אינטרנט פתוח.", signatories: { heading: "החותמים", groups: [{ entries: [{ name: "דוד כהן" }] }] } }),
      { cache: false },
    );
    expect(warnings).toEqual([]);
    const file = await pdfFile(bytes);
    const text = plain(await pdfText(file));
    for (const words of ["מכתב פתוח", "אנו קוראים לכם לשמור על אינטרנט פתוח", "דוד כהן"]) expect(text).toContain(words);
    const fonts = await pdfFonts(file);
    expect(fonts.some((f) => f.startsWith("FrankRuhlLibre-"))).toBe(true);
    for (const font of fonts) expect(font).toMatch(/^(SourceSerif4|FrankRuhlLibre)-/);
    const [page] = await pdfLayout(file, 1, 1);
    expect(lineWith(page!, "מכתב")!.xMax).toBeCloseTo(A4_WIDTH - MARGIN, 0);
  });

  it("number Persian pages in Persian digits, like Persian dates", async () => {
    const { bytes, warnings } = await renderPdf(
      doc({ lang: "fa", title: "نامهٔ سرگشاده", dateText: "۱۰ اسفند ۱۴۰۲", body: "از شما می‌خواهیم اینترنت را باز نگه دارید." }),
      { cache: false },
    );
    expect(warnings).toEqual([]);
    const text = squash(plain(await pdfText(await pdfFile(bytes))));
    expect(text).toContain("سرگشاده");
    expect(text).toContain("۱/۱");
    expect(text).not.toContain("1/1");
  });

  it("keep a Latin name's brackets and full stop in place in a right-to-left list", async () => {
    const { bytes } = await renderPdf(
      doc({ lang: "ar", title: "رسالة", dateText: "1 مارس 2024", body: "نص.", signatories: { heading: "الموقعون", groups: [{ entries: [{ name: "Acme Corp. (EU)" }, { name: "Jane Doe Jr." }] }] } }),
      { cache: false },
    );
    const [page] = await pdfLayout(await pdfFile(bytes), 1, 1);
    expect(page!.lines.map((l) => l.text)).toEqual(expect.arrayContaining(["Acme Corp. (EU)", "Jane Doe Jr."]));
  });
});

describe("a letter in a script no PDF font covers", () => {
  it("is an error naming the file, the letter, the language and the script, with an example", async () => {
    // Tibetan: one of the scripts the fonts do not cover (Japanese, once the example here, now is).
    const error = await renderPdf(doc({ lang: "bo", title: "བོད་ཡིག", body: "ང་ཚོས་དྲ་རྒྱ་ཁ་ཕྱེ་བ་ཞུ།" }), { cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UncoveredScriptError);
    const message = (error as UncoveredScriptError).format();
    expect(message).toMatch(/^letters\/scripts\/letter\.md:1:1: error: the PDF of "scripts" \(bo\) needs a font for the Tibetan script \(e\.g\. "བོད་ཡིག"\)/);
    expect(message).toContain("src/outputs/typst/fonts.ts");
  });

  it("names characters of no script, such as an emoji in the body", async () => {
    const error = await renderPdf(doc({ body: "We sign with love 🕊 and hope." }), { cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UncoveredScriptError);
    expect((error as Error).message).toContain('needs a font for the character "🕊" (U+1F54A)');
  });

  it("is only a warning in a signatory's name, naming the file, line and column", async () => {
    const { warnings } = await renderPdf(
      doc({ signatories: { heading: "Signatories", groups: [{ entries: [{ name: "བཀྲ་ཤིས 🙂", source: "letters/scripts/signatories/yamada.yaml:1:7" }] }] } }),
      { cache: false },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^letters\/scripts\/signatories\/yamada\.yaml:1:7: warning: .*"བཀྲ་ཤིས 🙂"/);
  });

  describe("in a Tibetan translation", () => {
    const tibetan = ["---", "title: དྲ་རྒྱ་ཁ་ཕྱེ་བ", "to:", "  - བློན་ཆེན་ཚོགས་འདུ", "salutation: བློན་ཆེན་རྣམས་ལ།", "follows: 2", "---", "", "ང་ཚོས་དྲ་རྒྱ་ཁ་ཕྱེ་བ་ཞུ།", ""].join("\n");
    let root: string;
    beforeAll(async () => {
      root = join(await tempDir(), "letters-root");
      await cp(fixture("translated"), root, { recursive: true });
      await writeFile(join(root, "letters/appeal/letter.bo.md"), tibetan);
    });

    it("fails npm run check before it is released, naming the translation", async () => {
      const result = await runScript("check.ts", ["--root", root]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/letters\/appeal\/letter\.bo\.md:2:8: error: the PDF of "appeal" \(bo\) needs a font for the Tibetan script \(e\.g\. "དྲ་རྒྱ/);
    });

    it("is not released: npm run release prints the check's error and freezes nothing", async () => {
      const release = await runScript("release.ts", ["appeal", "--root", root, "--date", "2024-07-01", "--notes", "Tibetan"]);
      expect(release.code).toBe(1);
      expect(release.stderr).toMatch(/letters\/appeal\/letter\.bo\.md:2:8: error: the PDF of "appeal" \(bo\) needs a font for the Tibetan/);
      expect(release.stderr).toContain("Nothing was released");
      expect(release.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(root, "letters/appeal/versions/3"))).toBe(false);
      // (A text frozen anyway, by an older open-letters, stops the build before it writes: tests/gate.test.ts.)
    });
  });
});
