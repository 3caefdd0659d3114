// The PDF in the built site: written next to its page, linked with its real size and page count, reused
// from the cache when nothing changed.
import { existsSync } from "node:fs";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPdf, sizeText, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { pdfInfo } from "./helpers/pdf.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

describe("the PDF in a built site", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("basic");
  });

  it("writes each letter's PDF next to its page and links it with its size and page count", async () => {
    for (const slug of ["first-letter", "second-letter"]) {
      const doc = await readPage(site, `${slug}/index.html`);
      const link = doc.querySelector(".letter-pdf a");
      expect(link?.getAttribute("href")).toBe(`/${slug}/${slug}.pdf`);
      const file = join(site, slug, `${slug}.pdf`);
      expect(existsSync(file)).toBe(true);
      const { size } = await stat(file);
      const pages = Number((await pdfInfo(file)).Pages);
      expect(pages).toBeGreaterThan(0);
      expect(text(doc.querySelector(".letter-pdf"))).toBe(
        `Download the PDF (PDF, ${Math.round(size / 1000)} kB, ${pages} ${pages === 1 ? "page" : "pages"})`,
      );
      expect((await readFile(file)).subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("puts the PDF link inside the path prefix", async () => {
    const prefixed = await buildFixture("basic", ["--path-prefix", "/open-letters/"]);
    const doc = await readPage(prefixed, "first-letter/index.html");
    expect(doc.querySelector(".letter-pdf a")?.getAttribute("href")).toBe("/open-letters/first-letter/first-letter.pdf");
    expect(existsSync(join(prefixed, "first-letter/first-letter.pdf"))).toBe(true);
  });

  it("warns about characters the PDF font lacks, naming the file, and still builds", async () => {
    // A Tibetan name on a letter: no PDF font has Tibetan (Han, which this test once used, is covered now).
    const root = join(await tempDir(), "root");
    await cp(fixture("basic"), root, { recursive: true });
    await writeFile(join(root, "letters/first-letter/signatories/tashi.yaml"), "name: བཀྲ་ཤིས\n");
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/letters\/first-letter\/signatories\/tashi\.yaml:1:1: warning: .*"བཀྲ་ཤིས"/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(output, "first-letter/first-letter.pdf"))).toBe(true);
  });
});

describe("the PDF cache", () => {
  const doc: PdfDocument = {
    slug: "cached",
    lang: "en",
    title: "Cached",
    date: "2024-03-01",
    dateText: "1 March 2024",
    to: [],
    body: "Text.",
    docId: "cached",
    signatories: { heading: "Signatories", groups: [{ entries: [{ name: "Anna" }, { name: "Bob" }] }] },
    metadata: { author: "Test", keywords: [] },
    paper: "a4",
    source: "letters/cached/letter.md",
  };

  it("typesets a document once and then reuses the file until its content changes", async () => {
    const cache = await tempDir("open-letters-cache-");
    const first = await renderPdf(doc, { cache });
    const second = await renderPdf(doc, { cache });
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(second.pages).toBe(first.pages);

    const changed = await renderPdf({ ...doc, signatories: { ...doc.signatories, groups: [{ entries: [{ name: "Anna" }, { name: "Bo" }] }] } }, { cache });
    expect(changed.cached).toBe(false);
    expect(Buffer.from(changed.bytes).equals(Buffer.from(first.bytes))).toBe(false);
  });
});

describe("file sizes on the page", () => {
  it("are written in decimal units in the page's language", () => {
    expect(sizeText(63_931, "en")).toBe("64 kB");
    expect(sizeText(400, "en")).toBe("1 kB");
    expect(sizeText(1_285_831, "en")).toBe("1.3 MB");
    expect(sizeText(1_285_831, "de")).toBe("1,3 MB");
  });
});
