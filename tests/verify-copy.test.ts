// Verifying a copy: versions.json publishes, beside each released file's SHA-256, the hash of each text
// after one normalisation (src/common/normalised-text.ts), so text pasted from an e-mail still matches;
// the verify page lists every hash for readers without JavaScript. The browser side is in
// tests/browser/verify.test.ts.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { normaliseText } from "../src/common/normalised-text.ts";
import { buildFixture, fixture, PROJECT, readPage, text } from "./helpers/site.ts";

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

interface VersionsJson {
  versions: {
    version: number;
    url: string;
    text: { url: string; sha256: string; textHash: string };
    texts: { file: string; lang: string; sha256: string; textHash: string; url?: string }[];
    files: { kind: string; version: number; lang: string; edition: number | null; sha256: string; url: string | null }[];
    pdf: { url: string; sha256: string } | null;
    editions: { edition: number; pdf: Record<string, { sha256: string }> }[];
  }[];
}

describe("the normalised text", () => {
  it("is the same for CRLF, CR, decomposed accents, tabs, no-break and doubled spaces, and blank lines around", () => {
    const text = "Chère Ministre,\n\nNous demandons le chiffrement.\n";
    const variants = [
      text.replace(/\n/g, "\r\n"),
      text.replace(/\n/g, "\r"),
      text.normalize("NFD"),
      `  \n${text.replace(/ /g, "  \t")}\n\n`,
      text.replace(/ /g, "\u00a0"),
    ];
    for (const v of variants) expect(normaliseText(v)).toBe("Chère Ministre, Nous demandons le chiffrement.");
    expect(normaliseText("a b")).not.toBe(normaliseText("ab")); // words stay apart
  });
});

for (const name of ["translated", "reference"]) {
  describe(`versions.json of the ${name} fixture`, () => {
    let site: string;
    let json: VersionsJson;
    let slug: string;
    beforeAll(async () => {
      site = await buildFixture(name);
      slug = name === "translated" ? "appeal" : "belgium-e2ee";
      json = JSON.parse(await readFile(join(site, slug, "versions.json"), "utf8")) as VersionsJson;
    });

    it("matches its published JSON Schema", async () => {
      const schema = JSON.parse(await readFile(join(PROJECT, "schemas/versions.schema.json"), "utf8"));
      const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    });

    it("gives each version's canonical text a textHash: the SHA-256 of the normalised text, also from a CRLF, NFD or re-spaced copy", async () => {
      for (const v of json.versions) {
        const served = await readFile(join(site, v.text.url), "utf8");
        expect(v.text.textHash).toBe(sha256(normaliseText(served)));
        expect(v.text.textHash).not.toBe(v.text.sha256);
        const mangled = `\n${served.normalize("NFD").replace(/\n/g, "\r\n").replace(/ /g, "   ")}\n\n`;
        expect(sha256(mangled)).not.toBe(v.text.sha256);
        expect(sha256(normaliseText(mangled))).toBe(v.text.textHash);
        expect(v.texts[0]).toMatchObject({ file: "letter.md", sha256: v.text.sha256, textHash: v.text.textHash, url: v.text.url });
      }
    });

    it("keeps the recorded hashes: each text's SHA-256 is the one versions.yaml froze, translations included", async () => {
      const recorded = parse(await readFile(join(fixture(name), "letters", slug, "versions.yaml"), "utf8")) as { version: number; files: Record<string, string> }[];
      for (const v of json.versions) {
        const files = recorded[v.version - 1]!.files;
        expect(v.text.sha256).toBe(files["letter.md"]);
        expect(Object.fromEntries(v.texts.map((t) => [t.file, t.sha256]))).toEqual(Object.fromEntries(Object.entries(files).filter(([f]) => f.endsWith(".md"))));
        for (const t of v.texts) {
          const source = await readFile(join(fixture(name), "letters", slug, "versions", String(v.version), t.file), "utf8");
          expect(t.textHash, t.file).toBe(sha256(normaliseText(source)));
        }
      }
    });

    it("lists every served PDF in every language, with the hash of the bytes served, and each text", async () => {
      for (const v of json.versions) {
        const served = v.files.filter((f) => f.url !== null && f.kind === "pdf");
        expect(served.length).toBeGreaterThan(0);
        for (const f of served) expect(sha256(await readFile(join(site, f.url!))), f.url!).toBe(f.sha256);
        expect(v.files.filter((f) => f.kind === "text").map((f) => f.sha256)).toEqual(v.texts.map((t) => t.sha256));
        // Every edition's hash stays listed, served or not.
        for (const e of v.editions) for (const [lang, pdf] of Object.entries(e.pdf)) expect(v.files).toContainEqual(expect.objectContaining({ kind: "pdf", lang, edition: e.edition, sha256: pdf.sha256 }));
      }
      if (name === "translated") expect(new Set(json.versions[1]!.files.filter((f) => f.kind === "pdf").map((f) => f.lang))).toEqual(new Set(["en", "fr", "ar", "nl"]));
      if (name === "reference") {
        const v1 = json.versions[0]!.files.filter((f) => f.kind === "pdf");
        expect(v1.map((f) => [f.edition, f.url !== null])).toEqual(v1.map((f, i) => [f.edition, i === v1.length - 1]));
      }
    });

    it("has a verify page that says what it does and lists every hash, with the commands, without a script", async () => {
      const doc = await readPage(site, `${slug}/verify/index.html`);
      expect(doc.querySelector("form[data-verify]")?.hasAttribute("hidden")).toBe(true);
      expect(doc.querySelector("script[src='/assets/verify.js']")).not.toBeNull();
      expect(text(doc.querySelector(".verify-commands"))).toContain("sha256sum ");
      const hashes = [...doc.querySelectorAll(".verify-table:not(.verify-texts) code.hash")].map(text);
      expect(hashes.sort()).toEqual(json.versions.flatMap((v) => v.files.map((f) => f.sha256)).sort());
      const textHashes = [...doc.querySelectorAll(".verify-texts code.hash")].map(text);
      expect(textHashes.sort()).toEqual(json.versions.flatMap((v) => v.texts.map((t) => t.textHash)).sort());
      expect(doc.querySelector("form[data-verify]")!.getAttribute("data-versions")).toBe("../versions.json");
    });
  });
}
