// Benchmark corpora, generated on demand (nothing large is committed). Released versions are written
// directly with the same hashing and record format as `npm run release`, which would be too slow to call
// 600 times.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { sha256 } from "../../src/model/hash.ts";
import { derivedId, signatoryKey } from "../../src/load/signatories.ts";
import { formatRecord } from "../../src/load/versions.ts";

const COUNTRIES = ["BE", "FR", "DE", "NL", "PT", "US", "BR", "IN", "KE", "JP"];

function person(i: number): { name: string; type: string; affiliation: string; country: string } {
  return { name: `Person ${i} Example`, type: i % 10 === 0 ? "organization" : "individual", affiliation: `Organisation ${i % 997}`, country: COUNTRIES[i % COUNTRIES.length]! };
}

const yamlEntry = (p: ReturnType<typeof person>, signed?: string) =>
  `name: ${p.name}\ntype: ${p.type}\naffiliation: ${p.affiliation}\ncountry: ${p.country}\n${signed ? `signed: ${signed}\n` : ""}`;

/**
 * Body sentences in the scripts a translated letter needs fonts for, so the multilingual bench typesets
 * Han, kana, Hangul, Tamil and Arabic as a real letter would, not Latin placeholders in every language.
 */
const SENTENCES: Record<string, string> = {
  ja: "私たちは、暗号化についてお手紙を差し上げます。暗号化は全ての人を守ります。",
  "zh-CN": "我们就加密问题致函各位。加密保护每一个人的安全。",
  ko: "우리는 암호화에 관하여 이 편지를 드립니다. 암호화는 모든 사람을 안전하게 지킵니다.",
  ta: "குறியாக்கம் பற்றி உங்களுக்கு எழுதுகிறோம். அது அனைவரையும் பாதுகாக்கிறது.",
  ar: "نكتب إليكم بشأن التشفير. إنه يحمي الجميع.",
};

function letterMd(title: string, lang: string, extra = ""): string {
  const own = SENTENCES[lang];
  const body = own ? `${own}[^1] ${own.repeat(6)}` : `We write to you about encryption.[^1] ${"It keeps everyone safe. ".repeat(20)}`;
  return `---\ntitle: ${title}\ndate: 2024-01-01\nlang: ${lang}\n${extra}---\n\n${body}\n\nA second paragraph for the ${lang} text.\n\n[^1]: <https://example.org/source>\n`;
}

function site(root: string): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "letters"), { recursive: true });
  writeFileSync(join(root, "letters/site.yaml"), "title: Benchmark\nlang: en\n");
}

/** Writes versions.yaml and versions/<n>/ exactly as a release would. */
function release(letterDir: string, versions: { date: string; texts: Record<string, string>; added: string[] }[]): void {
  const manifest = versions.map((v, i) => {
    const dir = join(letterDir, "versions", String(i + 1));
    mkdirSync(dir, { recursive: true });
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(v.texts)) {
      writeFileSync(join(dir, name), text);
      files[name] = sha256(text);
    }
    // Entries have no id: yet, so each is recorded by the id derived from its key, as release does.
    const record = formatRecord(i + 1, v.added.map((key) => ({ id: derivedId(key), read: i + 1 })));
    writeFileSync(join(dir, "signatories.txt"), record);
    files["signatories.txt"] = sha256(record);
    return { version: i + 1, date: v.date, files };
  });
  writeFileSync(join(letterDir, "versions.yaml"), stringify(manifest));
}

/** One released letter with `count` signatories, one file each or one list. */
export function bigLetter(root: string, count: number, layout: "files" | "list"): void {
  site(root);
  const dir = join(root, "letters/big");
  mkdirSync(join(dir, "signatories"), { recursive: true });
  const text = letterMd("A letter signed by many", "en");
  writeFileSync(join(dir, "letter.md"), text);
  const keys: string[] = [];
  if (layout === "list") {
    const people = Array.from({ length: count }, (_, i) => person(i));
    writeFileSync(join(dir, "signatories/all.yaml"), people.map((p) => `- ${yamlEntry(p).replace(/\n(?=.)/g, "\n  ")}`).join(""));
    for (const p of people) keys.push(signatoryKey("all.yaml", p));
  } else {
    for (let i = 0; i < count; i++) {
      const name = `p${String(i).padStart(6, "0")}.yaml`;
      writeFileSync(join(dir, "signatories", name), yamlEntry(person(i)));
      keys.push(name);
    }
  }
  release(dir, [{ date: "2024-01-01", texts: { "letter.md": text }, added: keys }]);
}

