import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FrozenFileError, ReleasedSignatoryError, loadSite, type Letter } from "../src/index.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { countAtRelease, currentList, includedIn, versionList, versionSigned } from "../src/load/version-lists.ts";
import { DELIVERY } from "./helpers/delivery-fixture.ts";
import { pdfText } from "./helpers/pdf.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

/** A copy of a fixture in a temporary folder, safe to edit. */
async function copyFixture(name: string): Promise<string> {
  const dir = join(await tempDir(), name);
  await cp(fixture(name), dir, { recursive: true });
  return dir;
}

async function pledge(root = fixture("versioned")): Promise<Letter> {
  const { site, problems } = await loadSite(root);
  expect(problems.map((p) => p.format())).toEqual([]);
  return site!.letters[0]!;
}

const names = (list: { entries: { signatory: { name: string }; signedVersion?: number }[] }) =>
  list.entries.map((e) => (e.signedVersion ? `${e.signatory.name} (v${e.signedVersion})` : e.signatory.name));

// The fixture, made with `npm run release`: v1 2024-01-10 (Alice, Bob, Carol, Dave), a typo fixed in v2
// 2024-02-01 (Erin signed 01-20), a paragraph added in v3 2024-03-01 (Frank signed 02-15), then Grace
// signed 03-10, Bob withdrew 02-20 and Alice reconfirmed 03-05.
describe("signatories belong to versions", () => {
  it("a signatory without a signed date counts from the first release", async () => {
    const letter = await pledge();
    const alice = letter.signatories.find((s) => s.name === "Alice Arnold")!;
    expect(alice.signed).toBeUndefined();
    expect(includedIn(alice, letter.releases)).toBe(1);
  });

  it("a signed date puts a signatory on the version current then", async () => {
    const letter = await pledge();
    const by = (name: string) => letter.signatories.find((s) => s.name === name)!;
    expect(versionSigned(by("Erin Evans"), letter.releases)).toBe(1); // signed between v1 and v2
    expect(includedIn(by("Erin Evans"), letter.releases)).toBe(2); // first listed on v2
    expect(versionSigned(by("Frank Fischer"), letter.releases)).toBe(2);
    expect(versionSigned(by("Grace Gomez"), letter.releases)).toBe(3);
    expect(includedIn(by("Grace Gomez"), letter.releases)).toBeUndefined(); // after the last release
  });

  it("version N's list is everyone who signed up to its release, minus withdrawals", async () => {
    const letter = await pledge();
    expect(names(versionList(letter, 1))).toEqual(["Alice Arnold", "Carol Chen", "Dave Diaz"]);
    expect(names(versionList(letter, 2))).toEqual(["Alice Arnold (v1)", "Carol Chen (v1)", "Dave Diaz (v1)", "Erin Evans (v1)"]);
    expect(names(versionList(letter, 3))).toEqual([
      "Alice Arnold (v1)", "Carol Chen (v1)", "Dave Diaz (v1)", "Erin Evans (v1)", "Frank Fischer (v2)",
    ]);
  });

  it("a withdrawn signature disappears from every version, which counts it instead", async () => {
    const letter = await pledge();
    for (const n of [1, 2, 3]) {
      const list = versionList(letter, n);
      expect(names(list).join()).not.toContain("Bob");
      expect(list.withdrawn).toBe(1);
    }
    expect(names(currentList(letter)).join()).not.toContain("Bob");
  });

  it("the current page marks who signed an older text, and a reconfirmation clears the mark", async () => {
    const letter = await pledge();
    expect(names(currentList(letter))).toEqual([
      "Alice Arnold", "Carol Chen (v1)", "Dave Diaz (v1)", "Erin Evans (v1)", "Frank Fischer (v2)", "Grace Gomez",
    ]);
  });

  it("a reconfirmation after a version's release does not change that version's page", async () => {
    const letter = await pledge();
    const v3 = versionList(letter, 3).entries.find((e) => e.signatory.name === "Alice Arnold")!;
    expect(v3.signedVersion).toBe(1); // she reconfirmed on 03-05, after v3's release on 03-01
  });
});

