// The delivery pack of a `delivered` update (src/outputs/pdf/pack.ts): built from tests/fixtures/delivery
// (three versions, 1,000+ dated signatories, a withdrawal, updates in English and French, packs recorded
// by npm run release -- appeal --edition; tests/helpers/delivery-fixture.ts writes it). What a pack
// should hold is worked out here from the fixture's YAML, not from the code under test.
import { cp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import jsqrModule from "jsqr";
import * as mupdf from "mupdf";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSite } from "../src/load/site.ts";
import { sha256 } from "../src/model/hash.ts";
import { packJobs, renderPdf } from "../src/outputs/pdf/index.ts";
import { DELIVERY } from "./helpers/delivery-fixture.ts";
import { pdfFile, pdfLayout, pdfText, squash } from "./helpers/pdf.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

interface Entry { name: string; type?: string; country?: string; signed: string; withdrawn?: string; batch: number }

// jsqr is CommonJS typed as an ES module: under NodeNext its default import may be the module object.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqrModule as unknown as { default?: Decode }).default ?? jsqrModule) as unknown as Decode;

const letterDir = join(DELIVERY.root, "letters", DELIVERY.slug);
const packUrl = (id: string, lang?: string) => `/appeal/updates/appeal-${id}${lang ? `.${lang}` : ""}.pdf`;

async function entries(root = DELIVERY.root): Promise<Entry[]> {
  const all: Entry[] = [];
  for (const n of [1, 2, 3, 4]) {
    const list = parse(await readFile(join(root, "letters/appeal/signatories", `batch-${n}.yaml`), "utf8")) as Omit<Entry, "batch">[];
    all.push(...list.map((e) => ({ ...e, batch: n })));
  }
  return all;
}

/**
 * Who a pack lists, from the fixture's own rules: batch n is recorded by version n (batch 4 by none). On
 * the day of a delivery while version v is current, a signature recorded by v or before was there; one
 * recorded by v + 1 (or by none, when v is the latest) was there if it was signed by then.
 */
function expected(all: readonly Entry[], day: string, version: number): { listed: Entry[]; withdrawn: number } {
  const there = all.filter((e) => e.signed <= day && (e.batch <= version || e.batch === version + 1 || (version === 3 && e.batch === 4)));
  const kept = there.filter((e) => !(e.withdrawn && e.withdrawn <= day));
  return { listed: kept.filter((e) => !e.withdrawn), withdrawn: kept.filter((e) => e.withdrawn).length };
}

const countries = new Intl.DisplayNames(["en"], { type: "region" });

/** Lines of the pages, each a row: the texts on one baseline joined by " | " (a table row, a bar and its value). */
async function rows(file: string): Promise<string[]> {
  return (await pdfLayout(file)).flatMap((page) => {
    const byLine = new Map<number, string[]>();
    for (const line of page.lines) {
      const key = Math.round(line.yMin);
      byLine.set(key, [...(byLine.get(key) ?? []), line.text]);
    }
    return [...byLine.values()].map((texts) => texts.join(" | "));
  });
}

/** The QR code of the last page, read back from MuPDF's rendering of it. */
function decodeQr(bytes: Uint8Array): string | undefined {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  const page = doc.loadPage(doc.countPages() - 1);
  const pixmap = page.toPixmap(mupdf.Matrix.scale(3, 3), mupdf.ColorSpace.DeviceRGB, true);
  try {
    const rgba = new Uint8ClampedArray(pixmap.getPixels());
    return jsQR(rgba, pixmap.getWidth(), pixmap.getHeight())?.data;
  } finally {
    pixmap.destroy();
    doc.destroy();
  }
}

