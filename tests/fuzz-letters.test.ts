// A fuzz harness: fast-check writes whole letter folders into a copy of a small fixture site (signatory
// names in many scripts with control, format and bidi characters; hostile file and folder names; front
// matter values; Markdown with raw HTML, links and images of every scheme, nested quotes, footnotes) and
// checks what npm run check and npm run build make of them:
//   1. they agree: the build succeeds exactly when the check finds no error but those of the rules only
//      the check applies by design (see tests/helpers/site-worker.ts); for a draft, which the build does
//      not publish, the check is at least as strict;
//   2. neither fails with anything but the project's user errors (src/model/errors.ts), nor hangs: no bug;
//   3. the build writes nothing outside its output folder, and no link in it leads out;
//   4. nothing generated reaches a page as markup: no injected element or attribute, no href or src with
//      a scheme but http(s) or mailto, nothing loaded from another host; and no unguarded formula in the CSV.
// The letter is frozen as version 1 by hand (as an old release was, before editions), so that what check
// reads and what the build publishes are the same text, whether or not check accepts it. PDFs are
// typeset for real: a small letter takes Typst a tenth of a second. Both run in a worker process with
// their functions (checkSite, buildSite), as tests/gate-property.test.ts builds.
// FUZZ_SEED=<n> replays a run (fast-check prints the seed and the shrunk case on failure); FUZZ_RUNS=<n>
// runs more cases than the suite's 40 (each run draws new ones: the suite must stay within 150 s).
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { promisify } from "node:util";
import { cp, lstat, mkdir, readFile, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import { DOMParser, parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/model/hash.ts";
import { formatRecord } from "../src/load/versions.ts";
import { normaliseNewlines } from "../src/load/files.ts";
import { RESULT_MARK, type BuildAnswer, type CheckAnswer, type WorkerRequest } from "./helpers/site-worker.ts";
import { PROJECT, fixture, tempDir } from "./helpers/site.ts";

const run = promisify(execFile);

// ---- What the fuzzer writes ----

/** The marks of injected markup: an element or attribute with "fuzz" in its name is one the input made. */
const MARKUP = [
  `<x-fuzz onfuzz="1">`, `</x-fuzz>`, `"><x-fuzz onfuzz=1>`, `' onfuzz='1`, `" onfuzz="1`, `<script>fuzz()</script>`,
  `<img src=x onfuzz=1>`, `<svg onload=fuzz()>`, `<a href="javascript:fuzz()">`, `javascript:fuzz()`, `&lt;x-fuzz&gt;`,
  `&#60;x-fuzz onfuzz=1&#62;`, `<!--`, `-->`, `]]>`, `{{ fuzz }}`, `{% raw %}`, `\${fuzz}`, `#set page(width: 1pt)`,
  `=HYPERLINK("https://evil.example")`, `+1`, `-1+1`, `@SUM(A1)`, ` =1`, `\u00a0=1`, `\u200b@x`, `\t=1`,
];
/** Words the PDF fonts print (Latin, Greek, Cyrillic, Arabic, Hebrew), and words they do not (names only warn). */
const COVERED = ["Jane", "Doe", "Émile", "Nguyễn", "Ångström", "مُحَمَّد", "الأحمد", "מִרְיָם", "Анна", "Ελένη", "O'Neil", "a\u0301"];
const SCRIPTS = [...COVERED, "山田太郎", "田中みどり", "김민준", "สมชายใจดี", "अनिल", "👩🏽‍🔬", "Z̤͔ͧ̑"];
const CONTROLS = ["\u0000", "\u0007", "\u001b[31m", "\b", "\r", "\n", "\r\n", "\t", "\u007f", "\u0085", "\u2028", "\u2029"];
/** What is not quite a character: lone surrogates (only a YAML escape writes them), noncharacters, private use, tags. */
const NOT_CHARACTERS = ["\ud800", "\udfff", "\ufffe", "\uffff", "\u{10ffff}", "\u{e0001}", "\ufffd", "\ue000", "\ufdd0", "\u{1d173}"];
const FORMAT = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u00ad", "\ufeff", "\u061c", "\u2800", "\u180e"];
const YAMLISH = [": ", "- ", " #", "&a", "*a", "!!binary", "|", ">", "'", '"', "\\", "%", "? ", "---", "..."];

/** Text a reader might see: names in many scripts with markup, template and formula syntax among them. */
const soft = (max = 4, words: readonly string[] = SCRIPTS) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.constantFrom(...MARKUP, ...YAMLISH) }), { minLength: 1, maxLength: max })
    .map((parts) => parts.join(" "));