/** Adds one signatory after the release, as a pull request would. */
export function addSignatory(root: string, name: string): void {
  writeFileSync(join(root, "letters/big/signatories/zz-new.yaml"), `name: ${name}\nsigned: 2024-06-01\n`);
}

/**
 * A Google Forms export of `rows` signatures for the letter bigLetter wrote: messy as real ones are
 * (names in several scripts, stray spaces, quotes and commas, a country by name or by code, empty
 * cells), with every 50th row signing again and the first rows already on the letter (Person 0..).
 */
export function signaturesCsv(path: string, rows: number): void {
  const names = ["María José  García", "O'Brien, Seán", "陈静", "Ελένη Παπαδοπούλου", "محمد الأحمد", 'Jane "JD" Doe', "Nguyễn Văn An", "Zoë Ångström"];
  const countries = ["Portugal", "BE", "Deutschland", "Japan", "", "fr", "United States"];
  const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [["Timestamp", "Email Address", "Full name", "Organisation", "Role", "Country", "Website"].map(cell).join(",")];
  for (let i = 0; i < rows; i++) {
    const n = i % 50 === 49 ? i - 1 : i; // a second submission by the same person
    const name = n < 100 ? person(n).name : `${names[n % names.length]} ${n}`;
    const day = 1 + (n % 28);
    lines.push([`${1 + (n % 12)}/${day}/2024 14:03:11`, `s${n}@example.org`, name, n % 3 ? `Organisation ${n % 997}` : "", n % 4 ? "Researcher" : "", countries[n % countries.length]!, n % 5 ? "" : `https://example.org/${n}`].map(cell).join(","));
  }
  writeFileSync(path, `\ufeff${lines.join("\r\n")}\r\n`);
}

/** `letters` letters, each with 3 versions, 2 languages and `perLetter` signatories. */
export function manyLetters(root: string, letters: number, perLetter: number): void {
  site(root);
  const dates = ["2024-01-01", "2024-02-01", "2024-03-01"];
  for (let l = 0; l < letters; l++) {
    const dir = join(root, "letters", `letter-${String(l).padStart(3, "0")}`);
    mkdirSync(join(dir, "signatories"), { recursive: true });
    const versions = dates.map((date, v) => ({
      date,
      texts: {
        "letter.md": letterMd(`Letter ${l}, version ${v + 1}`, "en"),
        "letter.fr.md": letterMd(`Lettre ${l}, version ${v + 1}`, "fr", `follows: ${v + 1}\n`).replace(/date: .*\n/, ""),
      },
      added: [] as string[],
    }));
    const files = [[], [], []] as string[][];
    for (let i = 0; i < perLetter; i++) {
      const v = i % 3;
      files[v]!.push(`- ${yamlEntry(person(i), dates[v]).replace(/\n(?=.)/g, "\n  ")}`);
      versions[v]!.added.push(signatoryKey(`v${v + 1}.yaml`, person(i)));
    }
    files.forEach((entries, v) => writeFileSync(join(dir, `signatories/v${v + 1}.yaml`), entries.join("")));
    release(dir, versions);
    writeFileSync(join(dir, "letter.md"), versions[2]!.texts["letter.md"]);
    writeFileSync(join(dir, "letter.fr.md"), versions[2]!.texts["letter.fr.md"]);
  }
}

