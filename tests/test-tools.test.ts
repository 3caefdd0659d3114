// npm test needs nothing but Node and `npm ci`: no test outside tests/browser/ runs a poppler tool or
// Chromium (.ci/run proves it by running npm test with them removed), and the PDF helper reads,
// measures and renders a PDF with npm packages alone.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { PDFDocument, StandardFonts } from "@cantoo/pdf-lib";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { pdfFile, pdfFonts, pdfInfo, pdfLines, pdfPageImage, pdfText } from "./helpers/pdf.ts";
import { pngSize } from "./helpers/png.ts";
import { PROJECT, type CliResult } from "./helpers/site.ts";

// The binaries of Debian's poppler-utils and chromium packages (and Chrome's), by name, so by path too.
// Written so that this file does not name them itself.
const BINARY = new RegExp(
  [
    String.raw`\bpdf(?:to(?:text|ppm|cairo|html|ps)|info|fonts|images|separate|unite|detach|attach|sig)\b`,
    String.raw`\bchrom(?:ium(?:-browser)?|e(?:driver)?)\b`,
    String.raw`\bgoogle-chrom(?:e)(?:-stable)?\b`,
    String.raw`\bheadless_shell\b`,
  ].join("|"),
  "g",
);

/** The source with its comments blanked out (lines kept), found by TypeScript's parser, not by a pattern. */
function withoutComments(name: string, text: string): string {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const comments = new Map<number, number>();
  const visit = (node: ts.Node) => {
    for (const r of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.end) ?? [])]) comments.set(r.pos, r.end);
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  let code = text;
  for (const [pos, end] of comments) code = code.slice(0, pos) + text.slice(pos, end).replace(/[^\n]/g, " ") + code.slice(end);
  return code;
}

/** "file:line: name" for each binary the code (comments aside) names. */
function binariesNamed(name: string, text: string): string[] {
  if (!new RegExp(BINARY.source).test(text)) return [];
  const code = withoutComments(name, text);
  return [...code.matchAll(BINARY)].map((m) => `${name}:${code.slice(0, m.index).split("\n").length}: ${m[0]}`);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const rel = relative(PROJECT, path);
    if (rel === "tests/browser" || rel === "tests/fixtures") return [];
    return entry.isDirectory() ? testFiles(path) : /\.[cm]?[jt]s$/.test(entry.name) ? [rel] : [];
  });
}

describe("the tests outside tests/browser/", () => {
  it("name no poppler or Chromium binary, by name or by path, except in comments", () => {
    const files = testFiles(join(PROJECT, "tests"));
    expect(files).toContain("tests/helpers/pdf.ts");
    expect(files).not.toContain("tests/browser/pages.test.ts");
    expect(files.flatMap((f) => binariesNamed(f, readFileSync(join(PROJECT, f), "utf8")))).toEqual([]);
  });

  it("find a binary in code, also after a URL or inside a template, but not in a comment", () => {
    // Put together here, so that this file holds no binary's name.
    const [text, fonts, browser] = ["pdf" + "totext", "pdf" + "fonts", "/usr/bin/chrom" + "ium"];
    const source = [
      `// ${text} in a line comment`,
      `/* ${fonts} in a block comment */`,
      `run("https://example.org/", "${text}");`,
      `const path = \`\${dir}//x/${browser}\`; // ${fonts}`,
      `spawn(${JSON.stringify(fonts)}, [file]);`,
    ].join("\n");
    expect(binariesNamed("planted.ts", source)).toEqual([`planted.ts:3: ${text}`, `planted.ts:4: ${browser.slice("/usr/bin/".length)}`, `planted.ts:5: ${fonts}`]);
  });
});

describe("the PDF helper, on a PDF made here", () => {
  it("reads its text, lines, metadata and fonts, and renders its page, with npm packages only", async () => {
    const doc = await PDFDocument.create();
    doc.setTitle("Tools test");
    doc.setAuthor("Open Letters");
    doc.setCreationDate(new Date("2024-03-01T12:00:00Z"));
    const page = doc.addPage([612, 792]);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText("Hello, reader", { x: 72, y: 700, size: 12, font });
    page.drawText("Second column", { x: 340, y: 700, size: 12, font });
    page.drawText("Below", { x: 72, y: 680, size: 12, font });
    const file = await pdfFile(await doc.save());

    expect(await pdfText(file)).toBe("Hello, reader\nSecond column\nBelow\n\f");
    const { width, height, lines } = await pdfLines(file, 1);
    expect([width, height]).toEqual([612, 792]);
    expect(lines.map((l) => l.text)).toEqual(["Hello, reader", "Second column", "Below"]);
    // Top-down PDF points: the baseline at 792 - 700 = 92, the line box around it.
    expect(lines[0]!.xMin).toBeCloseTo(72, 0);
    expect(lines[0]!.yMin).toBeLessThan(92);
    expect(lines[0]!.yMax).toBeGreaterThan(92);
    expect(lines[1]!.xMin).toBeCloseTo(340, 0);
    expect(lines[2]!.yMin).toBeGreaterThan(lines[0]!.yMax);

    const info = await pdfInfo(file);
    expect(info).toMatchObject({ Title: "Tools test", Author: "Open Letters", CreationDate: "2024-03-01T12:00:00Z", Pages: "1" });
    expect(info["Page size"]).toBe("612 x 792 pts (letter)");
    expect(await pdfFonts(file)).toEqual(["Helvetica"]);

    const png = await pdfPageImage(file, 1, 144);
    expect(pngSize(png)).toEqual({ width: 1224, height: 1584 });
  });
});

describe("the warm script server", () => {
  it("gives what a spawned script gives: exit code, output, and the environment of the run only", async () => {
    const { runScript } = await import("./helpers/site.ts");
    const { fixture } = await import("./helpers/site.ts");
    const previous = process.env.OPEN_LETTERS_TEST_SPAWN;
    const both = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const warm = await runScript("check.ts", args, env);
      process.env.OPEN_LETTERS_TEST_SPAWN = "1";
      try {
        return { warm, spawned: await runScript("check.ts", args, env) };
      } finally {
        if (previous === undefined) delete process.env.OPEN_LETTERS_TEST_SPAWN;
        else process.env.OPEN_LETTERS_TEST_SPAWN = previous;
      }
    };
    // A failing check and a passing one, each spawned once and run warm before and after the other:
    // a warm run leaves nothing behind for the next.
    const names = ["broken", "basic"] as const;
    const runs = new Map<string, CliResult[]>();
    for (const name of names) {
      const { warm, spawned } = await both(["--root", fixture(name)]);
      runs.set(name, [warm, spawned]);
    }
    for (const name of names) runs.get(name)!.push(await runScript("check.ts", ["--root", fixture(name)]));
    for (const [name, [warm, spawned, again]] of runs) {
      for (const run of [warm!, again!]) {
        expect(run.code, name).toBe(spawned!.code);
        expect(run.stdout, name).toBe(spawned!.stdout);
        expect(run.stderr, name).toBe(spawned!.stderr);
      }
    }
    expect(runs.get("broken")![1]!.code).toBe(1);
    expect(runs.get("basic")![1]!.code).toBe(0);
    // --format github is read from the flags of that run, and the help from the script's own text.
    const github = await both(["--root", fixture("broken"), "--format", "github"]);
    expect(github.warm.stdout + github.warm.stderr).toBe(github.spawned.stdout + github.spawned.stderr);
    const help = await both(["--help"]);
    expect(help.warm).toEqual(help.spawned);
  }, 60_000);
});