/** Text of the letter itself, printed in its PDF: in the scripts its fonts have. */
const letterText = (max = 4) => soft(max, COVERED);
/** Text with control, format or bidi characters in it, which the check must refuse or the build make harmless. */
const hard = fc.tuple(soft(3, COVERED), fc.array(fc.tuple(fc.oneof(fc.constantFrom(...CONTROLS), fc.constantFrom(...FORMAT), fc.constantFrom(...NOT_CHARACTERS)), fc.nat()), { minLength: 1, maxLength: 2 }))
  .map(([t, inserts]) => inserts.reduce((s, [c, at]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)), t));

const URLS = [
  "&#x6A;avascript:fuzz()", "javascript&colon;fuzz()", "%6Aavascript:fuzz()", "\\\\evil.example\\x", "javascript:fuzz()", "JaVaScRiPt:fuzz()", "java\tscript:fuzz()", " javascript:fuzz()", "vbscript:fuzz", "data:text/html,<x-fuzz onfuzz=1>",
  "//evil.example/x", "https://exa mple.org", "file:///etc/passwd", "#top", "relative/page", "../../../etc/passwd", "/root", "https://example.org/a b",
];
/** Addresses that are fine to link to, odd as some look. */
const SAFE_URLS = ["https://example.org/a", "http://example.org/", "mailto:jane@example.org", "https://example.org/<x-fuzz onfuzz=1>", `https://example.org/"onfuzz="1`, "https://example.org/?q=<x-fuzz>&a='1'"];
const IMAGES = ["javascript:fuzz()", "data:image/png;base64,iVBORw0KGgo=", "https://evil.example/i.png", "//evil.example/i.png", "i.png", "../../etc/passwd", "/assets/favicon.svg", "data:image/svg+xml,<svg onload=fuzz()>", "java\nscript:fuzz()"];

/** Inline Markdown; `links` are the addresses its links and images take. */
const inline = (links: readonly string[]) => fc.oneof(
  { weight: 8, arbitrary: letterText(5) },
  { weight: 4, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: letterText(2).map((s) => `*${s}*`) },
  { weight: 4, arbitrary: fc.tuple(letterText(2), fc.constantFrom(...links)).map(([t, u]) => `[${t}](${u})`) },
  { weight: 2, arbitrary: fc.constantFrom(...links).map((u) => `<${u}>`) },
  { weight: 2, arbitrary: fc.constantFrom(...links).map((u) => `[ref][r]\n\n[r]: ${u}`) },
  { weight: 2, arbitrary: fc.constantFrom("`<x-fuzz onfuzz=1>`", "```\n<x-fuzz onfuzz=1>\n```", "<div onfuzz=1><x-fuzz>block</x-fuzz></div>", "<style>x-fuzz{}</style>", "<iframe src=//evil.example></iframe>", "&#x6A;avascript:fuzz()", "<https://example.org/<x-fuzz>>") },
);
/** A paragraph inside up to four quotes and lists. */
const block = (links: readonly string[]) => fc.tuple(fc.array(fc.constantFrom("> ", "- ", "1. "), { maxLength: 4 }), fc.array(inline(links), { minLength: 1, maxLength: 4 }))
  .map(([prefix, parts]) => prefix.join("") + parts.join(" "));
/** Blocks, and notes each cited once from a block, as a letter has them. */
const body = fc.tuple(
  fc.array(block(SAFE_URLS), { minLength: 1, maxLength: 5 }),
  fc.uniqueArray(fc.tuple(fc.constantFrom("a", "b", "x-fuzz", "ñ", "1"), inline(SAFE_URLS), fc.nat()), { maxLength: 2, selector: ([label]) => label }),
).map(([blocks, notes]) => {
  const text = [...blocks];
  for (const [label, , at] of notes) text[at % text.length] += `[^${label}]`;
  return `${[...text, ...notes.map(([label, note]) => `[^${label}]: ${note}`)].join("\n\n")}\n`;
});

