// A letter with tens of thousands of signatories, generated in a temporary folder (never committed) and
// released twice with `npm run release`, as a real letter is. Seeded, so every run writes the same files.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { runScript, tempDir } from "./site.ts";

export const SLUG = "big";

/** Names the tests look for: each appears exactly once in the fixture. */
export const KNOWN = {
  /** Searched without its umlaut ("Finkhauser"). */
  accented: { name: "Greta Finkhäuser", affiliation: "Universität Wien" },
  hostile: { name: "<img src=x onerror=alert(1)>", affiliation: `"Quotes" & <b>bold</b> Ltd` },
  cyrillic: { name: "Анастасия Вольская" },
  cjk: { name: "山田花子" },
  /** Withdrawn: must never appear anywhere in the output. */
  withdrawn: ["Wilhelmina Zzyzxwithdrawn", "Xavier Qqwithdrawn"],
};

const FIRST = ["Anna", "Ben", "Chloé", "Dmitri", "Eva", "François", "Grete", "Hanna", "Ines", "João", "Katarzyna", "Lars", "María", "Nils", "Oğuz", "Pia", "Quentin", "Rosa", "Søren", "Tomáš", "Ulla", "Vera", "Willem", "Yusuf", "Zoë", "Ahmed", "Björn", "Chiara", "Dagmar", "Émile"];
const LAST = ["Müller", "Dubois", "Janssens", "Nowak", "García", "Rossi", "Jensen", "Novák", "Peeters", "Smith", "Kowalski", "Martin", "Silva", "de Vries", "Öztürk", "Łukasiewicz", "Horvath", "O'Brien", "Papadopoulos", "Andersson", "Virtanen", "Costa", "Schmidt", "Lefebvre", "Maes", "Wouters", "Claes", "Ivanova", "Byrne", "Fischer"];
const NON_LATIN = ["Анна Петрова", "Дмитрий Соколов", "Δημήτρης Παπαδόπουλος", "Ελένη Γεωργίου", "محمد الأحمد", "فاطمة الزهراء", "अनिल शर्मा", "प्रिया पटेल", "김민준", "이서연", "佐藤太郎", "王小明", "דוד כהן", "Ნინო ბერიძე"];
const ORG_WORDS = ["Digital", "Rights", "Privacy", "Open", "Freedom", "Citizens", "Internet", "Security", "Civil", "Liberty", "Data", "Crypto", "Free", "Software", "Network", "Media"];
const ORG_KINDS = ["Foundation", "Association", "Alliance", "Institute", "Coalition", "Lab", "Society", "Initiative", "Collective", "Trust"];
const UNIVERSITIES = ["University of Leuven", "Universidade de Lisboa", "Sorbonne Université", "ETH Zürich", "University of Oxford", "Universität Wien", "Uniwersytet Warszawski", "Universiteit Gent", "Københavns Universitet", "Stanford University", "Université libre de Bruxelles", "Universidad de Salamanca"];
const TITLES = ["Professor", "Associate Professor", "Research Scholar", "Lecturer", "PhD candidate", "Postdoctoral researcher"];
const COUNTRIES = ["BE", "NL", "FR", "DE", "US", "GB", "PT", "ES", "IT", "PL", "CZ", "AT", "CH", "DK", "SE", "FI", "NO", "IE", "GR", "TR", "RU", "UA", "IN", "JP", "KR", "CN", "BR", "AR", "IL", "EG", "ZA", "CA", "AU", "GE"];

/** mulberry32: a tiny seeded generator, so the fixture is the same on every run. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedSignatory {
  name: string;
  type?: "organization" | "individual";
  title?: string;
  affiliation?: string;
  country?: string;
  group: string;
  signed?: string;
  withdrawn?: string;
}

export interface LargeLetter {
  root: string;
  /** Everyone on the current list (withdrawn excluded), in list order. */
  listed: GeneratedSignatory[];
  /** How many of them signed after version 1 (so version 1 lists fewer). */
  lateSigners: number;
}

export const V1_DATE = "2024-02-01";
export const V2_DATE = "2024-03-01";
const LATE = "2024-02-10";

/**
 * Writes a site with one letter of `count` listed signatories (plus withdrawn ones) in three groups,
 * organisations first, then releases version 1 and, after `late` more people signed, version 2.
 */
