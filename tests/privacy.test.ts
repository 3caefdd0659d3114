// Consent and privacy on every route, and signatures bound to a GitHub account, as a reader sees them in
// a built site: the privacy page in each language the site uses (a site's letters/i18n/ words on top),
// linked from every page's footer; the sign section, its template file and its e-mail saying what is
// published and how to withdraw; "signed from @login" with what it proves; the data files carrying it.
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

async function build(name: string, prepare: (root: string) => Promise<void>): Promise<string> {
  const dir = await tempDir();
  const root = join(dir, "root");
  await cp(fixture(name), root, { recursive: true });
  await prepare(root);
  const output = join(dir, "site");
  const result = await runScript("build.ts", ["--root", root, "--output", output], { OPEN_LETTERS_PDF: "0" });
  if (result.code !== 0) throw new Error(`build of ${name} failed:\n${result.stderr}`);
  return output;
}

async function htmlPages(site: string): Promise<string[]> {
  return (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html")).map((f) => relative(site, join(site, f)));
}

describe("the privacy page", () => {
  let site: string;
  beforeAll(async () => {
    site = await build("translated", async (root) => {
      await mkdir(join(root, "letters/i18n"), { recursive: true });
      await writeFile(join(root, "letters/i18n/fr.yaml"), "privacyTitle: Vos données et votre signature\n");
    });
  }, 120000);

  it("exists in the site's language at /privacy/ and in each other language its letters use, in that language and direction", async () => {
    const en = await readPage(site, "privacy/index.html");
    expect(en.documentElement.getAttribute("lang")).toBe("en");
    expect(text(en.querySelector("h1"))).toBe("Privacy and your signature");
    const body = text(en.querySelector("main"));
    for (const words of ["What is published when you sign", "GitHub account you signed from", "No e-mail address is published", "withdraw or correct your signature at any time", "erase your details", "cannot be called back", "set no cookies"]) {
      expect(body).toContain(words);
    }
    const ar = await readPage(site, "privacy/ar/index.html");
    expect(ar.documentElement.getAttribute("dir")).toBe("rtl");
    expect(text(ar.querySelector("h1"))).toBe("الخصوصية وتوقيعك");
    expect(text((await readPage(site, "privacy/nl/index.html")).querySelector("h1"))).toBe("Privacy en uw handtekening");
  });

  it("takes the site's own words from letters/i18n/<lang>.yaml", async () => {
    expect(text((await readPage(site, "privacy/fr/index.html")).querySelector("h1"))).toBe("Vos données et votre signature");
  });

  it("is linked from the footer of every page, in the page's language", async () => {
    const pages = await htmlPages(site);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const doc = await readPage(site, page);
      const link = doc.querySelector("footer.site-footer .privacy-link a");
      expect(link, page).not.toBeNull();
      const href = link!.getAttribute("href")!;
      expect(pages, `${page} links ${href}`).toContain(`${href.replace(/^\//, "")}index.html`);
    }
    const french = (await readPage(site, "appeal/fr/index.html")).querySelector("footer .privacy-link a")!;
    expect(french.getAttribute("href")).toBe("/privacy/fr/");
    expect(text(french)).toBe("Confidentialité");
    expect((await readPage(site, "appeal/index.html")).querySelector("footer .privacy-link a")!.getAttribute("href")).toBe("/privacy/");
  });
});

describe("signing routes and bound signatures on a built site", () => {
  let site: string;
  beforeAll(async () => {
    site = await build("signing", async (root) => {
      await writeFile(join(root, "letters/site.yaml"), `${await readFile(join(root, "letters/site.yaml"), "utf8")}url: https://letters.example.org\n`);
      await writeFile(join(root, "letters/open-letter/signatories/emile-durand.yaml"), 'name: "Émile Durand"\ngithub: jdoe\n');
    });
  }, 120000);

  it("the page's form and its instructions without a script say what is published and link how to withdraw", async () => {
    const doc = await readPage(site, "open-letter/index.html");
    const consent = doc.querySelector(".sign .sign-consent")!;
    expect(text(consent)).toBe("You can withdraw or correct your signature later: what is published, and how to withdraw.");
    expect(consent.querySelector("a")!.getAttribute("href")).toBe("/privacy/");
    // Outside the form, so it shows with and without the script.
    expect(consent.closest("form")).toBeNull();
    expect(text(doc.querySelector(".sign > p"))).toContain("published with the letter and in its public repository");
  });

  it("the template file and the e-mail carry the consent and the privacy page's address", async () => {
    const doc = await readPage(site, "open-letter/index.html");
    const template = text(doc.querySelector(".sign-template"));
    expect(template).toContain("# Everything in this file is published with the letter; to withdraw it later, see https://letters.example.org/privacy/");
    const mail = decodeURIComponent(new URL(doc.querySelector(".sign-manual a[href^='mailto:']")!.getAttribute("href")!).search);
    expect(mail).toContain("I agree that what this file holds is published with the letter. I can withdraw my signature later: https://letters.example.org/privacy/");
    // The script's e-mail says the same: the words it gets from the page.
    const messages = JSON.parse(doc.querySelector("form[data-sign-form]")!.getAttribute("data-messages")!) as { mailConsent: string };
    expect(messages.mailConsent).toContain("https://letters.example.org/privacy/");
  });

  it("shows a bound signature as signed from @login, linked to the account, with what that proves, and counts them", async () => {
    const doc = await readPage(site, "open-letter/index.html");
    const entry = [...doc.querySelectorAll(".signatory")].find((li) => text(li).includes("Émile Durand"))!;
    const account = entry.querySelector(".signatory-account a")!;
    expect(text(account)).toBe("signed from @jdoe");
    expect(account.getAttribute("href")).toBe("https://github.com/jdoe");
    const other = [...doc.querySelectorAll(".signatory")].find((li) => text(li).includes("Jane Doe"))!;
    expect(other.querySelector(".signatory-account")).toBeNull();
    expect(text(doc.querySelector(".account-note"))).toContain("it proves who controls that account, not whose name it is");
    expect(text(doc.querySelector(".bound-count"))).toBe("1 signature is bound to a GitHub account.");
    // A letter with no bound signature says nothing of accounts.
    const closed = await readPage(site, "closed-letter/index.html");
    expect(closed.querySelector(".account-note, .bound-count")).toBeNull();
  });

  it("signatories.json and .csv carry the account", async () => {
    const json = JSON.parse(await readFile(join(site, "open-letter/signatories.json"), "utf8")) as { signatories: Record<string, unknown>[] };
    expect(json.signatories.find((s) => s.name === "Émile Durand")).toMatchObject({ github: "jdoe" });
    expect(json.signatories.find((s) => s.name === "Jane Doe")).not.toHaveProperty("github");
    const rows = parseCsv(await readFile(join(site, "open-letter/signatories.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.name === "Émile Durand")!.github).toBe("jdoe");
  });

  it("refuses a github: that is no GitHub login, at its line", async () => {
    const dir = await tempDir();
    const root = join(dir, "root");
    await cp(fixture("signing"), root, { recursive: true });
    await writeFile(join(root, "letters/open-letter/signatories/x.yaml"), 'name: X\ngithub: "-bad--login-"\n');
    const result = await runScript("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/signatories\/x\.yaml:2:9: error: .*must be a GitHub login/);
  });
});