/** Signatory file names the check takes (one looks like markup, harmlessly). */
const fileName = fc.constantFrom("jane-doe", "list", "a-list", "signatories-2024", "b", "x-fuzz-onfuzz-1").map((stem) => `${stem}.yaml`);
/** File names a file system takes (no slash, no NUL, at most 255 bytes) that the check refuses or must read with care. */
const hostileFileName = fc.oneof(
  fc.tuple(soft(3).map((s) => s.replace(/[/\u0000]/g, "_")), fc.constantFrom(".yaml", ".yml", ".YAML", "", ".json", ".yaml.bak", ".yaml ")).map(([stem, ext]) => stem + ext),
  fc.constantFrom("...yaml", ".hidden.yaml", "-rf.yaml", "con.yaml", "a b.yaml", "%2e%2e.yaml", "x-fuzz onfuzz=1.yaml", "<x-fuzz>.yaml", "café.yaml", "cafe\u0301.yaml", "A.yaml", `${"ä".repeat(120)}.yaml`, "a\nb.yaml", "a\u202eb.yaml", "$(fuzz).yaml", "`fuzz`.yaml", "..", "."),
).filter((n) => n !== "." && n !== ".." && Buffer.byteLength(n) <= 255);

const signatory = fc.record({
  name: soft(3),
  type: fc.option(fc.constantFrom("individual", "organization"), { nil: undefined }),
  title: fc.option(soft(3), { nil: undefined }),
  affiliation: fc.option(soft(3), { nil: undefined }),
  group: fc.option(fc.oneof(fc.constantFrom("Original signatories", "الموقعون"), soft(2)), { nil: undefined }),
  url: fc.option(fc.constantFrom(...SAFE_URLS), { nil: undefined }),
  country: fc.option(fc.constantFrom("BE", "JP", "TH", "IL"), { nil: undefined }),
}, { requiredKeys: ["name"] });

const frontMatter = fc.record({
  title: letterText(4),
  date: fc.constant("2024-05-01"),
  to: fc.array(letterText(3), { maxLength: 2 }),
  salutation: fc.option(letterText(3), { nil: undefined }),
  summary: fc.option(letterText(4), { nil: undefined }),
  lang: fc.option(fc.constantFrom("en", "fr", "ar", "he"), { nil: undefined }),
  status: fc.constantFrom<string>("open", "closed"),
  heading: fc.option(letterText(3), { nil: undefined }),
  note: fc.option(letterText(3), { nil: undefined }),
  order: fc.option(fc.constantFrom("as-listed", "alphabetical"), { nil: undefined }),
}, { requiredKeys: ["title", "date", "to", "status"] });

