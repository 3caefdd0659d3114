import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSignScript } from "../src/build/bundle.ts";
import { parseSignatoryFile } from "../src/load/signatories.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

/** Loads a built page into a DOM, runs the site's own sign.js in it, and records where it navigates. */
async function runForm(site: string, page: string, prepare: (document: Document) => void = () => {}) {
  const { window, document } = parseHTML(await readFile(join(site, page), "utf8"));
  prepare(document as unknown as Document);
  const visited: string[] = [];
  const script = await readFile(join(site, "assets/sign.js"), "utf8");
  new Function("window", "document", script)({ location: { assign: (url: string) => visited.push(url) } }, document);
  const form = document.querySelector("form[data-sign-form]") as unknown as HTMLFormElement;
  const fill = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) (document.querySelector(`[name="${name}"]`) as unknown as HTMLInputElement).value = value;
    form.dispatchEvent(new window.Event("input"));
  };
  const submit = () => form.dispatchEvent(new window.Event("submit", { cancelable: true }));
  return { document, form, fill, submit, visited };
}

describe("the sign section of an open letter", () => {
  let site: string;
  beforeAll(async () => {
    site = await buildFixture("signing");
  });

  it("offers a labelled form, hidden until its self-hosted script runs, and no inline script", async () => {
    const doc = await readPage(site, "open-letter/index.html");
    const form = doc.querySelector("form[data-sign-form]")!;
    expect(form.hasAttribute("hidden")).toBe(true);
    for (const input of form.querySelectorAll("input[type=text], input[type=url]")) {
      expect(doc.querySelector(`label[for="${input.id}"]`), input.id).not.toBeNull();
    }
    expect(text(form.querySelector("fieldset legend"))).toBe("You sign as");
    expect([...form.querySelectorAll("fieldset input[type=radio]")].map((r) => r.getAttribute("value"))).toEqual(["individual", "organization"]);
    expect(text(form.querySelector("button[type=submit]"))).toBe("Sign on GitHub");
    const scripts = [...doc.querySelectorAll("script")];
    expect(scripts.map((s) => s.getAttribute("src"))).toEqual(["/assets/sign.js"]);
    expect(scripts.every((s) => s.textContent === "")).toBe(true);
    expect(await readFile(join(site, "open-letter/index.html"), "utf8")).not.toMatch(/\son[a-z]+=/i);
  });

  it("explains signing by pull request and by e-mail without a script, with links carrying a valid template", async () => {
    const doc = await readPage(site, "open-letter/index.html");
    const manual = doc.querySelector(".sign-manual")!;
    expect(manual.hasAttribute("open")).toBe(true);
    expect(text(manual)).toContain("letters/open-letter/signatories/");
    const newFile = new URL([...manual.querySelectorAll("a")].find((a) => text(a) === "open a new file with this template")!.getAttribute("href")!);
    expect(`${newFile.origin}${newFile.pathname}`).toBe("https://github.com/example-org/letters/new/main");
    expect(newFile.searchParams.get("filename")).toBe("letters/open-letter/signatories/your-name.yaml");
    const template = newFile.searchParams.get("value")!;
    // Left as it is, the template is refused: its examples would be published as a signature.
    expect(parseSignatoryFile(template, "t.yaml").problems.map((p) => p.message)).toEqual([
      '"name" is still the sign page\'s example, "Your Name".',
      '"title" is still the sign page\'s example, "Your role".',
      '"affiliation" is still the sign page\'s example, "Your organisation".',
      '"url" is still the sign page\'s example, "https://example.org/about-you".',
    ]);
    // Filled in, it is a valid signatory file.
    const filled = template.replace("Your Name", "Jane Roe").replace("Your role", "Professor").replace("Your organisation", "Uni").replace("about-you", "jane");
    expect(parseSignatoryFile(filled, "t.yaml").problems).toEqual([]);
    expect(text(manual.querySelector(".sign-template"))).toBe(template.replace(/\s+/g, " ").trim());
    const mail = new URL(manual.querySelector('a[href^="mailto:"]')!.getAttribute("href")!);
    expect(mail.pathname).toBe("sign@example.org");
    expect(mail.searchParams.get("body")).toContain(template);
  });

  it("writes the version the signer read into the template and the e-mail, but no signed: date a static page cannot know", async () => {
    const doc = await readPage(site, "open-letter/index.html");
    const template = doc.querySelector(".sign-template")!.textContent!;
    // open-letter's latest release is version 1.
    expect(template).toContain("\nversion: 1\n");
    expect(template).not.toContain("signed:");
    expect(template.split("\n")[0]).toBe("# Replace the examples with your own; only name is required, delete the lines you do not want published.");
    const mail = new URL(doc.querySelector('.sign-manual a[href^="mailto:"]')!.getAttribute("href")!);
    expect(mail.searchParams.get("subject")).toBe('Signature: Stop "backdoors" & <script>alert(1)</script>');
    expect(mail.searchParams.get("body")).toBe(
      `Please add my signature to "Stop "backdoors" & <script>alert(1)</script>".\n\nFile: letters/open-letter/signatories/your-name.yaml\n\n` +
        `I agree that what this file holds is published with the letter. I can withdraw my signature later: /privacy/\n\n${template}`,
    );
  });

  it("refuses the template's example name in the form, before anything is sent", async () => {
    const { document, fill, submit, visited } = await runForm(site, "open-letter/index.html");
    fill({ name: "  your  name " });
    submit();
    expect(visited).toEqual([]);
    expect(text(document.querySelector("#sign-name-error"))).toBe("This is the template's example: write your own.");
  });

  it("escapes a hostile letter title in attributes and links", async () => {
    const html = await readFile(join(site, "open-letter/index.html"), "utf8");
    expect(html).not.toContain("<script>alert(1)");
    const doc = await readPage(site, "open-letter/index.html");
    expect(doc.querySelector("form")!.getAttribute("data-title")).toBe('Stop "backdoors" & <script>alert(1)</script>');
  });

  it("pre-fills GitHub's new-file page with the typed signatory, after checking the web address", async () => {
    const { document, fill, submit, visited } = await runForm(site, "open-letter/index.html");
    expect(document.querySelector("form")!.hasAttribute("hidden")).toBe(false);
    expect(document.querySelector("[data-sign-manual]")!.hasAttribute("open")).toBe(false);
    fill({ name: "李小龍 & “Ελένη” #1\nurl: javascript:x", title: "Prof.", affiliation: "Uni: \"A\"", url: "javascript:alert(1)", country: "be" });
    submit();
    expect(visited).toEqual([]);
    expect(document.querySelector("#sign-url")!.getAttribute("aria-invalid")).toBe("true");
    expect(text(document.querySelector("#sign-url-error"))).toContain("https://");

    fill({ url: "example.org/me" });
    expect(text(document.querySelector("[data-sign-preview]"))).toContain('url: "https://example.org/me"');
    submit();
    expect(visited).toHaveLength(1);
    const url = new URL(visited[0]!);
    expect(`${url.origin}${url.pathname}`).toBe("https://github.com/example-org/letters/new/main");
    const file = url.searchParams.get("filename")!;
    expect(file).toMatch(/^letters\/open-letter\/signatories\/[^/]+\.yaml$/);
    const { signatories, problems } = parseSignatoryFile(url.searchParams.get("value")!, file);
    expect(problems).toEqual([]);
    expect(signatories[0]).toMatchObject({
      name: "李小龍 & “Ελένη” #1 url: javascript:x", type: "individual", title: "Prof.", affiliation: 'Uni: "A"', url: "https://example.org/me", country: "BE",
    });
    expect(signatories[0]!.signed).toBe(new Date().toISOString().slice(0, 10));
    // The text the signer read: open-letter's latest release.
    expect(signatories[0]!.version).toBe(1);
  });

  it("shows no form on a closed letter", async () => {
    const doc = await readPage(site, "closed-letter/index.html");
    expect(doc.querySelector(".sign")).toBeNull();
    expect(doc.querySelectorAll("script")).toHaveLength(0);
  });

  it("publishes the bundled script, the same bytes on every build", async () => {
    expect(await readFile(join(site, "assets/sign.js"), "utf8")).toBe(await bundleSignScript());
  });
});

