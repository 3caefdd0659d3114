// Editions of released PDFs. A version's PDF is what was sent: its SHA-256 is published, and a copy
// anyone holds must keep verifying. So the bytes of a released PDF change only through a recorded
// edition: release records edition 1, `npm run withdraw` records the next one itself (the name must go),
// and `npm run release -- <slug> --edition` records one after a layout, font or Typst upgrade. Each
// edition's hashes are committed in versions.yaml (never recomputed), with the list it prints in
// editions/<n>.json, so a corrected spelling changes the pages but never a published PDF.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { describeLetter, type LetterDocument } from "../describe/letter-document.ts";
import type { PublishingRules } from "../describe/published.ts";
import { displayPath } from "../load/files.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import { versionList } from "../load/version-lists.ts";
import { VERSIONS_FILE, editionListFile } from "../load/versions.ts";
import { ContentProblemsError, FrozenFileError, OpenLettersError, hasErrors, type ContentError } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import type { Edition, EditionList, Letter, Release, Site } from "../model/types.ts";
import { pdfDocumentFromPage, pdfInputKey, runPdfJobs, withEditionList, type PdfJob } from "../outputs/pdf/index.ts";
import { pagePdfPath } from "../outputs/pdf/index.ts";
import { recordDeliveries } from "./deliveries.ts";

/**
 * The list version `n`'s PDF would print if an edition were recorded now: today's list, withdrawals
 * removed, in the original's order; and, for each translation whose order differs (an alphabetical list
 * collates by language, load/order.ts), that order, so its PDF prints what its page shows.
 */
export function editionListNow(letter: Letter, n: number, rules: PublishingRules): EditionList {
  const [original, ...translations] = describeLetter(letter, rules, { preview: false }).versions[n - 1]! as [LetterDocument, ...LetterDocument[]];
  const list = versionList(letter, n);
  const ids = (doc: LetterDocument) => doc.signatories.groups.flatMap((g) => g.signatories.map((line) => line.id));
  const own = ids(original).join("\n");
  const orders: Record<string, string[]> = {};
  for (const doc of translations) {
    const order = ids(doc);
    if (order.join("\n") !== own) orders[doc.lang] = order;
  }
  return {
    withdrawn: list.withdrawn,
    groups: original.signatories.groups.map((g) => ({
      ...(g.heading !== undefined ? { heading: g.heading } : {}),
      entries: g.signatories.map((line) => ({ id: line.id, name: line.name, ...(line.role ? { role: line.role } : {}) })),
    })),
    // Absent when every language has the original's order: such a list is written as it always was.
    ...(Object.keys(orders).length ? { orders } : {}),
  };
}

/** The PDF jobs of version `n` in every language, printing `list`; `versions` is describeLetter's, made once per letter. */
function versionJobs(letter: Letter, n: number, site: Site, list: EditionList, versions = describeLetter(letter, site.config, { preview: false }).versions): PdfJob[] {
  return versions[n - 1]!.map((page) => ({
    path: pagePdfPath(page, letter.lang),
    doc: withEditionList(pdfDocumentFromPage(page, site.config), list, site.config),
  }));
}

/** JSON with one name per line: a reviewer reads an edition's changes as a line diff. */
function listText(list: EditionList): string {
  const groups = list.groups.map((g) => {
    const heading = g.heading !== undefined ? `"heading":${JSON.stringify(g.heading)},` : "";
    return `{${heading}"entries":[\n${g.entries.map((e) => JSON.stringify(e)).join(",\n")}\n]}`;
  });
  const orders = list.orders ? `,"orders":{\n${Object.entries(list.orders).map(([lang, ids]) => `${JSON.stringify(lang)}:${JSON.stringify(ids)}`).join(",\n")}\n}` : "";
  return `{"withdrawn":${list.withdrawn},"groups":[\n${groups.join(",\n")}\n]${orders}}\n`;
}

/** Where each version starts in versions.yaml (read once per letter), so messages point at it. */
function versionPositions(letter: Letter): (n: number) => { file: string; line: number; column: number } {
  const file = `${letter.dir}/${VERSIONS_FILE}`;
  let lines: string[] = [];
  try {
    lines = readFileSync(resolve(file), "utf8").split("\n");
  } catch {
    // unreadable: the loader has said so; messages point at line 1
  }
  return (n) => ({ file, line: lines.indexOf(`- version: ${n}`) + 1 || 1, column: 1 });
}

