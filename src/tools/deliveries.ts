// Recording delivery packs, as editions.ts records a version's PDFs: a pack handed over has a published
// SHA-256, so its bytes change only through a recorded edition. `npm run release -- <slug> --edition`
// records every pack not recorded yet (edition 1) or whose bytes would change; `npm run withdraw`
// records the next edition itself (the withdrawn name must go from the pack too). Each edition's hashes
// are committed in letters/<slug>/deliveries.yaml and never recomputed; the list the latest prints is
// deliveries/<update>.json, so a corrected spelling changes the pages but never a published pack.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { stringify } from "yaml";
import { shownLetters } from "../describe/letter-document.ts";
import { DELIVERIES_FILE, deliveryListFile } from "../load/deliveries.ts";
import { displayPath } from "../load/files.ts";
import { LETTERS_DIR } from "../load/site.ts";
import { FrozenFileError, type ContentError } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import type { Delivery, DeliveryList, Edition, Letter, Site } from "../model/types.ts";
import { letterPackJobs, pdfInputKey, runPdfJobs, type PackJob } from "../outputs/pdf/index.ts";
import type { LoadOptions } from "../load/parse-cache.ts";

/** A pack's edition recorded by recordDeliveries (the shape of editions.ts's RecordedEdition, with the update). */
export interface RecordedPack {
  version: number;
  update: string;
  edition: number;
  reason: string;
  /** Files written, relative to the working directory. */
  files: string[];
  /** True when the pack came out byte for byte as published: no new edition, new inputs. */
  unchanged?: boolean;
}

/** JSON with one name per line, as an edition's list: a reviewer reads a new edition as a line diff. */
export function deliveryListText(list: DeliveryList): string {
  const groups = list.groups.map((g) => {
    const heading = g.heading !== undefined ? `"heading":${JSON.stringify(g.heading)},` : "";
    return `{${heading}"entries":[\n${g.entries.map((e) => JSON.stringify(e)).join(",\n")}\n]}`;
  });
  return `{"withdrawn":${list.withdrawn},"groups":[\n${groups.join(",\n")}\n]}\n`;
}

const command = (letter: Pick<Letter, "slug">) => `npm run release -- ${letter.slug} --edition`;

/**
 * What would make a published pack differ from its recorded edition, found without typesetting: a
 * withdrawn name it still prints, or any change to its inputs. A pack not recorded yet is a warning: the
 * build typesets it from today's list, but its hash is not committed, so it may change with the list.
 */
export function deliveryProblems(site: Site): ContentError[] {
  const problems: ContentError[] = [];
  for (const letter of shownLetters(site, { preview: false })) {
    const byId = new Map(letter.signatories.map((s) => [s.key, s]));
    const reported = new Set<string>();
    for (const job of letterPackJobs(letter, site.config)) {
      const { update, recorded, doc } = job;
      const latest = recorded?.editions.at(-1);
      const recordedPdf = latest?.pdfs[doc.lang];
      if (!recordedPdf) {
        const what = doc.lang === letter.lang ? "The delivery pack of this update" : `The delivery pack of this update in ${doc.lang} (${job.path.split("/").at(-1)})`;
        problems.push(new FrozenFileError(update.file, update.datePosition, `${what} (version ${job.version}, as it stood on ${update.date}) is not recorded, so its SHA-256 is not committed and it would change with the list.`,
          `Run ${command(letter)} to record it, and commit ${DELIVERIES_FILE} and deliveries/.`).asWarning());
        continue;
      }
      // The list is the update's, whatever the language: said once.
      if (reported.has(update.id)) continue;
      const gone = recorded!.list.groups.flatMap((g) => g.entries).filter((e) => byId.get(e.id)?.withdrawn);
      if (gone.length) {
        reported.add(update.id);
        const who = byId.get(gone[0]!.id)!;
        problems.push(new FrozenFileError(who.source.file, who.source,
          `Edition ${latest!.edition} of the delivery pack of ${update.id} still prints "${who.name}", whose signature is withdrawn${gone.length > 1 ? ` (and ${gone.length - 1} more)` : ""}.`,
          `Withdraw with npm run withdraw -- --letter ${letter.slug} --name "<name>", which records the next edition, or run ${command(letter)}.`));
        continue;
      }
      if (recordedPdf.input === pdfInputKey(doc)) continue;
      reported.add(update.id);
      problems.push(new FrozenFileError(`${letter.dir}/${DELIVERIES_FILE}`, undefined,
        `The delivery pack of ${update.id} (${doc.lang}) would change without a recorded edition (its text, layout, fonts or Typst version changed), so its published SHA-256 would no longer match.`,
        `Run ${command(letter)}: it records edition ${latest!.edition + 1}, or only the new inputs if the pack comes out byte for byte the same; commit ${DELIVERIES_FILE} and deliveries/.`));
    }
  }
  return problems;
}

