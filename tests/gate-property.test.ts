// The gate's promise, as a property: whatever letter and signatories npm run check accepts, npm run
// release freezes and npm run build builds, PDFs typeset for real. Inputs are generated: names in many
// scripts (some no PDF font covers), Typst and Markdown syntax, odd language tags, nesting around the
// limit, footnotes cited in every order, an optional translation. A case check refuses is not built;
// enough cases must pass the check for the property to say something.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasErrors } from "../src/model/errors.ts";
import { checkSite } from "../src/tools/check.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { PROJECT, tempDir } from "./helpers/site.ts";

const run = promisify(execFile);

/** Words by script: covered by the PDF fonts (Latin to Hebrew) or not (the rest, warnings in names). */
const WORDS = {
  latin: ["Jane", "Doe", "Émile", "Ångström", "Łukasz", "Øystein", "Çelik", "Đorđe", "Straße", "O'Neil", "Zoë", "Nguyễn"],
  greek: ["Ελένη", "Παπαδοπούλου", "Αθήνα"],
  cyrillic: ["Анна", "Иванова", "Їжак", "Ґанок"],
  arabic: ["محمد", "عبد", "الله", "جامعة"],
  hebrew: ["שרה", "כהן", "אוניברסיטה"],
  persian: ["مریم", "میرزاخانی"],
  syntax: ["#sys.exit()", "$x^2$", "*b*", "_i_", "<label>", "@ref", "\\", "]", "[", "//", "`", "~", "#let", "{", "}", "&amp;", "%"],
  uncovered: ["ᏣᎳᎩ", "བཀྲ་ཤིས", "ᠮᠣᠩᠭᠣᠯ", "🕊️", "👩🏽‍🔬", "ꕙꔤ", "Z̤͔ͧ̑"],
  // Invisible characters and a combining accent the fonts have.
  marks: ["a\u200Bb", "soft\u00ADhyphen", "e\u0301", "zero\u200Dwidth"],
} as const;

const covered = [...WORDS.latin, ...WORDS.greek, ...WORDS.cyrillic, ...WORDS.arabic, ...WORDS.hebrew, ...WORDS.persian, ...WORDS.syntax, ...WORDS.marks];
const anyWord = [...covered, ...WORDS.uncovered];
const words = (pool: readonly string[], max = 4) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: max }).map((w) => w.join(" "));

/**
 * Language tags: odd ones the check takes, and now and then ones it refuses: a language's name, an
 * underscore, a private tag, and languages whose dates no PDF font can print.
 */
const LANG = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("en", "EN", "en-GB", "fr", "pt-BR", "es-419", "sr-Latn-RS", "ar", "he", "fa", "und", "tlh", "de-CH-1996") },
  { weight: 1, arbitrary: fc.constantFrom("Spanish", "en_GB", "x-private", "ja", "zh-Hant-TW", "yue") },
);

/** Inline text: words, with emphasis, links and code around them. */
const inline = fc.letrec<{ inline: string }>((tie) => ({
  inline: fc.oneof(
    { weight: 4, arbitrary: words(covered, 6) },
    { weight: 1, arbitrary: words(anyWord, 3) },
    { weight: 1, arbitrary: tie("inline").map((s) => `*${s}*`) },
    { weight: 1, arbitrary: tie("inline").map((s) => `**${s}**`) },
    { weight: 1, arbitrary: tie("inline").map((s) => `[${s}](https://example.org/${encodeURIComponent([...s].slice(0, 8).join(""))})`) },
    { weight: 1, arbitrary: fc.constantFrom("<https://example.org/a/very/long/path/that/wraps>", "`#code`", "![alt *text*](https://example.org/i.png)", "line  \nbreak") },
  ),
})).inline;

/** Quotes and lists around a block, up to a little past the nesting limit. */
const prefix = (min: number, max: number) => fc.array(fc.constantFrom("> ", "- ", "1. "), { minLength: min, maxLength: max }).map((p) => p.join(""));
const indent = (prefixed: string, text: string) => prefixed + text.replace(/\n/g, `\n${" ".repeat(prefixed.length)}`);

const block = fc.record({
  // Mostly within the limit; now and then far past it, where Typst fails or takes seconds per level.
  prefix: fc.oneof({ weight: 11, arbitrary: prefix(0, 8) }, { weight: 1, arbitrary: prefix(14, 40) }),
  leaf: fc.oneof({ weight: 5, arbitrary: inline }, { weight: 1, arbitrary: fc.constantFrom("# A heading", "### Sub *heading*", "```\n#set page(width: 1pt)\n```", "***") }),
}).map(({ prefix: p, leaf }) => indent(p, leaf));

/**
 * Footnotes a, b, c (some of them), each cited from the text at some depth, some also from a note (their
 * own, or the next one's: a cycle), their definitions written before or after the text.
 */
const footnotes = fc.array(fc.record({ text: inline, at: prefix(0, 6), alsoFrom: fc.constantFrom("nowhere", "itself", "the next note") }), { maxLength: 3 });

