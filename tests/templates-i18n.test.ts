// Templates hold no prose of their own: every word a reader sees or hears comes from the catalogues in
// src/i18n/catalogues/, so a translated page is translated throughout (the sign form included).
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import matter from "gray-matter";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { argumentsOf, catalogues, hasMessage } from "../src/i18n/messages.ts";
import { fixture, PROJECT, readPage, runScript, tempDir, text } from "./helpers/site.ts";

const TEMPLATES = join(PROJECT, "templates");

async function templateFiles(): Promise<{ path: string; source: string }[]> {
  const entries = await readdir(TEMPLATES, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile() && e.name.endsWith(".njk")).map((e) => join(e.parentPath, e.name));
  return Promise.all(paths.sort().map(async (path) => ({ path: path.slice(TEMPLATES.length + 1), source: await readFile(path, "utf8") })));
}

/** The template with every Nunjucks comment, tag and expression taken out: what is left is its own text. */
const withoutNunjucks = (source: string) =>
  source
    .replace(/\{#[\s\S]*?#\}/g, "")
    .replace(/\{%[\s\S]*?%\}/g, "")
    .replace(/\{\{[\s\S]*?\}\}/g, "");

// Names that are the same in every language, not words to translate: file formats and the hash.
const NAMES = /\b(PDF|CSV|JSON|SHA-256)\b/g;
const isProse = (value: string) => /\p{L}/u.test(value.replace(NAMES, ""));

/** Attributes a reader perceives: shown on hover, read out by a screen reader, or shown in a field. */
const VISIBLE_ATTRIBUTES = ["aria-label", "aria-description", "aria-placeholder", "aria-roledescription", "aria-valuetext", "title", "alt", "placeholder", "label"];

/** Text of a template's own, with where it was found: text nodes, visible attributes, page titles. */
function ownText(source: string): string[] {
  const { data, content } = matter(source);
  const found: string[] = [];
  // Front matter is configuration, except the computed values a reader sees (the <title>, the description).
  const computed = (data.eleventyComputed ?? {}) as Record<string, unknown>;
  for (const key of ["pageTitle", "pageDescription"]) {
    if (typeof computed[key] === "string" && isProse(withoutNunjucks(computed[key]))) found.push(`${key}: ${withoutNunjucks(computed[key])}`);
  }
  const html = withoutNunjucks(content);
  const { document } = parseHTML(/^\s*<!doctype/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const walker = document.createTreeWalker(document, 0x1 | 0x4); // elements and text nodes
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      const parent = node.parentElement?.localName;
      if (parent !== "script" && parent !== "style" && isProse(node.textContent ?? "")) found.push(`text: ${(node.textContent ?? "").trim()}`);
      continue;
    }
    const element = node as Element;
    const attributes = [...VISIBLE_ATTRIBUTES];
    // A button's words can sit in its value, and a description's in its content.
    if (element.localName === "input" && /^(submit|button|reset)$/i.test(element.getAttribute("type") ?? "")) attributes.push("value");
    if (element.localName === "meta" && element.getAttribute("name") === "description") attributes.push("content");
    for (const name of attributes) {
      const value = element.getAttribute(name);
      if (value && isProse(value)) found.push(`${name}="${value}"`);
    }
  }
  return found;
}

/** Message keys a template uses: `ui.key` (a page's strings) and `"key" | t(...)` (the filter). */
function usedKeys(source: string): { ui: string[]; filter: string[] } {
  return {
    ui: [...source.matchAll(/\bui\.([A-Za-z_]\w*)/g)].map((m) => m[1]!),
    filter: [...source.matchAll(/(["'])([A-Za-z_]\w*)\1\s*\|\s*t\b/g)].map((m) => m[2]!),
  };
}

describe("templates without prose of their own", () => {
  it("finds prose when there is some, and none in punctuation or values", () => {
    expect(ownText(`<p>{{ a }} · {{ b }} – ©</p><nav aria-label="{{ ui.x }}">…</nav>`)).toEqual([]);
    expect(ownText(`<p>{{ count }} signatories</p>`)).toEqual(["text: signatories"]);
    expect(ownText(`<nav aria-label="Pages">{# Comments may say anything. #}</nav>`)).toEqual(['aria-label="Pages"']);
    expect(ownText(`---\neleventyComputed:\n  pageTitle: "History: {{ x }}"\n---\n`)).toEqual(["pageTitle: History: "]);
    expect(ownText(`<p>(PDF, {{ size }})</p>`)).toEqual([]);
  });

  it("leaves no text node, visible attribute or page title with words in any template", async () => {
    for (const { path, source } of await templateFiles()) expect(ownText(source), path).toEqual([]);
  });

  it("uses only keys the English catalogue has, and `ui.` only for messages without arguments", async () => {
    const en = catalogues.en!.messages;
    for (const { path, source } of await templateFiles()) {
      const { ui, filter } = usedKeys(source);
      for (const key of [...ui, ...filter]) expect(Object.keys(en), `${path}: ${key}`).toContain(key);
      // `ui` holds each message once, rendered without arguments: a message with arguments needs the filter.
      for (const key of ui) expect(hasMessage(key) ? Object.keys(argumentsOf(key)) : ["not a key"], `${path}: ui.${key}`).toEqual([]);
    }
  });

  it("uses every key of the catalogue somewhere, in a template or in src/", async () => {
    const sources = [...(await templateFiles()).map((f) => f.source)];
    for (const entry of await readdir(join(PROJECT, "src"), { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile() && entry.name.endsWith(".ts") && !/^i18n[/\\]/.test(relative(join(PROJECT, "src"), path))) sources.push(await readFile(path, "utf8"));
    }
    const all = sources.join("\n");
    for (const key of Object.keys(catalogues.en!.messages)) {
      // status_open, type_individual: looked up by a prefix and a value (`status_${letter.status}`).
      const prefix = /^(status|type)_/.exec(key)?.[1];
      const used = all.includes(`"${key}"`) || all.includes(`'${key}'`) || all.includes(`ui.${key}`) || (prefix !== undefined && all.includes(`${prefix}_\${`));
      expect(used, key).toBe(true);
    }
  });
});

describe("a translated letter that can be signed", () => {
  it("shows the French page's sign form in French, and the English page's in English", async () => {
    const root = await tempDir();
    await cp(fixture("translated"), root, { recursive: true });
    await writeFile(join(root, "letters/site.yaml"), "title: Translated and signable\nlang: en\nrepository: https://github.com/example-org/letters\nsign_email: sign@example.org\n");
    const site = join(root, "_site");
    const result = await runScript("build.ts", ["--root", root, "--output", site], { OPEN_LETTERS_PDF: "0" });
    expect(result.code, result.stderr).toBe(0);

    const fr = await readPage(site, "appeal/fr/index.html");
    const form = fr.querySelector(".sign")!;
    expect(text(form.querySelector("h2"))).toBe("Signer cette lettre");
    expect(text(form.querySelector('label[for="sign-name"]'))).toBe("Nom (obligatoire)");
    expect(text(form.querySelector("fieldset legend"))).toBe("Vous signez");
    expect(text(form.querySelector("button[type=submit]"))).toBe("Signer sur GitHub");
    expect(text(form.querySelector(".sign-manual summary"))).toBe("Comment signer, y compris sans compte GitHub");
    expect(text(fr.querySelector(".skip-link"))).toBe("Aller au contenu");

    const en = await readPage(site, "appeal/index.html");
    expect(text(en.querySelector(".sign fieldset legend"))).toBe("You sign as");
    expect(text(en.querySelector('.sign label[for="sign-name"]'))).toBe("Name (required)");
  });
});