export async function generateLargeLetter(count = 20_000, options: { late?: number; threshold?: number } = {}): Promise<LargeLetter> {
  const rand = random(20_240_201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const seen = new Set<string>();
  const unique = (s: GeneratedSignatory) => {
    const key = `${s.name}\u0000${s.affiliation ?? ""}`.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const orgCount = Math.round(count * 0.1);
  const academicCount = Math.round(count * 0.4);
  const organisations: GeneratedSignatory[] = [];
  const academics: GeneratedSignatory[] = [];
  const individuals: GeneratedSignatory[] = [];
  for (let i = 0; organisations.length < orgCount; i++) {
    const s: GeneratedSignatory = { name: `${pick(ORG_WORDS)} ${pick(ORG_WORDS)} ${pick(ORG_KINDS)}${i >= 1000 ? ` ${pick(COUNTRIES)}-${i}` : ""}`, type: "organization", country: pick(COUNTRIES), group: "Organisations" };
    if (unique(s)) organisations.push(s);
  }
  const person = () => (rand() < 0.05 ? pick(NON_LATIN) : `${pick(FIRST)} ${String.fromCharCode(65 + Math.floor(rand() * 26))}. ${pick(LAST)}`);
  academics.push({ ...KNOWN.accented, type: "individual", title: "Professor", country: "AT", group: "Academics" });
  while (academics.length < academicCount) {
    const s: GeneratedSignatory = { name: person(), type: "individual", title: pick(TITLES), affiliation: pick(UNIVERSITIES), country: pick(COUNTRIES), group: "Academics" };
    if (unique(s)) academics.push(s);
  }
  individuals.push({ ...KNOWN.hostile, type: "individual", country: "BE", group: "Individuals" });
  individuals.push({ ...KNOWN.cyrillic, type: "individual", country: "UA", group: "Individuals" });
  individuals.push({ ...KNOWN.cjk, type: "individual", country: "JP", group: "Individuals" });
  for (const s of [...organisations, ...academics, ...individuals]) seen.add(`${s.name}\u0000${s.affiliation ?? ""}`.toLowerCase());
  while (organisations.length + academics.length + individuals.length < count) {
    // Some individuals give no type or country: the counts must say "not given" rather than drop them.
    const s: GeneratedSignatory = { name: person(), group: "Individuals", ...(rand() < 0.9 ? { type: "individual" as const } : {}), ...(rand() < 0.85 ? { country: pick(COUNTRIES) } : {}) };
    if (unique(s)) individuals.push(s);
  }
  const late = options.late ?? 500;
  individuals.slice(-late).forEach((s) => (s.signed = LATE));
  const withdrawn = KNOWN.withdrawn.map((name) => ({ name, type: "individual" as const, country: "FR", group: "Individuals", withdrawn: "2024-02-15" }));

  const root = join(await tempDir("open-letters-large-"), "site");
  const dir = join(root, "letters", SLUG);
  await mkdir(join(dir, "signatories"), { recursive: true });
  await writeFile(join(root, "letters/site.yaml"), stringify({ title: "Large list fixture", lang: "en", url: "https://letters.example.org", ...(options.threshold ? { list_threshold: options.threshold } : {}) }));
  await writeFile(join(dir, "letter.md"), letterText("We ask for strong encryption."));
  const write = (file: string, entries: GeneratedSignatory[]) => writeFile(join(dir, "signatories", file), stringify(entries, { lineWidth: 0 }));
  // File names set the order: organisations, then academics, then individuals, as a letter would list them.
  await write("a-organisations.yaml", organisations);
  for (let i = 0; i * 1000 < academics.length; i++) await write(`b-academics-${String(i).padStart(2, "0")}.yaml`, academics.slice(i * 1000, (i + 1) * 1000));
  const early = individuals.filter((s) => !s.signed);
  for (let i = 0; i * 1000 < early.length; i++) await write(`c-individuals-${String(i).padStart(2, "0")}.yaml`, early.slice(i * 1000, (i + 1) * 1000));
  await write("c-withdrawn.yaml", withdrawn);
  await release(root, V1_DATE);
  // Late signers arrive after version 1, one file each, as signatures by pull request do: the records,
  // not their dates, keep them off version 1's list.
  await Promise.all(individuals.filter((s) => s.signed).map((s, i) => writeFile(join(dir, "signatories", `d-late-${String(i).padStart(5, "0")}.yaml`), stringify(s))));
  await writeFile(join(dir, "letter.md"), letterText("We ask for strong encryption, today and tomorrow."));
  await release(root, V2_DATE);
  const listed = [...organisations, ...academics, ...early, ...individuals.filter((s) => s.signed)];
  return { root, listed, lateSigners: late };
}

async function release(root: string, date: string): Promise<void> {
  const result = await runScript("release.ts", [SLUG, "--root", root, "--date", date, "--notes", `Release of ${date}`]);
  if (result.code !== 0) throw new Error(`npm run release failed:\n${result.stderr}\n${result.stdout}`);
}

function letterText(body: string): string {
  return `---\ntitle: A letter signed by many\ndate: 2024-02-01\nto:\n  - The Minister\nsalutation: Dear Minister,\nsummary: Thousands ask for strong encryption.\nsignatories:\n  heading: Signatories\n  note: Affiliations for identification only.\n---\n\n${body}\n`;
}