/** One letter with `count` one-file signatories translated into `languages` languages. */
export function translatedLetter(root: string, count: number, languages: readonly string[]): void {
  bigLetter(root, count, "files");
  const dir = join(root, "letters/big");
  const texts: Record<string, string> = { "letter.md": letterMd("A letter signed by many", "en") };
  for (const lang of languages) {
    texts[`letter.${lang}.md`] = letterMd(`Letter (${lang})`, lang, "follows: 1\n").replace(/date: .*\n/, "").replace(/lang: .*\n/, "");
    writeFileSync(join(dir, `letter.${lang}.md`), texts[`letter.${lang}.md`]!);
  }
  const keys = Array.from({ length: count }, (_, i) => `p${String(i).padStart(6, "0")}.yaml`);
  rmSync(join(dir, "versions"), { recursive: true });
  release(dir, [{ date: "2024-01-01", texts, added: keys }]);
  // Handed over after its release: the build writes that day's delivery pack (the letter, an annex with
  // the counts and the whole list, the version's address and hash), one more PDF of every name.
  mkdirSync(join(dir, "updates"), { recursive: true });
  writeFileSync(join(dir, "updates/2024-02-01-delivered.md"), "---\ntitle: Handed to the ministry\ndate: 2024-02-01\nkind: delivered\n---\n\nWe handed the letter and its signatures to the ministry.\n");
}

/** The bare-Eleventy baseline: `pages` plain Markdown pages. */
export function plainPages(root: string, pages: number): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (let i = 0; i < pages; i++) {
    writeFileSync(join(root, `page-${i}.md`), `---\ntitle: Page ${i}\n---\n\n# Page ${i}\n\n${"Some text. ".repeat(60)}\n`);
  }
}

/**
 * The peers' version of translatedLetter: the site a coalition would otherwise keep, one YAML data file
 * per signatory and one HTML page per language listing every name (no PDF), for Jekyll or for Hugo.
 */
export function peerSite(root: string, count: number, languages: readonly string[], peer: "jekyll" | "hugo"): void {
  rmSync(root, { recursive: true, force: true });
  const data = join(root, peer === "jekyll" ? "_data/signatories" : "data/signatories");
  mkdirSync(data, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(data, `p${String(i).padStart(6, "0")}.yaml`), yamlEntry(person(i)));
  const pages = join(root, peer === "jekyll" ? "" : "content");
  mkdirSync(pages, { recursive: true });
  for (const lang of ["en", ...languages]) {
    const text = letterMd(`Letter (${lang})`, lang).replace(/^---\n[\s\S]*?\n---\n/, "");
    writeFileSync(join(pages, `${lang}.md`), `---\ntitle: Letter (${lang})\nlang: ${lang}\n${peer === "jekyll" ? "layout: letter\n" : ""}---\n${text}`);
  }
  if (peer === "jekyll") {
    writeFileSync(join(root, "_config.yml"), "title: Benchmark\nmarkdown: kramdown\n");
    mkdirSync(join(root, "_layouts"), { recursive: true });
    writeFileSync(join(root, "_layouts/letter.html"),
      `<!doctype html><html lang="{{ page.lang }}"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>{{ content }}\n` +
      `<ol>{% for s in site.data.signatories %}{% assign p = s[1] %}<li>{{ p.name | escape }}{% if p.affiliation %}, {{ p.affiliation | escape }}{% endif %} ({{ p.country }})</li>{% endfor %}</ol></main></body></html>\n`);
  } else {
    writeFileSync(join(root, "hugo.toml"), `baseURL = "https://example.org/"\ntitle = "Benchmark"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n`);
    mkdirSync(join(root, "layouts/_default"), { recursive: true });
    writeFileSync(join(root, "layouts/_default/single.html"),
      `<!doctype html><html lang="{{ .Params.lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}\n` +
      `<ol>{{ range $k, $p := .Site.Data.signatories }}<li>{{ $p.name }}{{ with $p.affiliation }}, {{ . }}{{ end }} ({{ $p.country }})</li>{{ end }}</ol></main></body></html>\n`);
    writeFileSync(join(root, "layouts/_default/list.html"), "<!doctype html><title>{{ .Title }}</title>\n");
  }
}