/** Typesets and records a new edition of every pack of `letter` not recorded yet or whose bytes would change. */
export async function recordDeliveries(root: string, site: Site, letter: Letter, options: LoadOptions & { date: string; reason?: string }): Promise<RecordedPack[]> {
  const letterDir = resolve(root, LETTERS_DIR, letter.dir.split("/").at(-1)!);
  const manifestPath = join(letterDir, DELIVERIES_FILE);
  const header = "# Delivery packs of this letter's delivered updates, written by `npm run release -- <slug> --edition` and\n# `npm run withdraw`. Never edit by hand: every published pack's SHA-256 stays listed here.\n";
  const entries: Delivery[] = [...letter.deliveries];
  const recorded: RecordedPack[] = [];
  // Today's list for every pack, with the hash its record would carry, by update (one job per language).
  const byUpdate = new Map<string, PackJob[]>();
  for (const job of letterPackJobs(letter, site.config, { fresh: true })) byUpdate.set(job.update.id, [...(byUpdate.get(job.update.id) ?? []), job]);
  const updates = [...byUpdate.values()].map((jobs) => ({ jobs, listHash: sha256(deliveryListText(jobs[0]!.list)) }));
  const pending = updates.filter(({ jobs, listHash }) => {
    const latest = jobs[0]!.recorded?.editions.at(-1);
    return !(latest && listHash === latest.list && jobs.every((job) => latest.pdfs[job.doc.lang]?.input === pdfInputKey(job.doc)));
  });
  if (!pending.length) return [];
  const pendingJobs = pending.flatMap((p) => p.jobs);
  const outputs = await runPdfJobs(pendingJobs, { cache: options.cache === false ? false : undefined });
  const bytesOf = new Map(pendingJobs.map((job, i) => [job, outputs[i]!.bytes]));
  for (const { jobs, listHash } of pending) {
    const [first] = jobs as [PackJob];
    const { list, update, version } = first;
    const latest = first.recorded?.editions.at(-1);
    const pdfs = Object.fromEntries(jobs.map((job) => [job.doc.lang, { sha256: sha256(bytesOf.get(job)!), input: pdfInputKey(job.doc) }]));
    const listPath = deliveryListFile(letterDir, update.id);
    const at = entries.findIndex((d) => d.update === update.id);
    // New inputs that typeset to the very bytes published, or a language not recorded before (its pack
    // was never published with another hash): every published hash is still true.
    const sameBytes = latest && listHash === latest.list && Object.entries(pdfs).every(([lang, pdf]) => !latest.pdfs[lang] || latest.pdfs[lang].sha256 === pdf.sha256);
    if (latest && sameBytes) {
      const added = Object.keys(pdfs).filter((lang) => !latest.pdfs[lang]);
      entries[at] = { ...entries[at]!, editions: [...entries[at]!.editions.slice(0, -1), { ...latest, pdfs: { ...latest.pdfs, ...pdfs } }] };
      const reason = added.length
        ? `its pack in ${added.join(", ")} (the update's translation) recorded beside the published ones`
        : "it typeset to the same bytes as published; its new inputs recorded";
      recorded.push({ version, update: update.id, edition: latest.edition, reason, files: [], unchanged: true });
      continue;
    }
    const edition: Edition = {
      edition: (latest?.edition ?? 0) + 1,
      date: options.date,
      reason: options.reason ?? reasonFor(first.recorded, list),
      list: listHash,
      pdfs,
    };
    await mkdir(dirname(listPath), { recursive: true });
    await writeFile(listPath, deliveryListText(list));
    if (at < 0) entries.push({ update: update.id, version, editions: [edition], list });
    else entries[at] = { ...entries[at]!, editions: [...entries[at]!.editions, edition], list };
    recorded.push({ version, update: update.id, edition: edition.edition, reason: edition.reason!, files: [displayPath(listPath)] });
  }
  // Oldest delivery first, every entry with every edition it had: written whole from what was loaded.
  const ordered = entries.sort((a, b) => (a.update < b.update ? -1 : 1)).map((d) => ({ update: d.update, version: d.version, editions: d.editions }));
  await writeFile(manifestPath, header + stringify(ordered, { lineWidth: 0 }));
  for (const r of recorded) r.files.push(displayPath(manifestPath));
  return recorded;
}

function reasonFor(recorded: Delivery | undefined, list: DeliveryList): string {
  if (!recorded) return "The pack as delivered";
  const reasons: string[] = [];
  const withdrawn = list.withdrawn - recorded.list.withdrawn;
  if (withdrawn > 0) reasons.push(`${withdrawn} signature${withdrawn === 1 ? "" : "s"} withdrawn`);
  const old = new Map(recorded.list.groups.flatMap((g) => g.entries).map((e) => [e.id, e]));
  const corrected = list.groups.flatMap((g) => g.entries).filter((e) => {
    const was = old.get(e.id);
    return was && (was.name !== e.name || was.role !== e.role);
  }).length;
  if (corrected) reasons.push(`${corrected} name${corrected === 1 ? "" : "s"} corrected`);
  return reasons.length ? reasons.join("; ") : "Typesetting updated (layout, fonts or Typst)";
}