const body = fc.record({ blocks: fc.array(block, { minLength: 1, maxLength: 5 }), notes: footnotes, notesFirst: fc.boolean(), where: fc.nat() })
  .map(({ blocks, notes, notesFirst, where }) => {
    const labels = notes.map((_, i) => "abc"[i]!);
    const text = [...blocks];
    notes.forEach((note, i) => text.splice((where + i) % (text.length + 1), 0, indent(note.at, `cited here[^${labels[i]}].`)));
    const defs = notes.map((note, i) => {
      const extra = note.alsoFrom === "itself" ? `[^${labels[i]}]` : note.alsoFrom === "the next note" ? `[^${labels[(i + 1) % labels.length]}]` : "";
      return `[^${labels[i]}]: ${note.text}${extra}`;
    });
    return (notesFirst ? [...defs, ...text] : [...text, ...defs]).join("\n\n") + "\n";
  });

const signatory = fc.record({
  name: words(anyWord, 3),
  title: fc.option(words(anyWord, 3), { nil: undefined }),
  affiliation: fc.option(words(anyWord, 4), { nil: undefined }),
  group: fc.option(fc.constantFrom("Original signatories", "Организации", "الموقعون"), { nil: undefined }),
  country: fc.option(fc.constantFrom("BE", "FR", "IL", "IR", "JP"), { nil: undefined }),
});

const caseArb = fc.record({
  siteTitle: fc.oneof({ weight: 6, arbitrary: words(covered, 3) }, { weight: 1, arbitrary: words(anyWord, 2) }),
  lang: LANG,
  title: fc.oneof({ weight: 6, arbitrary: words(covered, 5) }, { weight: 1, arbitrary: words(anyWord, 3) }),
  to: fc.array(words(covered, 4), { maxLength: 2 }),
  body,
  translation: fc.option(fc.record({ lang: fc.constantFrom("fr", "ar", "he", "de-CH", "pt-BR", "en"), title: words(covered, 4), body }), { nil: undefined }),
  signatories: fc.array(signatory, { minLength: 1, maxLength: 6 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** JSON strings are YAML double-quoted scalars: each field holds exactly the generated text. */
const q = (s: string) => JSON.stringify(s);

async function writeCase(root: string, c: Case): Promise<void> {
  const dir = join(root, "letters/p");
  await mkdir(join(dir, "signatories"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), `title: ${q(c.siteTitle)}\n`);
  const to = c.to.length ? `to:\n${c.to.map((t) => `  - ${q(t)}\n`).join("")}` : "";
  await writeFile(join(dir, "letter.md"), `---\ntitle: ${q(c.title)}\ndate: 2024-05-01\nlang: ${q(c.lang)}\nstatus: open\n${to}---\n\n${c.body}`);
  if (c.translation) {
    await writeFile(join(dir, `letter.${c.translation.lang}.md`), `---\ntitle: ${q(c.translation.title)}\nfollows: 1\n---\n\n${c.translation.body}`);
  }
  const entries = c.signatories.map((s) =>
    [`- name: ${q(s.name)}`, ...(["title", "affiliation", "group", "country"] as const).flatMap((k) => (s[k] ? [`  ${k}: ${q(s[k])}`] : []))].join("\n"));
  await writeFile(join(dir, "signatories/list.yaml"), `${entries.join("\n")}\n`);
}

// GATE_PROPERTY_RUNS=<n> runs more cases than the suite's 40 (each run draws new ones from its seed).
const RUNS = Number(process.env.GATE_PROPERTY_RUNS ?? 40);

describe("whatever npm run check accepts", () => {
  it("npm run release freezes and npm run build builds, PDFs typeset for real", { timeout: 120_000 }, async () => {
    const seed = Number(process.env.GATE_PROPERTY_SEED ?? Date.now() % 2 ** 31);
    const cases = fc.sample(caseArb, { numRuns: RUNS, seed });
    const accepted: Array<{ root: string; c: Case }> = [];
    for (const c of cases) {
      const root = await tempDir("gate-property-");
      await writeCase(root, c);
      const { problems } = await checkSite(root, { cache: false });
      if (hasErrors(problems)) continue;
      // The check passed, so the release must: it runs the same check first.
      await releaseLetter(root, "p", { date: "2024-05-01", cache: false });
      accepted.push({ root, c });
    }
    // Enough generated cases pass the check for the property to mean something (about 45% do).
    expect(accepted.length, `seed ${seed}`).toBeGreaterThanOrEqual(RUNS / 6);

    const { stdout } = await run(join(PROJECT, "node_modules/.bin/tsx"), [join(PROJECT, "tests/helpers/build-many.ts"), ...accepted.map((a) => a.root)], {
      // A text the check should have refused can take Typst minutes (nested lists): fail, do not hang.
      cwd: PROJECT, maxBuffer: 64 * 1024 * 1024, timeout: 90_000,
    });
    const results = stdout.split("\n").filter((line) => line.startsWith('{"root"')).map((line) => JSON.parse(line) as { root: string; ok: boolean; pdfs?: number; error?: string });
    expect(results).toHaveLength(accepted.length);
    for (const result of results) {
      const { c } = accepted.find((a) => a.root === result.root)!;
      const replay = `seed ${seed} (GATE_PROPERTY_SEED=${seed} replays it); input: ${JSON.stringify(c)}`;
      expect(result.error, replay).toBeUndefined();
      expect(result.ok, replay).toBe(true);
      // The current text and version 1, and the translation's two if there is one.
      expect(result.pdfs, replay).toBe(c.translation ? 4 : 2);
    }
  });
});