describe("a site with only an e-mail address for signing", () => {
  it("shows the e-mail route alone, and the form opens a mail with the same YAML", async () => {
    const root = await tempDir();
    await cp(fixture("signing"), root, { recursive: true });
    await writeFile(join(root, "letters/site.yaml"), "title: Mail only\nsign_email: sign@example.org\n");
    const site = join(root, "_site");
    const result = await runScript("build.ts", ["--root", root, "--output", site]);
    expect(result.code, result.stderr).toBe(0);
    const { document, fill, submit, visited } = await runForm(site, "open-letter/index.html");
    expect(text(document.querySelector("button[type=submit]"))).toBe("Sign by e-mail");
    expect(text(document.querySelector(".sign-manual"))).not.toContain("pull request");
    fill({ name: "Jane Doe" });
    submit();
    const mail = new URL(visited[0]!);
    expect(mail.protocol).toBe("mailto:");
    expect(mail.searchParams.get("body")).toContain('name: "Jane Doe"\ntype: "individual"\n');
    expect(mail.searchParams.get("body")).toMatch(/\nsigned: "\d{4}-\d{2}-\d{2}"\nversion: 1\n$/);
    // The script's e-mail carries the signer's consent and where to withdraw, as the link without it does.
    expect(mail.searchParams.get("body")).toContain("I agree that what this file holds is published with the letter. I can withdraw my signature later: /privacy/\n\nname:");
  });
});