/** A letter the check should take, hostile as its values look. */
const gentle = fc.record({
  folder: fc.constant<string>("fuzz"),
  front: frontMatter,
  body,
  translation: fc.option(fc.record({ lang: fc.constantFrom<string>("de", "ru", "el"), title: letterText(3), body }), { nil: undefined, freq: 4 }),
  // Each value a double-quoted scalar, so the file holds exactly the generated text; raw only by mutation.
  files: fc.uniqueArray(fc.record({ name: fileName, raw: fc.constant<boolean>(false), single: fc.boolean(), entries: fc.array(signatory, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 4, selector: (f) => f.name }),
  /** Whole files written as they are, by path in the letter folder (mutations add them). */
  extra: fc.constant<[string, string][]>([]),
  /** site.yaml's title and language, when a mutation sets them. */
  site: fc.constant<{ title?: string; lang?: string }>({}),
  /** Files that are not plain files, by path in the letter folder (mutations add them). */
  special: fc.constant<[string, (typeof SPECIALS)[number]][]>([]),
});
type Gentle = typeof gentle extends fc.Arbitrary<infer T> ? T : never;

/**
 * What makes a gentle letter hostile: one or two of these, each with a value and a place (which file,
 * which entry). Most make the check refuse the letter; some it must take and the build make harmless.
 */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      "front text", "signatory text", "file name", "signatory url", "body link", "body image", "raw yaml", "odd value", "folder", "uncovered script",
      "draft", "footnote", "special file", "translation name", "nesting", "long text", "raw file", "front matter", "site", "withdrawn",
    ),
    hard, hostileFileName, url: fc.constantFrom(...URLS), image: fc.constantFrom(...IMAGES), at: fc.nat(), odd: fc.nat(),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

const ODD_FRONT: [string, string][] = [
  ["date", "2024-02-30"], ["date", "May 1st"], ["lang", "x-fuzz"], ["lang", "en\u202e"], ["lang", "<x-fuzz>"], ["lang", "th"], ["lang", "ja"],
  ["slug", "../escape"], ["slug", "assets"], ["slug", "first-letter"], ["slug", "schemas"], ["slug", "fuzz-2"], ["slug", "index"],
];
/** Translation file names: letter.<lang>.md, the language also a path segment of its pages. */
const TRANSLATION_LANGS = ["x-fuzz", "EN", "en-", "zh-Hant-TW", "..", "", "en\u202e", "%2e%2e", "con", "en GB", "fr.md", "<x-fuzz>", "de-CH-1996", "fr"];
/** Signatory files whose text YAML reads otherwise than a name: aliases (a bomb of them), tags, merges, several documents. */
const RAW_FILES = [
  "a: &a [*a, *a]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: &d [*c, *c, *c, *c]\nname: *d\n",
  "name: !!js/function 'function () { fuzz() }'\n", "name: !<tag:yaml.org,2002:binary> aGVsbG8=\n", "<<: {name: Jane}\nname: Jane\n",
  "name: Jane\n---\nname: Doe\n", "name: Jane\nname: Doe\n", "[name: Jane]\n", "- name: [[[[[[[[[[[[[[[[[[[[Jane]]]]]]]]]]]]]]]]]]]]\n",
  "\ufeffname: Jane\r\n", "name: 0x10\n", "name: 2024-05-01\n", "name: ~\n", "name: .nan\n", "name: \"\\ud800\"\n", "\u0000", "",
];
/** Front matter that is not what a letter needs: no closing line, not a mapping, YAML tags, a BOM, CRLF. */
const FRONT_MATTERS = [
  "---\ntitle: Jane\ndate: 2024-05-01\n\nText without the closing line.\n", "---\n- a list\n---\n\nText.\n", "---\ntitle: !!binary aGVsbG8=\ndate: 2024-05-01\n---\n\nText.\n",
  "\ufeff---\r\ntitle: Jane\r\ndate: 2024-05-01\r\n---\r\n\r\nText.\r\n", "---\ntitle: Jane\ndate: 2024-05-01\nunknown: <x-fuzz>\n---\n\nText.\n",
  "---\n---\n\nText.\n", "Text without front matter.\n", "---\ntitle: Jane\ndate: 2024-05-01\n---\n", "---js\n{ title: 'Jane' }\n---\n\nText.\n",
];
const SPECIALS = ["fifo", "folder", "link to outside", "link to system", "link to nothing", "link to itself"] as const;
const SPECIAL_PATHS = ["signatories/special.yaml", "letter.de.md", "signatories", "versions.yaml", "versions/1/letter.md", "versions", "versions/1", "letter.md", "reviewed.yaml", "versions/1/signatories.txt"];
const ODD_SIGNATORY: [string, string][] = [["type", "robot"], ["country", "xx"], ["country", "B\u200bE"], ["signed", "2024-13-01"], ["id", "<x-fuzz>"], ["version", "0"]];
const FOLDERS = ["Fuzz", "fuzz letter", "fuzz-ü", "-fuzz", ".fuzz", "assets", "schemas", "fuzz--x", "<x-fuzz>", "fuzz\u202e", "fuzz\n", "v1", "404.html"];

function mutate(c: Gentle, m: Mutation): Gentle {
  const next: Gentle = structuredClone(c);
  const file = next.files[m.at % next.files.length]!;
  const entry = file.entries[m.at % file.entries.length]!;
  const frontKeys = ["title", "salutation", "summary", "heading", "note"] as const;
  switch (m.kind) {
    case "front text": next.front[frontKeys[m.odd % frontKeys.length]!] = m.hard; break;
    case "signatory text": entry[(["name", "title", "affiliation", "group"] as const)[m.odd % 4]!] = m.hard; break;
    case "file name": file.name = m.hostileFileName; break;
    case "signatory url": entry.url = m.url; break;
    case "body link": next.body += `\n[link](${m.url}) <${m.url}>\n`; break;
    case "body image": next.body += `\n![image](${m.image})\n`; break;
    case "raw yaml": file.raw = true; break;
    case "odd value": {
      if (m.odd % 2) Object.assign(next.front, Object.fromEntries([ODD_FRONT[m.at % ODD_FRONT.length]!]));
      else Object.assign(entry, Object.fromEntries([ODD_SIGNATORY[m.at % ODD_SIGNATORY.length]!]));
      break;
    }
    case "folder": next.folder = FOLDERS[m.at % FOLDERS.length]!; break;
    case "uncovered script": next.body += `\n${SCRIPTS[COVERED.length + (m.at % (SCRIPTS.length - COVERED.length))]}\n`; break;
    case "draft": next.front.status = "draft"; break;
    case "footnote": next.body += m.odd % 2 ? "\nCited, never defined.[^zz]\n" : "\n[^yy]: Defined, never cited.\n"; break;
    case "special file": next.special.push([SPECIAL_PATHS[m.at % SPECIAL_PATHS.length]!, SPECIALS[m.odd % SPECIALS.length]!]); break;
    case "translation name": next.translation = { lang: TRANSLATION_LANGS[m.at % TRANSLATION_LANGS.length]!, title: "Übersetzung", body: "Text.\n" }; break;
    case "nesting": next.body += `\n${"> ".repeat(10 + (m.at % 10))}Deep.\n`; break;
    case "long text": {
      const long = "Jane ".repeat(m.odd % 2 ? 199 : 201).trim();
      if (m.at % 2) entry.name = long;
      else next.front.title = long;
      break;
    }
    case "raw file": next.extra.push([`signatories/raw-${m.at % 100}.yaml`, RAW_FILES[m.odd % RAW_FILES.length]!]); break;
    case "front matter": next.extra.push(["letter.md", FRONT_MATTERS[m.odd % FRONT_MATTERS.length]!]); break;
    case "site": next.site = m.odd % 3 ? { title: m.odd % 2 ? m.hard : SCRIPTS[m.at % SCRIPTS.length]! } : { lang: ODD_FRONT.filter(([k]) => k === "lang")[m.at % 5]![1] }; break;
    case "withdrawn": file.entries.push({ name: WITHDRAWN, withdrawn: m.odd % 2 ? "2024-05-02" : "2024-04-01" } as (typeof file.entries)[number]); break;
  }
  return next;
}

/** Half the letters gentle, half with one or two mutations. */
const letterCase = fc.tuple(gentle, fc.array(mutation, { maxLength: 2 })).map(([c, ms]) => ms.reduce(mutate, c));

type LetterCase = typeof letterCase extends fc.Arbitrary<infer T> ? T : never;

const q = (s: string) => JSON.stringify(s);
const DATE = "2024-05-01";

function frontMatterText(c: LetterCase["front"], translation?: string): string {
  const lines = [`title: ${q(c.title)}`, ...(translation ? [`follows: 1`] : [`date: ${q(c.date)}`])];
  if (c.to.length) lines.push("to:", ...c.to.map((t) => `  - ${q(t)}`));
  if (c.salutation !== undefined) lines.push(`salutation: ${q(c.salutation)}`);
  if (c.summary !== undefined) lines.push(`summary: ${q(c.summary)}`);
  if ((translation ?? c.lang) !== undefined) lines.push(`lang: ${q((translation ?? c.lang)!)}`);
  if (!translation) lines.push(`status: ${c.status}`);
  const display = { heading: c.heading, note: c.note, ...(translation ? {} : { order: c.order }) };
  const shown = Object.entries(display).filter(([, v]) => v !== undefined);
  if (shown.length) lines.push("signatories:", ...shown.map(([k, v]) => `  ${k}: ${q(v!)}`));
  return `---\n${lines.join("\n")}\n---\n\n`;
}

function signatoryYaml(file: LetterCase["files"][number]): string {
  const value = (v: string) => (file.raw ? v : q(v));
  const mapping = (s: LetterCase["files"][number]["entries"][number], indent: string) =>
    (Object.entries(s) as [string, string | undefined][]).filter(([, v]) => v !== undefined).map(([k, v], i) => `${i === 0 ? "" : indent}${k}: ${value(v!)}`).join("\n");
  if (file.single) return `${mapping(file.entries[0]!, "")}\n`;
  return `${file.entries.map((s) => `- ${mapping(s, "  ")}`).join("\n")}\n`;
}

interface Written {
  /** The fresh folder holding the site root, the output and the PDF cache. */
  base: string;
  root: string;
  output: string;
  pdfCache: string;
}

/** A withdrawn signatory's name: it must appear in no output file. */
const WITHDRAWN = "Wilhelmina Fuzzwithdrawn";
/** A name only the file outside the repository holds. */
const OUTSIDE = "Outside Secret";

/** Writes `name` frozen as `content` in version 1, with its hash in versions.yaml. */
async function freezeAgain(dir: string, name: string, content: string): Promise<void> {
  await writeFile(join(dir, "versions/1", name), normaliseNewlines(content));
  const manifest = await readFile(join(dir, "versions.yaml"), "utf8");
  await writeFile(join(dir, "versions.yaml"), manifest.replace(new RegExp(`(${q(name).replace(/[.]/g, "\\.")}: )[0-9a-f]+`), `$1${sha256(normaliseNewlines(content))}`));
}

/** The fixture site, and the case's letter frozen as its version 1 (texts and an empty record, hashed). */
/**
 * Whether the case's letter is a draft: its front matter's status, unless a mutation wrote letter.md
 * whole (none of those front matters says draft, so the letter is then the released version 1).
 */
const isDraft = (c: LetterCase) => c.front.status === "draft" && !c.extra.some(([path]) => path === "letter.md");

async function writeCase(c: LetterCase): Promise<Written> {
  const base = await tempDir("fuzz-letters-");
  const root = join(base, "root");
  await cp(fixture("fuzz"), root, { recursive: true });
  if (c.site.title !== undefined || c.site.lang !== undefined) {
    const site = await readFile(join(root, "letters/site.yaml"), "utf8");
    await writeFile(join(root, "letters/site.yaml"), site.replace(/^title: .*$/m, `title: ${q(c.site.title ?? "Fuzz Coalition")}`).replace(/^lang: .*$/m, `lang: ${q(c.site.lang ?? "en")}`));
  }
  const dir = join(root, "letters", c.folder);
  await mkdir(join(dir, "signatories"), { recursive: true });
  await mkdir(join(dir, "versions/1"), { recursive: true });
  const texts: Record<string, string> = { "letter.md": frontMatterText(c.front) + c.body };
  if (c.translation) texts[`letter.${c.translation.lang}.md`] = frontMatterText({ ...c.front, title: c.translation.title }, c.translation.lang) + c.translation.body;
  const hashes: Record<string, string> = {};
  for (const [name, content] of Object.entries(texts)) {
    await writeFile(join(dir, name), content);
    // The frozen copy is the normalised text, as npm run release writes it.
    await writeFile(join(dir, "versions/1", name), normaliseNewlines(content));
    hashes[name] = sha256(normaliseNewlines(content));
  }
  const record = formatRecord(1, []);
  await writeFile(join(dir, "versions/1/signatories.txt"), record);
  hashes["signatories.txt"] = sha256(record);
  const files = Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `    ${q(k)}: ${v}`).join("\n");
  await writeFile(join(dir, "versions.yaml"), `- version: 1\n  date: ${DATE}\n  files:\n${files}\n`);
  for (const file of c.files) await writeFile(join(dir, "signatories", file.name), signatoryYaml(file));
  for (const [path, content] of c.extra) {
    // letter.md replaced: frozen as written, so check and build read one text.
    await writeFile(join(dir, path), content);
    if (path === "letter.md") await freezeAgain(dir, path, content);
  }
  // Something outside the repository that no link may publish.
  await writeFile(join(base, "outside.yaml"), `name: ${OUTSIDE}\n`);
  for (const [path, kind] of c.special) {
    const at = join(dir, path);
    await rm(at, { recursive: true, force: true });
    if (kind === "fifo") await run("mkfifo", [at]);
    else if (kind === "folder") await mkdir(join(at, "inner.yaml"), { recursive: true });
    else if (kind === "link to nothing") await symlink(`${at}-gone`, at);
    else if (kind === "link to itself") await symlink(at, at);
    else await symlink(kind === "link to outside" ? join(base, "outside.yaml") : "/etc/hostname", at);
  }
  return { base, root, output: join(base, "out", "site"), pdfCache: join(base, "pdf") };
}