/**
 * What would make a released PDF differ from its recorded edition, found without typesetting: a withdrawn
 * name it still prints, or any change to its inputs (its text, layout, fonts or compiler). Versions
 * released before editions get a warning: their PDF's hash is not committed yet.
 */
export function editionProblems(site: Site): ContentError[] {
  const problems: ContentError[] = [];
  for (const letter of site.letters) {
    // Described once per letter, not once per version: each version's jobs are read from it.
    let versions: ReturnType<typeof describeLetter>["versions"] | undefined;
    const positionOf = versionPositions(letter);
    for (const release of letter.releases) {
      const where = positionOf(release.version);
      const command = `npm run release -- ${letter.slug} --edition`;
      const latest = release.editions.at(-1);
      if (!latest || !release.editionList) {
        problems.push(new FrozenFileError(where.file, where, `The SHA-256 of version ${release.version}'s PDFs is not recorded, so a copy cannot be checked against a committed hash.`,
          `Run ${command} once to record edition 1, and commit versions.yaml and editions/.`).asWarning());
        continue;
      }
      const byId = new Map(letter.signatories.map((s) => [s.key, s]));
      const gone = release.editionList.groups.flatMap((g) => g.entries).filter((e) => byId.get(e.id)?.withdrawn);
      if (gone.length) {
        const who = byId.get(gone[0]!.id)!;
        problems.push(new FrozenFileError(who.source.file, who.source,
          `Edition ${latest.edition} of version ${release.version}'s PDF still prints "${who.name}", whose signature is withdrawn${gone.length > 1 ? ` (and ${gone.length - 1} more)` : ""}.`,
          `Withdraw with npm run withdraw -- --letter ${letter.slug} --name "<name>", which records the next edition, or run ${command}.`));
        continue;
      }
      versions ??= describeLetter(letter, site.config, { preview: false }).versions;
      for (const job of versionJobs(letter, release.version, site, release.editionList, versions)) {
        const recorded = latest.pdfs[job.doc.lang];
        if (recorded && recorded.input === pdfInputKey(job.doc)) continue;
        problems.push(new FrozenFileError(where.file, where,
          `Version ${release.version}'s PDF in ${job.doc.lang} would change without a recorded edition (${recorded ? "its text, layout, fonts or Typst version changed" : "no edition records this language"}), so its published SHA-256 would no longer match.`,
          `Run ${command}: it records edition ${latest.edition + 1}, or only the new inputs if the PDF comes out byte for byte the same; commit versions.yaml and editions/.`));
      }
    }
  }
  return problems;
}

export interface RecordOptions extends LoadOptions {
  /** Date of the edition, YYYY-MM-DD (default: today, UTC). */
  date?: string;
  /** Why the PDFs changed; said from what changed when not given. */
  reason?: string;
  /** Only these versions (default: every version whose PDFs would change, and every delivery pack). */
  versions?: number[];
}

export interface RecordedEdition {
  version: number;
  /** A delivery pack's edition (tools/deliveries.ts): the update's id. */
  update?: string;
  edition: number;
  reason: string;
  /** Files written, relative to the working directory. */
  files: string[];
  /** True when the PDFs came out byte for byte as the edition published them: no new edition, new inputs. */
  unchanged?: boolean;
}