describe("the count of a version at its release", () => {
  it("is everyone its release and the ones before recorded, withdrawn ones included, as its list says", async () => {
    const { site } = await loadSite(DELIVERY.root);
    const letter = site!.letters[0]!;
    // Batch n of the fixture is first recorded by version n; besides the batches, one signer who signed
    // before version 1 (so recorded by it) withdrew since.
    expect(DELIVERY.withdrawn.signed < DELIVERY.releases[0]!).toBe(true);
    let expected = 1;
    for (const [i, batch] of DELIVERY.batches.slice(0, 3).entries()) {
      expected += batch.size;
      expect(countAtRelease(letter, i + 1), `version ${i + 1}`).toBe(expected);
      expect(versionList(letter, i + 1).countAtRelease).toBe(expected);
      expect(versionList(letter, i + 1).entries.length).toBe(expected - 1);
    }
  });
});

describe("npm run release", () => {
  it("freezes the text, assigns the next number and records the new signatories", async () => {
    const root = await copyFixture("versioned");
    const letterFile = join(root, "letters/pledge/letter.md");
    await writeFile(letterFile, `${await readFile(letterFile, "utf8")}\nA fourth paragraph.\n`);
    const result = await releaseLetter(root, "pledge", { date: "2024-04-01", notes: "Fourth paragraph." });
    expect(result).toMatchObject({ version: 4, date: "2024-04-01", added: 1 }); // Grace signed 03-10
    const letter = await pledge(root);
    expect(letter.releases.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(letter.releases[3]!.notes).toBe("Fourth paragraph.");
    expect(letter.releases[3]!.text.body).toContain("A fourth paragraph.");
    expect(names(versionList(letter, 4))).toContain("Grace Gomez (v3)");
  });

  it("refuses when the text has not changed since the last version", async () => {
    const root = await copyFixture("versioned");
    await expect(releaseLetter(root, "pledge", { date: "2024-04-01" })).rejects.toThrow(/has not changed since version 3/);
  });

  it("refuses a date before the previous release", async () => {
    const root = await copyFixture("versioned");
    const letterFile = join(root, "letters/pledge/letter.md");
    await writeFile(letterFile, `${await readFile(letterFile, "utf8")}\nMore.\n`);
    await expect(releaseLetter(root, "pledge", { date: "2024-02-10" })).rejects.toThrow(/cannot be dated before/);
  });

  it("explains a mistake without a stack trace and exits 1", async () => {
    const result = await runScript("release.ts", ["--root", fixture("versioned"), "nope"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('There is no letter "nope". Letters: pledge.');
  });
});

describe("npm run check keeps released versions immutable", () => {
  it("fails when a frozen text was edited", async () => {
    const root = await copyFixture("versioned");
    const frozen = join(root, "letters/pledge/versions/1/letter.md");
    await writeFile(frozen, (await readFile(frozen, "utf8")).replace("open formats", "closed formats"));
    const { problems } = await loadSite(root);
    const problem = problems.find((p) => p instanceof FrozenFileError)!;
    expect(problem.file).toMatch(/letters\/pledge\/versions\/1\/letter\.md$/);
    expect(problem.message).toContain("released version 1 was edited");
    const result = await runScript("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/versions\/1\/letter\.md:1:1: error: This file of released version 1 was edited/);
  });

  it("fails when a frozen file was removed", async () => {
    const root = await copyFixture("versioned");
    await rm(join(root, "letters/pledge/versions/2/letter.md"));
    const { problems } = await loadSite(root);
    expect(problems.some((p) => p instanceof FrozenFileError && /Version 2's file .*letter\.md is missing/.test(p.message))).toBe(true);
  });

  it("fails when a released signatory file is deleted, and says to use withdrawn", async () => {
    const root = await copyFixture("versioned");
    await rm(join(root, "letters/pledge/signatories/erin-evans.yaml"));
    const { problems } = await loadSite(root);
    const problem = problems.find((p) => p instanceof ReleasedSignatoryError)!;
    expect(problem.file).toMatch(/versions\/2\/signatories\.txt$/);
    expect(problem.line).toBe(2);
    expect(problem.message).toContain('"erin-evans.yaml" of version 2 is missing');
    expect(problem.hint).toContain("npm run withdraw");
  });

  it("a signature added after a release and dated before it joins the current page, marked with the text its signer read, not a frozen list", async () => {
    const root = await copyFixture("versioned");
    await writeFile(join(root, "letters/pledge/signatories/henry-hill.yaml"), "name: Henry Hill\nsigned: 2024-02-05\n");
    const letter = await pledge(root);
    expect(names(versionList(letter, 2))).not.toContain("Henry Hill (v2)");
    expect(names(versionList(letter, 3)).join()).not.toContain("Henry");
    expect(names(currentList(letter))).toContain("Henry Hill (v2)"); // v2 was current on 02-05
  });

  it("a new signatory without a signed date is on the current version, unmarked", async () => {
    const root = await copyFixture("versioned");
    await writeFile(join(root, "letters/pledge/signatories/ivy-ito.yaml"), "name: Ivy Ito\n");
    const letter = await pledge(root);
    expect(names(currentList(letter))).toContain("Ivy Ito");
    expect(names(versionList(letter, 3))).not.toContain("Ivy Ito");
  });

  it("accepts a new signatory dated after the last release", async () => {
    const root = await copyFixture("versioned");
    await writeFile(join(root, "letters/pledge/signatories/ivy-ito.yaml"), "name: Ivy Ito\nsigned: 2024-03-20\n");
    const { problems } = await loadSite(root);
    expect(problems).toEqual([]);
  });
});

describe("building a versioned letter", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("versioned", ["--path-prefix", "/letters/"]);
  });

  it("publishes each version at its permanent URL with its own text and list", async () => {
    const v1 = await readPage(site, "pledge/v1/index.html");
    expect(text(v1.querySelector(".letter-body"))).toContain("We ask the comittee to do the same.");
    expect([...v1.querySelectorAll(".signatory-name")].map(text)).toEqual(["Alice Arnold", "Carol Chen", "Dave Diaz"]);
    expect(text(v1.querySelector(".signatory-count"))).toBe("3 signatories");
    expect(text(v1.querySelector(".withdrawn-count"))).toBe("1 signature was withdrawn.");
    const v3 = await readPage(site, "pledge/v3/index.html");
    expect(text(v3.querySelector(".letter-body"))).toContain("We will report on our progress every year.");
  });

  it("puts a banner linking to the current version on old versions only", async () => {
    const v1 = await readPage(site, "pledge/v1/index.html");
    expect(v1.querySelector(".banner-old-version a")!.getAttribute("href")).toBe("/letters/pledge/");
    const v3 = await readPage(site, "pledge/v3/index.html");
    expect(v3.querySelector(".banner")).toBeNull();
  });

  it("shows the current version with everyone who signed, marking older signatures, and links the history", async () => {
    const current = await readPage(site, "pledge/index.html");
    const entries = [...current.querySelectorAll(".signatory")].map(text);
    expect(entries).toContain("Frank Fischer, signed version 2");
    expect(entries).toContain("Grace Gomez");
    expect(current.querySelector(".signatory a[href='/letters/pledge/v2/']")).not.toBeNull();
    expect(current.querySelector(".letter-version a[href='/letters/pledge/history/']")).not.toBeNull();
  });

  it("lists every version on the history page with date, notes, count and a link to the changes", async () => {
    const history = await readPage(site, "pledge/history/index.html");
    const items = [...history.querySelectorAll(".history > li")];
    expect(items.map((li) => text(li.querySelector("h2")))).toEqual(["Version 3", "Version 2", "Version 1"]);
    expect(text(items[1])).toContain("Corrected a typo in the last paragraph.");
    expect(text(items[1])).toContain("5 signatories at release"); // Bob withdrew after v2 was released
    expect(items[1]!.querySelector("a[href='/letters/pledge/v2/changes/']")).not.toBeNull();
    expect(items[2]!.querySelector("a[href*='changes']")).toBeNull();
  });

  it("names each page in the browser tab: which version, its history, its changes, the verify page", async () => {
    const title = async (path: string) => text((await readPage(site, path)).querySelector("title")).replace(/ – .*$/, "");
    const letter = await title("pledge/index.html");
    expect(letter).not.toMatch(/version/i);
    expect(await title("pledge/v1/index.html")).toBe(`${letter} (version 1)`);
    expect(await title("pledge/history/index.html")).toBe(`History: ${letter}`);
    expect(await title("pledge/v2/changes/index.html")).toBe(`Changes in version 2: ${letter}`);
    expect(await title("pledge/verify/index.html")).toBe(`Verify a copy: ${letter}`);
  });

  it("shows a word-level diff against the previous version", async () => {
    const changes = await readPage(site, "pledge/v2/changes/index.html");
    expect([...changes.querySelectorAll(".diff del")].map(text)).toEqual(["comittee"]);
    expect([...changes.querySelectorAll(".diff ins")].map(text)).toEqual(["committee"]);
  });

  it("publishes versions.json and each canonical text, whose SHA-256 matches", async () => {
    const json = JSON.parse(await readFile(join(site, "pledge/versions.json"), "utf8"));
    expect(json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    const { createHash } = await import("node:crypto");
    for (const v of json.versions) {
      const body = await readFile(join(site, v.text.url.replace(/^\//, "")));
      expect(createHash("sha256").update(body).digest("hex")).toBe(v.text.sha256);
    }
    const page = await readPage(site, "pledge/v2/index.html");
    expect(text(page.querySelector(".integrity dd"))).toBe(json.versions[1].text.sha256);
  });
});

describe("each version's PDF", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("versioned");
  });

  it("is published with its SHA-256 on the version page and in versions.json", async () => {
    const { createHash } = await import("node:crypto");
    const json = JSON.parse(await readFile(join(site, "pledge/versions.json"), "utf8"));
    for (const v of json.versions) {
      const bytes = await readFile(join(site, v.pdf.url));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(v.pdf.sha256);
      expect(bytes.byteLength).toBe(v.pdf.bytes);
      const page = await readPage(site, `pledge/v${v.version}/index.html`);
      expect(text(page.querySelector(".pdf-sha256"))).toBe(v.pdf.sha256);
    }
  });

  it("prints that version's list without withdrawn names, and says how many were withdrawn", async () => {
    const printed = await pdfText(join(site, "pledge/v1/pledge-v1.pdf"));
    expect(printed).toContain("Alice Arnold");
    expect(printed).not.toContain("Bob Brown");
    expect(printed).not.toContain("Erin Evans"); // signed after version 1
    expect(printed).toContain("1 signature was withdrawn.");
  });
});

describe("unreleased letters", () => {
  it("are not published by npm run build", async () => {
    const root = await copyFixture("basic");
    await cp(join(root, "letters/first-letter/letter.md"), join(root, "letters/unreleased-letter.md.tmp"));
    const dir = join(root, "letters/unreleased-letter");
    await cp(join(root, "letters/second-letter"), dir, { recursive: true });
    await rm(join(dir, "versions"), { recursive: true });
    await rm(join(dir, "versions.yaml"));
    await rm(join(root, "letters/unreleased-letter.md.tmp"));
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(result.code).toBe(0);
    const { existsSync } = await import("node:fs");
    expect(existsSync(join(output, "second-letter/index.html"))).toBe(true);
    expect(existsSync(join(output, "unreleased-letter"))).toBe(false);
  });
});