describe("the delivery pack of a delivered update", () => {
  let site: string;
  let all: Entry[];
  /** By update: the pack in English, the letter's language; `french`: in French, the updates' translation. */
  const packs: Record<string, { bytes: Buffer; file: string; text: string }> = {};
  const french: typeof packs = {};
  beforeAll(async () => {
    site = await buildFixture("delivery");
    all = await entries();
    for (const id of DELIVERY.deliveries) {
      for (const [into, lang] of [[packs, undefined], [french, "fr"]] as const) {
        const bytes = await readFile(join(site, packUrl(id, lang)));
        const file = await pdfFile(bytes);
        into[id] = { bytes, file, text: await pdfText(file) };
      }
    }
  }, 180_000);

  it("is written for each delivered update, in the letter's language and in each the update is translated into, and for no other update", async () => {
    const pdfs = (await readdir(join(site, "appeal/updates"))).filter((n) => n.endsWith(".pdf")).sort();
    expect(pdfs).toEqual(DELIVERY.deliveries.flatMap((id) => [`appeal-${id}.fr.pdf`, `appeal-${id}.pdf`]));
  });

  it("in French prints that version's French text, the French annex and the same names and counts", () => {
    for (const [id, version] of [[DELIVERY.deliveries[0]!, 1], [DELIVERY.deliveries[1]!, 3]] as const) {
      const fr = squash(french[id]!.text);
      const day = id.slice(0, 10);
      const { listed } = expected(all, day, version);
      expect(fr).toContain(squash(`Nous vous appelons à garder l’internet ouvert (version ${version}).`));
      expect(fr).not.toContain(squash(DELIVERY.texts[version - 1]!));
      const date = new Date(`${day}T00:00:00Z`).toLocaleDateString("fr", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      expect(fr).toContain(squash(`Annexe : les signatures au ${date}`));
      expect(fr).toContain(squash(`${listed.length.toLocaleString("fr")} signatures au ${date}.`));
      for (const e of listed) expect(fr, e.name).toContain(squash(e.name));
      expect(fr).not.toContain(squash(DELIVERY.withdrawn.name));
      // A recipient checks the same version: the same address and canonical text's hash.
      expect(decodeQr(french[id]!.bytes)).toBe(decodeQr(packs[id]!.bytes));
    }
  });

  it("prints the text of the version current on the day of the delivery, and no other", () => {
    const [first, second] = DELIVERY.deliveries.map((id) => squash(packs[id]!.text));
    expect(first).toContain(squash(DELIVERY.texts[0]!));
    expect(first).toContain(squash("Version 1 of this appeal."));
    expect(first).not.toContain(squash("Version 2 of this appeal."));
    expect(second).toContain(squash(DELIVERY.texts[2]!));
    expect(second).not.toContain(squash("Version 1 of this appeal."));
  });

  it("counts by type, by country and by month what the signatory files say, and lists exactly who had signed by that day", async () => {
    for (const [id, version] of [[DELIVERY.deliveries[0]!, 1], [DELIVERY.deliveries[1]!, 3]] as const) {
      const day = id.slice(0, 10);
      const { listed, withdrawn } = expected(all, day, version);
      const lines = await rows(packs[id]!.file);
      const pack = squash(packs[id]!.text);
      expect(pack).toContain(squash(`${listed.length.toLocaleString("en")} signatures on`));
      if (withdrawn) expect(packs[id]!.text).toContain(`${withdrawn} signature${withdrawn === 1 ? " was" : "s were"} withdrawn.`);
      else expect(packs[id]!.text).not.toMatch(/withdrawn\./);
      const count = (pick: (e: Entry) => string) => {
        const counts = new Map<string, number>();
        for (const e of listed) counts.set(pick(e), (counts.get(pick(e)) ?? 0) + 1);
        return counts;
      };
      for (const [type, n] of count((e) => e.type!)) expect(lines, `${id} ${type}`).toContain(`${type === "organization" ? "Organisations" : "Individuals"} | ${n}`);
      for (const [code, n] of count((e) => e.country ?? "")) expect(lines, `${id} ${code}`).toContain(`${code ? countries.of(code) : "Country not given"} | ${n}`);
      let total = 0;
      for (const [month, n] of [...count((e) => e.signed.slice(0, 7))].sort()) {
        total += n;
        const name = new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });
        expect(lines, `${id} ${month}`).toContain(`${name} | ${n.toLocaleString("en")} | ${total.toLocaleString("en")}`);
      }
      // Every listed name is printed; everyone who signed later, or withdrew, is not.
      for (const e of listed) expect(pack, e.name).toContain(squash(e.name));
      const later = all.filter((e) => e.signed > day);
      expect(later.length).toBeGreaterThan(10);
      const printed = new Set(listed.map((e) => squash(e.name)));
      // A later signer's name may also be a listed one's part ("Ben Martin" in "Ben Martinez"): only whole names no listed name contains.
      for (const e of later.filter((l) => ![...printed].some((p) => p.includes(squash(l.name))))) expect(pack, e.name).not.toContain(squash(e.name));
      expect(pack).not.toContain(squash(DELIVERY.withdrawn.name));
    }
  });

  it("ends with the version's permanent address and its canonical text's SHA-256, and a QR code that reads back as both", async () => {
    for (const [id, version] of [[DELIVERY.deliveries[0]!, 1], [DELIVERY.deliveries[1]!, 3]] as const) {
      const canonical = await readFile(join(letterDir, "versions", String(version), "letter.md"));
      const hash = sha256(canonical);
      const address = `https://letters.example.org/appeal/v${version}/`;
      const pages = packs[id]!.text.split("\f").filter(Boolean);
      expect(pages.at(-1)).toContain(address);
      expect(pages.at(-1)).toContain(hash);
      expect(decodeQr(packs[id]!.bytes)).toBe(`${address}#sha256=${hash}`);
      // The page the address names holds that very text.
      expect(sha256(await readFile(join(site, `appeal/v${version}/letter.md`)))).toBe(hash);
    }
  });

  it("is byte for byte the pack whose SHA-256 deliveries.yaml records, and typesets to the same bytes again", async () => {
    const manifest = parse(await readFile(join(letterDir, "deliveries.yaml"), "utf8")) as { update: string; editions: { pdfs: Record<string, { sha256: string }> }[] }[];
    for (const id of DELIVERY.deliveries) {
      const recorded = manifest.find((d) => d.update === id)!.editions.at(-1)!.pdfs;
      expect(Object.keys(recorded).sort()).toEqual(["en", "fr"]);
      expect(sha256(packs[id]!.bytes)).toBe(recorded.en!.sha256);
      expect(sha256(french[id]!.bytes)).toBe(recorded.fr!.sha256);
    }
    // Typeset afresh, without the cache: the same commit gives the same bytes.
    const { site: loaded } = await loadSite(DELIVERY.root);
    const jobs = packJobs(loaded!);
    expect(jobs).toHaveLength(4);
    for (const job of jobs) {
      const again = await renderPdf(job.doc, { cache: false });
      const served = (job.doc.lang === "fr" ? french : packs)[job.update.id]!;
      expect(Buffer.from(again.bytes).equals(served.bytes), job.path).toBe(true);
    }
  }, 120_000);

  it("is linked from its update on the letter's pages, with its size, pages and SHA-256, in each page's language", async () => {
    for (const [path, words, lang] of [["appeal/index.html", "Delivery pack (PDF)", undefined], ["appeal/fr/index.html", "Dossier de remise (PDF)", "fr"]] as const) {
      const page = await readPage(site, path);
      for (const id of DELIVERY.deliveries) {
        const link = page.querySelector(`#update-${id} .update-pack a`)!;
        expect(link.getAttribute("href")).toBe(packUrl(id, lang));
        expect(text(link)).toBe(words);
        expect(text(page.querySelector(`#update-${id} .update-pack`))).toMatch(/\(PDF, \d+ (kB|ko), \d+ pages\)/);
        expect(text(page.querySelector(`#update-${id} .pack-sha256`))).toBe(sha256((lang ? french : packs)[id]!.bytes));
      }
      expect(page.querySelector("#update-2024-05-15-response .update-pack")).toBeNull();
    }
  });

  it("is listed in letter.json and, beside the version it prints, in versions.json, so the verify page knows it", async () => {
    const json = JSON.parse(await readFile(join(site, "appeal/letter.json"), "utf8")) as { updates: { id: string; pack?: { url: string; sha256: string } }[] };
    for (const id of DELIVERY.deliveries) {
      expect(json.updates.find((u) => u.id === id)!.pack).toMatchObject({ url: `https://letters.example.org${packUrl(id)}`, sha256: sha256(packs[id]!.bytes) });
    }
    const versions = JSON.parse(await readFile(join(site, "appeal/versions.json"), "utf8")) as { versions: { version: number; files: { kind: string; update?: string; edition: number | null; sha256: string; url: string | null }[] }[] };
    for (const [id, version] of [[DELIVERY.deliveries[0]!, 1], [DELIVERY.deliveries[1]!, 3]] as const) {
      const files = versions.versions.find((v) => v.version === version)!.files.filter((f) => f.kind === "pack");
      expect(files).toEqual([
        { kind: "pack", update: id, version, lang: "en", edition: 1, sha256: sha256(packs[id]!.bytes), url: packUrl(id) },
        { kind: "pack", update: id, version, lang: "fr", edition: 1, sha256: sha256(french[id]!.bytes), url: packUrl(id, "fr") },
      ]);
    }
  });
});

