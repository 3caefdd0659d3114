// The whole life of a letter, through the commands a coalition runs (lifecycle issue, "Done when"): a
// new letter, its release, five signatures on release day by every route, a spelling fix, an editorial
// release, a withdrawal, a second release. After every step `check` and `build` pass, the pages and data
// list the right people, every SHA-256 versions.json ever listed is still listed with its edition, every
// PDF served matches its listed hash, and no withdrawn name is served anywhere.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signatoryYaml } from "../src/common/sign-fields.ts";
import { readPage, runScript, tempDir, text } from "./helpers/site.ts";

const TODAY = new Date().toISOString().slice(0, 10);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

interface Listed {
  version: number;
  edition: number;
  lang: string;
  sha256: string;
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

describe("the life of a letter", () => {
  let root: string;
  let site: string;
  const letterDir = () => join(root, "letters/keep-it-open");
  /** Every hash versions.json has listed so far, with its version, edition and language. */
  const published: Listed[] = [];
  const withdrawnNames: string[] = [];

  async function cli(script: string, args: string[]) {
    const result = await runScript(script, [...args, "--root", root]);
    expect(result.stderr.replace(/^.*warning.*$/gm, "").trim(), `${script} ${args.join(" ")}`).toBe("");
    expect(result.code, `${script} ${args.join(" ")}\n${result.stderr}`).toBe(0);
    return result;
  }

  /** check and build pass; every hash ever published is still in versions.json; served PDFs match it. */
  async function checkAndBuild(): Promise<void> {
    await cli("check.ts", []);
    const built = await runScript("build.ts", ["--root", root, "--output", site]);
    expect(built.code, built.stderr).toBe(0);
    const versions = JSON.parse(await readFile(join(site, "keep-it-open/versions.json"), "utf8")) as {
      versions: { version: number; pdf: { url: string; sha256: string; edition: number }; editions: { edition: number; pdf: Record<string, { sha256: string }> }[] }[];
    };
    const listed: Listed[] = versions.versions.flatMap((v) =>
      v.editions.flatMap((e) => Object.entries(e.pdf).map(([lang, pdf]) => ({ version: v.version, edition: e.edition, lang, sha256: pdf.sha256 }))));
    for (const old of published) expect(listed, "a hash published earlier is still listed").toContainEqual(old);
    for (const entry of listed) if (!published.some((p) => p.sha256 === entry.sha256)) published.push(entry);
    for (const v of versions.versions) {
      const served = await readFile(join(site, v.pdf.url));
      expect(sha256(served), `the PDF of version ${v.version} is its latest edition`).toBe(v.editions.at(-1)!.pdf.en!.sha256);
      expect(v.pdf.sha256).toBe(sha256(served));
    }
    // Served nowhere: no page, data file, feed, or edition list holds a withdrawn name.
    for (const file of [...(await files(site)), ...(await files(join(letterDir(), "editions")))]) {
      if (file.endsWith(".pdf") || file.endsWith(".png")) continue;
      const content = await readFile(file, "utf8");
      for (const name of withdrawnNames) expect(content.includes(name), `${name} in ${file}`).toBe(false);
    }
  }

  const namesOn = async (path: string) => [...(await readPage(site, path)).querySelectorAll(".signatory-name")].map(text);

  beforeAll(async () => {
    root = await tempDir();
    site = join(root, "_site");
    await mkdir(join(root, "letters"), { recursive: true });
    await writeFile(join(root, "letters/site.yaml"),
      "title: Life Coalition\nurl: https://letters.example.org\nlang: en\nauthor: Life Coalition\nrepository: https://github.com/example/letters\nsign_email: sign@example.org\n");
  });

  it("1. a new letter, written and released", async () => {
    await cli("new-letter.ts", ["--title", "Keep it open", "--status", "open", "--to", "The Ministers", "--salutation", "Dear Ministers,", "--date", "2026-11-20"]);
    const file = join(letterDir(), "letter.md");
    const frontMatter = (await readFile(file, "utf8")).split(/^---$/m).slice(0, 2).join("---");
    await writeFile(file, `${frontMatter}---\n\nWe ask you to keep the internet open and secure for everyone.\n\nEncryption protects journalists, doctors and children alike.\n`);
    await writeFile(join(letterDir(), "signatories/founders.yaml"), "- name: Tab Person\n  affiliation: Open Rights\n- name: Ada Lovelace\n  type: individual\n");
    await cli("release.ts", ["keep-it-open", "--date", TODAY]);
    await checkAndBuild();
    expect(await namesOn("keep-it-open/v1/index.html")).toEqual(["Tab Person", "Ada Lovelace"]);
  }, 120_000);

  it("2. five signatures on release day, by every route, join the current version and no frozen list", async () => {
    // a. npm run sign, as a maintainer types a signature sent by e-mail
    await cli("sign.ts", ["--letter", "keep-it-open", "--name", "Bob Brown", "--affiliation", "Example University"]);
    // b. the page's form, which writes the file the same way (src/common/sign-fields.ts)
    await writeFile(join(letterDir(), "signatories/carol-chen.yaml"), signatoryYaml({ name: "Carol Chen", type: "individual", signed: TODAY }));
    // c. the no-JS template from the page, filled in by hand
    const template = text((await readPage(site, "keep-it-open/index.html")).querySelector(".sign-template"));
    expect(template).toMatch(/name:/);
    const filled = (await readPage(site, "keep-it-open/index.html")).querySelector(".sign-template")!.textContent!
      .split("\n").filter((line) => /^(name|version):/.test(line)).join("\n").replace(/^name: .*$/m, "name: Dee Dupont");
    await writeFile(join(letterDir(), "signatories/dee-dupont.yaml"), `${filled}\n`);
    // d. a file written by hand in a pull request, without signed:
    await writeFile(join(letterDir(), "signatories/erin-evans.yaml"), "name: Erin Evans\ncountry: BE\n");
    // e. an organisation, through npm run sign with the British spelling
    await cli("sign.ts", ["--letter", "keep-it-open", "--name", "Open Group", "--type", "organisation", "--signed", TODAY]);
    await checkAndBuild();
    const current = await namesOn("keep-it-open/index.html");
    for (const name of ["Bob Brown", "Carol Chen", "Dee Dupont", "Erin Evans", "Open Group"]) expect(current).toContain(name);
    expect(await namesOn("keep-it-open/v1/index.html")).toEqual(["Tab Person", "Ada Lovelace"]);
  }, 120_000);

  it("3. a spelling fix in a list file after release passes, shows on the pages and leaves the released PDF as it was", async () => {
    const before = published.find((p) => p.version === 1)!.sha256;
    const list = join(letterDir(), "signatories/founders.yaml");
    await writeFile(list, (await readFile(list, "utf8")).replace("Tab Person", "Tab Persson"));
    await checkAndBuild();
    expect(await namesOn("keep-it-open/v1/index.html")).toContain("Tab Persson");
    expect(sha256(await readFile(join(site, "keep-it-open/v1/keep-it-open-v1.pdf")))).toBe(before);
  }, 120_000);

  it("4. an editorial release carries every signature over without marks", async () => {
    const file = join(letterDir(), "letter.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("children alike.", "children alike, every day."));
    await cli("release.ts", ["keep-it-open", "--editorial", "--notes", "A typo."]);
    await checkAndBuild();
    const page = await readPage(site, "keep-it-open/index.html");
    expect(page.querySelectorAll(".signed-version")).toHaveLength(0);
    expect(await namesOn("keep-it-open/v2/index.html")).toEqual(expect.arrayContaining(["Tab Persson", "Ada Lovelace", "Bob Brown", "Erin Evans"]));
  }, 120_000);

  it("5. a withdrawal removes the name everywhere and records new editions, keeping every earlier hash", async () => {
    const result = await cli("withdraw.ts", ["--letter", "keep-it-open", "--name", "ada lovelace"]);
    expect(result.stdout).toMatch(/Recorded edition 2 of version 1's PDFs: 1 signature withdrawn/);
    withdrawnNames.push("Ada Lovelace");
    await checkAndBuild();
    expect(published.filter((p) => p.version === 1).map((p) => p.edition)).toEqual([1, 2]);
    expect(existsSync(join(letterDir(), "signatories/founders.yaml"))).toBe(true); // never deleted
  }, 120_000);

  it("6. a second release of a new text marks who signed the older one", async () => {
    const file = join(letterDir(), "letter.md");
    await writeFile(file, `${await readFile(file, "utf8")}\nWe will report every year.\n`);
    await cli("release.ts", ["keep-it-open", "--notes", "A commitment to report."]);
    await checkAndBuild();
    const marks = [...(await readPage(site, "keep-it-open/index.html")).querySelectorAll(".signed-version")].map((m) => text(m).replace(/^, /, ""));
    expect(marks.length).toBeGreaterThanOrEqual(6);
    expect(new Set(marks)).toEqual(new Set(["signed version 2"]));
  }, 120_000);

  it("7. a translation added, then revised, is a revision of version 3 with its own hashes, not a new version", async () => {
    const translation = (body: string) => `---\ntitle: Gardez-le ouvert\ndate: 2026-11-20\nfollows: 3\nto:\n  - Mesdames et Messieurs les ministres\n---\n\n${body}\n`;
    await writeFile(join(letterDir(), "letter.fr.md"), translation("Nous vous demandons de garder l’internet ouvert et sûr pour tous."));
    const added = await cli("release.ts", ["keep-it-open"]);
    expect(added.stdout).toMatch(/Only translations changed: revision 1 of version 3's translations \(fr\)/);
    await checkAndBuild();
    await writeFile(join(letterDir(), "letter.fr.md"), translation("Nous vous demandons de garder l’internet ouvert et sûr pour tout le monde."));
    const revised = await cli("release.ts", ["keep-it-open"]);
    expect(revised.stdout).toMatch(/revision 2 of version 3's translations \(fr\)/);
    await checkAndBuild();
    const versions = JSON.parse(await readFile(join(site, "keep-it-open/versions.json"), "utf8"));
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(text((await readPage(site, "keep-it-open/v3/fr/index.html")).querySelector(".letter-body"))).toContain("pour tout le monde");
    const fr = published.filter((p) => p.version === 3 && p.lang === "fr");
    expect(fr.map((p) => p.edition)).toEqual([2, 3]); // each revision's PDF has its own listed hash
  }, 120_000);
});
