import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSignScript } from "../src/build/bundle.ts";
import { parseSignatoryFile } from "../src/load/signatories.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

/** Loads a built page into a DOM, runs the site's own sign.js in it, and records where it navigates. */
async function runForm(site: string, page: string) {
  const { window, document } = parseHTML(await readFile(join(site, page), "utf8"));
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
    expect(parseSignatoryFile(template, "t.yaml").problems).toEqual([]);
    expect(text(manual.querySelector(".sign-template"))).toBe(template.replace(/\s+/g, " ").trim());
    const mail = new URL(manual.querySelector('a[href^="mailto:"]')!.getAttribute("href")!);
    expect(mail.pathname).toBe("sign@example.org");
    expect(mail.searchParams.get("body")).toContain(template);
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
    expect(signatories[0]!.signed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
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
  });
});