describe("a delivery pack's recorded hash", () => {
  const copy = async () => {
    const root = join(await tempDir(), "site");
    await cp(fixture("delivery"), root, { recursive: true });
    return root;
  };

  it("refuses to publish a pack whose bytes are not the recorded ones", async () => {
    const root = await copy();
    const path = join(root, "letters/appeal/deliveries.yaml");
    const manifest = await readFile(path, "utf8");
    const recorded = /sha256: ([0-9a-f]{64})/.exec(manifest)![1]!;
    await writeFile(path, manifest.replace(recorded, "f".repeat(64)));
    const build = await runScript("build.ts", ["--root", root, "--output", join(root, "_site")]);
    expect(build.code).toBe(1);
    expect(build.stderr + build.stdout).toContain(`typeset to SHA-256 ${recorded}, not the ${"f".repeat(64)}`);
  }, 120_000);

  it("refuses an edited list, and says a pack not recorded yet is to be recorded", async () => {
    const root = await copy();
    const list = join(root, "letters/appeal/deliveries/2024-03-01-delivered.json");
    await writeFile(list, (await readFile(list, "utf8")).replace("Hanna Dubois", "Hanna Dubbois"));
    const edited = await runScript("check.ts", ["--root", root]);
    expect(edited.code).toBe(1);
    expect(edited.stdout + edited.stderr).toMatch(/deliveries\/2024-03-01-delivered\.json:1:1: error: This list of the delivery pack of 2024-03-01-delivered was edited/);
    await rm(join(root, "letters/appeal/deliveries"), { recursive: true });
    await rm(join(root, "letters/appeal/deliveries.yaml"));
    const unrecorded = await runScript("check.ts", ["--root", root]);
    expect(unrecorded.code).toBe(0);
    expect(unrecorded.stdout + unrecorded.stderr).toMatch(/updates\/2024-03-01-delivered\.md:3:7: warning: The delivery pack of this update .* is not recorded.*npm run release -- appeal --edition/);
  }, 60_000);

  it("in a language added after it was recorded: check says so, release records it beside the published hashes, and a page in a language with no pack links the original's", async () => {
    const root = await copy();
    const manifestPath = join(root, "letters/appeal/deliveries.yaml");
    const recorded = await readFile(manifestPath, "utf8");
    type Manifest = { update: string; editions: { edition: number; pdfs: Record<string, { sha256: string }> }[] }[];
    const before = parse(recorded) as Manifest;
    // As recorded before the updates were translated: the English packs only.
    await writeFile(manifestPath, recorded.replace(/\n {8}fr:\n(?: {10}.*\n){2}/g, "\n"));
    expect(await readFile(manifestPath, "utf8")).not.toContain("fr:");
    // And a later delivery, in English only.
    await writeFile(join(root, "letters/appeal/updates/2024-06-15-delivered.md"), "---\ntitle: Handed to the Senate\ndate: 2024-06-15\nkind: delivered\n---\n\nWe handed the letter to the Senate.\n");
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const said = check.stdout + check.stderr;
    for (const id of DELIVERY.deliveries) expect(said).toContain(`updates/${id}.md:3:7: warning: The delivery pack of this update in fr (appeal-${id}.fr.pdf)`);
    expect(said).toMatch(/updates\/2024-06-15-delivered\.md:\d+:\d+: warning: The delivery pack of this update \(version 3/);

    const release = await runScript("release.ts", ["--root", root, "appeal", "--edition", "--date", "2024-06-20"]);
    expect(release.code, release.stderr).toBe(0);
    expect(release.stdout).toContain("The delivery pack of 2024-03-01-delivered, edition 1: its pack in fr (the update's translation) recorded beside the published ones");
    const after = parse(await readFile(manifestPath, "utf8")) as Manifest;
    for (const id of DELIVERY.deliveries) {
      // No new edition: the English hash published stays, and the French is the one the fixture records.
      expect(after.find((d) => d.update === id)!.editions).toEqual(before.find((d) => d.update === id)!.editions);
    }
    expect(after.find((d) => d.update === "2024-06-15-delivered")!.editions.map((e) => Object.keys(e.pdfs))).toEqual([["en"]]);
    const recheck = await runScript("check.ts", ["--root", root]);
    expect(recheck.stdout + recheck.stderr).not.toMatch(/delivery pack .* not recorded/);

    const output = join(root, "_site");
    const build = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(build.code, build.stderr).toBe(0);
    const page = await readPage(output, "appeal/fr/index.html");
    expect(page.querySelector("#update-2024-06-15-delivered .update-pack a")!.getAttribute("href")).toBe(packUrl("2024-06-15-delivered"));
    expect(page.querySelector(`#update-${DELIVERY.deliveries[0]} .update-pack a`)!.getAttribute("href")).toBe(packUrl(DELIVERY.deliveries[0]!, "fr"));
    const pdfs = await readdir(join(output, "appeal/updates"));
    expect(pdfs).toContain("appeal-2024-06-15-delivered.pdf");
    expect(pdfs).not.toContain("appeal-2024-06-15-delivered.fr.pdf");

    // A translation whose pack was published cannot go: its hash stays listed.
    await rm(join(root, "letters/appeal/updates/2024-03-01-delivered.fr.md"));
    const gone = await runScript("check.ts", ["--root", root]);
    expect(gone.code).toBe(1);
    expect(gone.stdout + gone.stderr).toMatch(/deliveries\.yaml:\d+:\d+: error: A delivery pack of 2024-03-01-delivered in fr is recorded, but updates\/2024-03-01-delivered\.fr\.md does not exist\./);
  }, 240_000);

  it("prints names full of Typst markup literally, in every language's pack: they reach Typst as data, never as markup", async () => {
    const root = await copy();
    // Not recorded: the packs print today's list, with the names below signed before the second delivery.
    await rm(join(root, "letters/appeal/deliveries"), { recursive: true });
    await rm(join(root, "letters/appeal/deliveries.yaml"));
    const names = ["#sys.exit()", "*bold*", "<label>", "@ref", "[x]", "back\\slash", "= Heading", ")]", "// comment", "]) #pagebreak() #([", '#{ panic("boom") }', "`raw`", "$x^2$", "#image(\"/etc/passwd\")"];
    await writeFile(join(root, "letters/appeal/signatories/hostile.yaml"),
      names.map((name) => `- name: ${JSON.stringify(name)}\n  affiliation: "#read(\\"/etc/hosts\\") *x*"\n  country: BE\n  signed: 2024-06-05\n`).join(""));
    const { site: loaded, problems } = await loadSite(root);
    expect(problems.filter((p) => p.severity !== "warning")).toEqual([]);
    const jobs = packJobs(loaded!).filter((job) => job.update.id === DELIVERY.deliveries[1]);
    expect(jobs.map((job) => job.doc.lang)).toEqual(["en", "fr"]);
    for (const job of jobs) {
      const rendered = await renderPdf(job.doc, { cache: false });
      expect(rendered.warnings).toEqual([]);
      const lines = (await pdfText(await pdfFile(rendered.bytes))).split("\n").map((l) => l.trim());
      // The pack prints a name, then its role on the line below.
      for (const name of names) expect(lines, `${job.doc.lang}: ${name}`).toContain(name);
      expect(lines.filter((l) => l === '#read("/etc/hosts") *x*'), job.doc.lang).toHaveLength(names.length);
      // The annex counts them with the rest of that day's list.
      const count = (expected(await entries(root), DELIVERY.deliveries[1]!.slice(0, 10), 3).listed.length + names.length).toLocaleString(job.doc.lang);
      expect(squash(lines.join(" ")), job.doc.lang).toContain(squash(job.doc.lang === "en" ? `${count} signatures on` : `${count} signatures au`));
    }
  }, 120_000);

  it("stays as recorded when a new version is released later on the day of its delivery", async () => {
    const root = await copy();
    const letter = join(root, "letters/appeal/letter.md");
    await writeFile(letter, (await readFile(letter, "utf8")).replace(DELIVERY.texts[2]!, "We call on you to keep the internet open, free, secure and fair."));
    const day = DELIVERY.deliveries[1]!.slice(0, 10);
    const release = await runScript("release.ts", ["--root", root, "appeal", "--date", day, "--notes", "Fair too"]);
    expect(release.code, release.stdout + release.stderr).toBe(0);
    // Version 4 came after the delivery: the pack keeps version 3, its chart and its bytes.
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.stdout + check.stderr).not.toMatch(/delivery pack .* would change/);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 120_000);

  it("keeps its recorded list in a new edition: a signature made later on the day of the delivery stays out, one withdrawn that day is counted", async () => {
    const root = await copy();
    const id = DELIVERY.deliveries[1]!;
    const day = id.slice(0, 10);
    const before = JSON.parse(await readFile(join(root, "letters/appeal/deliveries", `${id}.json`), "utf8")) as { withdrawn: number; groups: { entries: { name: string }[] }[] };
    const printed = before.groups.flatMap((g) => g.entries.map((e) => e.name));
    await writeFile(join(root, "letters/appeal/signatories/after-the-delivery.yaml"), `name: Aftertheday Signer\nsigned: ${day}\n`);
    const leaving = printed.find((name) => !printed.some((other) => other !== name && other.includes(name)))!;
    const withdraw = await runScript("withdraw.ts", ["--root", root, "--letter", "appeal", "--name", leaving, "--date", day]);
    expect(withdraw.code, withdraw.stderr).toBe(0);
    const after = JSON.parse(await readFile(join(root, "letters/appeal/deliveries", `${id}.json`), "utf8")) as typeof before;
    const names = after.groups.flatMap((g) => g.entries.map((e) => e.name));
    expect(names).toEqual(printed.filter((name) => name !== leaving));
    expect(after.withdrawn).toBe(before.withdrawn + 1);
    const manifest = parse(await readFile(join(root, "letters/appeal/deliveries.yaml"), "utf8")) as { update: string; editions: { reason: string }[] }[];
    expect(manifest.find((d) => d.update === id)!.editions.at(-1)!.reason).toBe("1 signature withdrawn");
  }, 120_000);

  it("gets a new edition when a signer it prints withdraws: the name goes, the count says so, the old hash stays listed", async () => {
    const root = await copy();
    const all = await entries(root);
    const leaving = all.find((e) => e.batch === 1 && !e.withdrawn)!;
    const before = parse(await readFile(join(root, "letters/appeal/deliveries.yaml"), "utf8")) as { update: string; editions: { edition: number; pdfs: Record<string, { sha256: string }> }[] }[];
    const withdraw = await runScript("withdraw.ts", ["--root", root, "--letter", "appeal", "--name", leaving.name, "--date", "2024-06-25"]);
    expect(withdraw.code, withdraw.stderr).toBe(0);
    const after = parse(await readFile(join(root, "letters/appeal/deliveries.yaml"), "utf8")) as typeof before;
    for (const id of DELIVERY.deliveries) {
      const old = before.find((d) => d.update === id)!.editions;
      const now = after.find((d) => d.update === id)!.editions;
      expect(now.map((e) => e.edition)).toEqual([1, 2]);
      expect(now[0]).toEqual(old[0]);
      expect(now[1]!.pdfs.en!.sha256).not.toBe(old[0]!.pdfs.en!.sha256);
      expect(now[1]!.pdfs.fr!.sha256).not.toBe(old[0]!.pdfs.fr!.sha256);
      expect(await readFile(join(root, "letters/appeal/deliveries", `${id}.json`), "utf8")).not.toContain(`"${leaving.name}"`);
    }
    const output = join(root, "_site");
    const build = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(build.code, build.stderr).toBe(0);
    const text = squash(await pdfText(await pdfFile(await readFile(join(output, packUrl(DELIVERY.deliveries[1]!))))));
    expect(text).not.toContain(squash(leaving.name));
    expect(text).toContain(squash("1 signature was withdrawn."));
    const versions = JSON.parse(await readFile(join(output, "appeal/versions.json"), "utf8")) as { versions: { version: number; files: { kind: string; lang: string; edition: number | null; sha256: string; url: string | null }[] }[] };
    const packs = versions.versions.find((v) => v.version === 3)!.files.filter((f) => f.kind === "pack");
    expect(packs.map((f) => [f.lang, f.edition, f.url !== null])).toEqual([["en", 1, false], ["en", 2, true], ["fr", 1, false], ["fr", 2, true]]);
    expect(packs[0]!.sha256).toBe(before.find((d) => d.update === DELIVERY.deliveries[1])!.editions[0]!.pdfs.en!.sha256);
    expect(packs[2]!.sha256).toBe(before.find((d) => d.update === DELIVERY.deliveries[1])!.editions[0]!.pdfs.fr!.sha256);
  }, 240_000);
});