// ---- Checking and building in a worker process, on request ----

/** The worker (tests/helpers/site-worker.ts); one that does not answer in time is ended and replaced. */
class Worker {
  private child!: ChildProcessWithoutNullStreams;
  private lines!: AsyncIterator<string>;

  constructor() {
    this.start();
  }

  private start(): void {
    this.child = spawn(join(PROJECT, "node_modules/.bin/tsx"), [join(PROJECT, "tests/helpers/site-worker.ts")], { cwd: PROJECT, stdio: "pipe" });
    this.child.stderr.resume();
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  /** The answer, or "timeout" when there is none within `ms` (a read that blocks for ever, a loop). */
  async ask<T>(request: WorkerRequest, ms: number): Promise<T | "timeout"> {
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
    const answer = (async () => {
      for (;;) {
        const { value, done } = await this.lines.next();
        if (done) throw new Error("the worker process ended");
        if (value.startsWith(RESULT_MARK)) return JSON.parse(value.slice(RESULT_MARK.length)) as T;
      }
    })();
    const result = await Promise.race([answer, late]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.stop();
      this.start();
    }
    return result;
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

// ---- What is checked ----

/** Every path under `dir` (not following links), relative to it. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

const inside = (dir: string, path: string) => path === dir || path.startsWith(dir + sep);

/** Attributes holding an address the browser follows or loads. */
const URL_ATTRIBUTES = ["href", "src", "srcset", "action", "formaction", "poster", "cite", "data", "background", "ping", "xlink:href", "manifest"];
/** Attributes whose address is loaded with the page (not followed by a click): only the site's own files. */
const LOADED = new Set(["src", "srcset", "poster", "data", "background", "manifest"]);

/** The scheme of an address as a browser reads it: leading spaces and controls skipped, tabs and newlines removed. */
function schemeOf(value: string): string | undefined {
  const cleaned = value.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

/** What the build's charts are drawn with: anything else inside an <svg> came from the content. */
const CHART_PARTS = new Set(["svg", "title", "desc", "line", "path", "rect", "text"]);

/** Problems of one HTML document (a page, or letter.json's and the feed's HTML), as readable lines. */
function markupProblems(html: string, where: string): string[] {
  const { document } = parseHTML(/^\s*<!doctype|^\s*<html/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const problems: string[] = [];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName;
    if (tag.includes("fuzz")) problems.push(`${where}: an injected <${tag}> element`);
    if (["iframe", "object", "embed", "frame", "base"].includes(tag)) problems.push(`${where}: a <${tag}> element`);
    // The only SVG a page may hold is a chart the build drew (src/outputs/charts/), of these parts alone.
    if (tag === "svg" && !(element.getAttribute("class") === "chart chart-timeline" || element.getAttribute("class") === "chart chart-bars")) problems.push(`${where}: a <svg> element`);
    if (element.closest("svg") && !CHART_PARTS.has(tag)) problems.push(`${where}: a <${tag}> inside an <svg>`);
    if (tag === "script" && (!element.getAttribute("src") || element.textContent!.trim())) problems.push(`${where}: an inline script`);
    if (tag === "style" && element.textContent!.includes("fuzz")) problems.push(`${where}: an injected style`);
    if (tag === "meta" && /refresh/i.test(element.getAttribute("http-equiv") ?? "")) problems.push(`${where}: a meta refresh`);
    for (const { name, value } of element.attributes) {
      if (name.includes("fuzz") || /^on/i.test(name)) problems.push(`${where}: an injected attribute ${name}= on <${tag}>`);
      if (!URL_ATTRIBUTES.includes(name)) continue;
      const values = name === "srcset" ? value.split(",").map((v) => v.trim().split(/\s+/)[0] ?? "") : [value];
      for (const address of values) {
        const scheme = schemeOf(address);
        if (scheme !== undefined && !["http", "https", "mailto"].includes(scheme)) problems.push(`${where}: <${tag} ${name}="${address}">`);
        const loaded = LOADED.has(name) || (tag === "link" && name === "href" && !/^(alternate|canonical)$/i.test(element.getAttribute("rel") ?? ""));
        if (loaded && (scheme !== undefined || /^[\s]*[/\\]{2}/.test(address))) problems.push(`${where}: <${tag} ${name}="${address}"> loads from another host`);
      }
    }
  }
  return problems;
}

/** A spreadsheet reads a cell as a formula when, past spaces and invisible characters, it starts so. */
const FORMULA = /^[\s\p{Cf}\p{Default_Ignorable_Code_Point}]*[=+\-@\t\r]/u;

async function outputProblems(output: string): Promise<string[]> {
  const problems: string[] = [];
  const real = await realpath(output);
  for (const path of await tree(output)) {
    const absolute = join(output, path);
    const stat = await lstat(absolute);
    if (stat.isSymbolicLink() && !inside(real, await realpath(absolute).catch(() => "/"))) problems.push(`${path}: a link out of the output folder`);
    if (!stat.isFile()) continue;
    const bytes = await readFile(absolute);
    if (bytes.includes(OUTSIDE)) problems.push(`${path}: holds the text of a file outside the repository`);
    if (bytes.includes("Fuzzwithdrawn")) problems.push(`${path}: holds a withdrawn name`);
    if (path.endsWith(".html")) problems.push(...markupProblems(await readFile(absolute, "utf8"), path));
    if (path.endsWith("letter.json")) {
      const json = JSON.parse(await readFile(absolute, "utf8")) as { body?: { html?: string } };
      if (json.body?.html) problems.push(...markupProblems(json.body.html, `${path} body.html`));
    }
    if (path.endsWith(".json")) {
      try {
        JSON.parse(await readFile(absolute, "utf8"));
      } catch {
        problems.push(`${path}: not JSON`);
      }
    }
    if (path.endsWith(".xml")) {
      const source = await readFile(absolute, "utf8");
      // XML 1.0's Char production: a feed reader refuses the whole feed for one character outside it.
      const bad = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(source);
      if (bad) problems.push(`${path}: U+${bad[0].codePointAt(0)!.toString(16)} is not an XML character`);
      const xml = new DOMParser().parseFromString(source, "text/xml");
      for (const content of xml.querySelectorAll("content, summary")) {
        if (content.getAttribute("type") === "html") problems.push(...markupProblems(content.textContent ?? "", `${path} <${content.localName}>`));
      }
    }
    if (path.endsWith(".csv")) {
      const rows = parseCsv(await readFile(absolute, "utf8"), { relax_column_count: true }) as string[][];
      for (const cell of rows.slice(1).flat()) if (FORMULA.test(cell)) problems.push(`${path}: an unguarded formula ${JSON.stringify(cell)}`);
    }
  }
  return problems;
}

// ---- The property ----

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

describe("whatever letter folder the fuzzer writes", () => {
  let worker: Worker;
  beforeAll(() => {
    worker = new Worker();
  });
  afterAll(() => worker?.stop());

  it("check and build agree, fail only with user errors, write only inside the output, and publish no markup", { timeout: 120_000 }, async () => {
    const stats = { built: 0, checked: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.noBias(letterCase), async (c) => {
        const written = await writeCase(c);
        const checked = await worker.ask<CheckAnswer>({ op: "check", root: written.root }, 30_000);
        if (checked === "timeout") throw new Error("npm run check never finished (a read that blocks, or a loop)");
        // 2. The check reports user errors, and never fails as on a bug.
        expect(checked.crash, "npm run check failed as on a bug").toBeUndefined();
        expect(checked.allUser).toBe(true);
        const before = await tree(written.base);
        const built = await worker.ask<BuildAnswer>({ op: "build", root: written.root, output: written.output, pdfCache: written.pdfCache }, 60_000);
        if (built === "timeout") throw new Error("npm run build never finished (a read that blocks, or a loop)");
        const why = `check: ${checked.errors.map((e) => e.text).join("\n") || "no errors"}\nbuild: ${built.error ?? "ok"}`;
        if (process.env.FUZZ_DEBUG) console.log(`${written.root}\n${why}\n`);
        // 2. Nor does the build: a failure is a user error with its message, never a bug's stack.
        if (!built.ok) expect(built.user, why).toBe(true);
        // 1. npm run check exits 0 exactly when npm run build does, but for the check's own rules (see the
        // worker); and for a draft, which the check reads as a release would publish it and the build does
        // not publish, the check is at least as strict.
        if (!built.ok) expect(checked.ok, why).toBe(false);
        if (!isDraft(c)) expect(built.ok, why).toBe(checked.errors.every((e) => e.checkOnly) && !checked.crash);
        // 3. Nothing written or removed outside the output folder (and the PDF cache), built or not.
        const after = await tree(written.base);
        const outside = (paths: string[]) => paths.filter((p) => p !== "out" && !inside(join("out", "site"), p) && !inside("pdf", p));
        expect(outside(after), "files written outside the output").toEqual(outside(before));
        if (!built.ok) {
          stats.refused++;
          return;
        }
        stats.built++;
        if (checked.ok) stats.checked++;
        // A draft is published nowhere.
        if (isDraft(c)) {
          const pages = await tree(written.output);
          expect(pages.filter((p) => p === join(c.folder, "index.html") || p === join(c.folder, "letter.json")), "a draft's page").toEqual([]);
        }
        // 4. No generated value reached a page as markup, nor a spreadsheet as a formula.
        expect(await outputProblems(written.output)).toEqual([]);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), interruptAfterTimeLimit: 100_000 },
    );
    // Both outcomes are common enough for the property to say something about each.
    console.log(`fuzz: ${stats.built} built (${stats.checked} of them passed the check), ${stats.refused} refused`);
    expect(stats.checked, "cases that passed the check").toBeGreaterThanOrEqual(RUNS / 6);
    expect(stats.refused, "cases refused").toBeGreaterThanOrEqual(RUNS / 6);
  });
});