/** Typesets and records a new edition of every released PDF that would change; returns what it recorded. */
export async function recordEditions(root: string, slug: string, options: RecordOptions = {}): Promise<RecordedEdition[]> {
  const { site, problems } = await loadSite(root, { cache: options.cache });
  if (!site || hasErrors(problems)) throw new ContentProblemsError(problems);
  const letter = site.letters.find((l) => l.slug === slug);
  if (!letter) throw new OpenLettersError(`There is no letter "${slug}". Letters: ${site.letters.map((l) => l.slug).join(", ") || "none"}.`);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const letterDir = resolve(root, LETTERS_DIR, letter.dir.split("/").at(-1)!);
  const manifestPath = join(letterDir, VERSIONS_FILE);
  const manifest = parseDocument(readFileSync(manifestPath, "utf8"));
  const recorded: RecordedEdition[] = [];
  /** Editions whose bytes stayed the same under new inputs. */
  const updated: RecordedEdition[] = [];

  for (const release of letter.releases) {
    if (options.versions && !options.versions.includes(release.version)) continue;
    const list = editionListNow(letter, release.version, site.config);
    const jobs = versionJobs(letter, release.version, site, list);
    const inputs = jobs.map((job) => pdfInputKey(job.doc));
    const latest = release.editions.at(-1);
    if (latest && sha256(listText(list)) === latest.list && jobs.every((job, i) => latest.pdfs[job.doc.lang]?.input === inputs[i])) continue;

    const outputs = await runPdfJobs(jobs, { cache: options.cache === false ? false : undefined });
    // New inputs that typeset to the very bytes published (a font added for another script, a comment in
    // the layout): the published hashes are still true, so the latest edition only learns its new inputs.
    if (latest && sha256(listText(list)) === latest.list && outputs.every((o, i) => latest.pdfs[jobs[i]!.doc.lang]?.sha256 === sha256(o.bytes))) {
      const pdfs = Object.fromEntries(outputs.map((o, i) => [o.job.doc.lang, { sha256: sha256(o.bytes), input: inputs[i]! }]));
      manifest.setIn([release.version - 1, "editions"], manifest.createNode([...release.editions.slice(0, -1), { ...latest, pdfs }]));
      updated.push({ version: release.version, edition: latest.edition, reason: "same bytes: the inputs recorded anew", files: [] });
      continue;
    }
    const edition: Edition = {
      edition: (latest?.edition ?? 0) + 1,
      date,
      reason: options.reason ?? reasonFor(release, list, jobs.map((j) => j.doc.lang)),
      list: sha256(listText(list)),
      pdfs: Object.fromEntries(outputs.map((o, i) => [o.job.doc.lang, { sha256: sha256(o.bytes), input: inputs[i]! }])),
    };
    const listPath = editionListFile(letterDir, release.version);
    await mkdir(dirname(listPath), { recursive: true });
    await writeFile(listPath, listText(list));
    manifest.setIn([release.version - 1, "editions"], manifest.createNode([...release.editions, edition]));
    recorded.push({ version: release.version, edition: edition.edition, reason: edition.reason!, files: [displayPath(listPath)] });
  }
  if (recorded.length || updated.length) {
    writeFileSync(manifestPath, manifest.toString({ lineWidth: 0 }));
    for (const r of [...recorded, ...updated]) r.files.push(displayPath(manifestPath));
  }
  // Delivery packs are released PDFs too: recorded with the versions' when no version is named.
  const packs = options.versions ? [] : await recordDeliveries(root, site, letter, { date, reason: options.reason, cache: options.cache });
  return [...recorded, ...updated.map((u) => ({ ...u, unchanged: true })), ...packs];
}

/** "1 signature withdrawn; 2 names corrected", from what differs between the last edition and this one. */
function reasonFor(release: Release, list: EditionList, langs: readonly string[]): string {
  const before = release.editionList;
  const latest = release.editions.at(-1);
  if (!before || !latest) return "The PDFs as released";
  const reasons: string[] = [];
  const withdrawn = list.withdrawn - before.withdrawn;
  if (withdrawn > 0) reasons.push(`${withdrawn} signature${withdrawn === 1 ? "" : "s"} withdrawn`);
  const old = new Map(before.groups.flatMap((g) => g.entries).map((e) => [e.id, e]));
  const corrected = list.groups.flatMap((g) => g.entries).filter((e) => {
    const was = old.get(e.id);
    return was && (was.name !== e.name || was.role !== e.role);
  }).length;
  if (corrected) reasons.push(`${corrected} name${corrected === 1 ? "" : "s"} corrected`);
  // The same names in another order: a signatory featured, a sort_as: given, a language's collation.
  const order = (l: EditionList) => JSON.stringify([l.groups.flatMap((g) => g.entries.map((e) => e.id)), l.orders ?? {}]);
  const kept = (l: EditionList) => new Set(l.groups.flatMap((g) => g.entries.map((e) => e.id)));
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((id) => b.has(id));
  if (same(kept(before), kept(list)) && order(before) !== order(list)) reasons.push("list reordered");
  const added = langs.filter((lang) => !latest.pdfs[lang]);
  if (added.length) reasons.push(`translation${added.length === 1 ? "" : "s"} added or revised: ${added.join(", ")}`);
  return reasons.length ? reasons.join("; ") : "Typesetting updated (layout, fonts or Typst)";
}