describe("the sign section of a French page", () => {
  let site: string;
  beforeAll(async () => {
    const root = await tempDir();
    await cp(fixture("translated"), root, { recursive: true });
    await writeFile(join(root, "letters/site.yaml"), "title: Translated and signable\nlang: en\nrepository: https://github.com/example-org/letters\nsign_email: sign@example.org\n");
    site = join(root, "_site");
    const result = await runScript("build.ts", ["--root", root, "--output", site], { OPEN_LETTERS_PDF: "0" });
    expect(result.code, result.stderr).toBe(0);
  });

  it("shows the form's problems in French", async () => {
    const { document, fill, submit, visited } = await runForm(site, "appeal/fr/index.html");
    fill({ name: "", url: "javascript:alert(1)", country: "Belgique" });
    submit();
    expect(visited).toEqual([]);
    expect(text(document.querySelector("#sign-name-error"))).toBe("Veuillez saisir votre nom.");
    expect(document.querySelector("#sign-url-error")!.textContent).toBe("Saisissez une adresse web commençant par https://, p.\u00a0ex. https://example.org/a-propos.");
    expect(document.querySelector("#sign-country-error")!.textContent).toBe("Saisissez un code de pays à deux lettres, p.\u00a0ex. BE, FR ou CH.");
  });

  it("opens a French e-mail, titled with the French title, carrying the typed file and its version", async () => {
    // Without a repository the form's button sends the e-mail; linkedom's href attribute would decode the
    // link's %0A line breaks, which location.assign receives as they are.
    const { fill, submit, visited } = await runForm(site, "appeal/fr/index.html", (doc) => doc.querySelector("form")!.removeAttribute("data-repository"));
    fill({ name: "Marie Dupont" });
    submit();
    const mail = new URL(visited[0]!);
    expect(mail.searchParams.get("subject")).toBe("Signature\u00a0: Gardons l’internet ouvert");
    const body = mail.searchParams.get("body")!;
    const intro = "Merci d’ajouter ma signature à «\u00a0Gardons l’internet ouvert\u00a0».\n\nFichier\u00a0: letters/appeal/signatories/marie-dupont.yaml\n\n" +
      "J’accepte que le contenu de ce fichier soit publié avec la lettre. Je peux retirer ma signature plus tard\u00a0: /privacy/fr/\n\n";
    expect(body.slice(0, intro.length)).toBe(intro);
    // The translated fixture's latest release is version 2.
    expect(body).toMatch(/\nsigned: "\d{4}-\d{2}-\d{2}"\nversion: 2\n$/);
  });

  it("gives a template with French examples and comment, which the check refuses until they are replaced", async () => {
    const doc = await readPage(site, "appeal/fr/index.html");
    const template = doc.querySelector(".sign-template")!.textContent!;
    expect(template).toBe(
      "# Remplacez les exemples par vos informations\u00a0; seul name est obligatoire, supprimez les lignes que vous ne voulez pas voir publiées.\n" +
        "# Tout ce que contient ce fichier est publié avec la lettre\u00a0; pour le retirer plus tard, voir /privacy/fr/\n" +
        'name: "Votre nom"\ntype: "individual"\ntitle: "Votre fonction"\naffiliation: "Votre organisation"\nurl: "https://example.org/a-propos-de-vous"\ncountry: "BE"\nversion: 2\n',
    );
    const newFile = new URL(doc.querySelector('.sign-manual a[href^="https://github.com/"][href*="/new/"]')!.getAttribute("href")!);
    expect(newFile.searchParams.get("filename")).toBe("letters/appeal/signatories/votre-nom.yaml");
    const mail = new URL(doc.querySelector('.sign-manual a[href^="mailto:"]')!.getAttribute("href")!);
    expect(mail.searchParams.get("body")).toContain("Merci d’ajouter ma signature à «\u00a0Gardons l’internet ouvert\u00a0».");
    // English page, English template.
    const en = await readPage(site, "appeal/index.html");
    expect(en.querySelector(".sign-template")!.textContent).toContain('name: "Your Name"');
  });
});

describe("a template saved with its examples in place", () => {
  it("fails npm run check at each example, saying what to write instead", async () => {
    const root = await tempDir();
    await cp(fixture("signing"), root, { recursive: true });
    const file = join(root, "letters/open-letter/signatories/your-name.yaml");
    // What a signer saves when they only change the country: the comment line, then the examples.
    await writeFile(file, "# Replace the examples with your own.\nname: \"Your Name\"\ntype: \"individual\"\naffiliation: Votre organisation\ncountry: \"PT\"\nversion: 1\n");
    const result = await runScript("check.ts", ["--root", root]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter((l) => l.includes("your-name.yaml"));
    expect(lines.map((l) => l.replace(/^.*your-name\.yaml:/, ""))).toEqual([
      '2:7: error: "name" is still the sign page\'s example, "Your Name". Replace the placeholder with your name.',
      '4:14: error: "affiliation" is still the sign page\'s example, "Votre organisation". Replace the placeholder with the organisation you belong to, or delete the line.',
    ]);
  });
});
