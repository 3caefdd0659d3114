import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compilePdf } from "../src/outputs/typst/compile.ts";
import { renderPdf, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { pdfFile, pdfFonts } from "./helpers/pdf.ts";

const doc = (over: Partial<PdfDocument> = {}): PdfDocument => ({
  slug: "glyphs",
  lang: "en",
  title: "Glyphs",
  date: "2024-03-01",
  dateText: "1 March 2024",
  to: [],
  body: "Text.",
  docId: "glyphs",
  signatories: { heading: "Signatories", groups: [{ entries: [{ name: "Anna" }] }] },
  metadata: { author: "Test", keywords: [] },
  paper: "a4",
  source: "letters/glyphs/letter.md",
  ...over,
});

/** Font families installed on this machine (empty where fontconfig is absent). */
function systemFamilies(): string[] {
  try {
    return execFileSync("fc-list", [":", "family"], { encoding: "utf8" }).split("\n").map((l) => l.split(",")[0]!.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

describe("text the PDF font cannot print", () => {
  it("warns about text it cannot print, naming the file and the text", async () => {
    const { warnings } = await renderPdf(
      doc({ signatories: { heading: "Signatories", groups: [{ entries: [{ name: "བཀྲ་ཤིས", role: "Lhasa", source: "letters/glyphs/signatories/a.yaml:3:9" }] }] } }),
      { cache: false },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^letters\/glyphs\/signatories\/a\.yaml:3:9: warning: /);
    expect(warnings[0]).toContain('"བཀྲ་ཤིས"');
    expect(warnings[0]).toContain("U+0F56");
  });

  it("does not warn about text it can print", async () => {
    const { warnings } = await renderPdf(doc({ body: "Državljan, Ωμέγα, Привет, “quoted” – fine.\u00ad" }), { cache: false });
    expect(warnings).toEqual([]);
  });
});

describe("fonts of the machine", () => {
  const installed = systemFamilies().find((f) => !/^(DejaVu Sans Mono|Libertinus|New Computer Modern)/.test(f));

  it.skipIf(!installed)("are invisible to the compiler, so no PDF depends on them", () => {
    // The compiler's own embedded fonts (Libertinus, New Computer Modern, DejaVu Sans Mono) are part
    // of its binary and the same everywhere; any other family must be unknown.
    const { warnings } = compilePdf(`#set text(font: "${installed}")\nHello`, {});
    expect(warnings.join("\n")).toMatch(/unknown font family/);
  });

  it("only Source Serif 4 is embedded in a letter's PDF", async () => {
    const { bytes } = await renderPdf(doc({ body: "Plain, *italic*, **bold** and ***both***." }), { cache: false });
    const fonts = await pdfFonts(await pdfFile(bytes));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^SourceSerif4-/);
  });
});
