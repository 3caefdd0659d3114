// Stage load/: reading letters/. Takes the files; gives a validated Site (model/types.ts), or every
// problem found, each with file:line:col and a hint.
//
// Recorded delivery packs: letters/<slug>/deliveries.yaml (one entry per `delivered` update whose pack
// was recorded, with every edition's SHA-256, as versions.yaml does for a version's PDFs) and
// deliveries/<update>.json, the list the latest edition prints, checked against the hash recorded for it.
// Written by `npm run release -- <slug> --edition` and `npm run withdraw` (src/tools/deliveries.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FrozenFileError, InvalidFieldError, type ContentError } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import { deliveriesManifestSchema } from "../model/schema.ts";
import type { Delivery, DeliveryList, Letter } from "../model/types.ts";
import { displayPath, readContentFile } from "./files.ts";
import { validate } from "./validate.ts";
import { versionCurrentOn } from "./version-lists.ts";
import { parseYaml } from "./yaml.ts";

export const DELIVERIES_FILE = "deliveries.yaml";
export const DELIVERIES_DIR = "deliveries";
export const deliveryListFile = (letterDir: string, update: string) => join(letterDir, DELIVERIES_DIR, `${update}.json`);
/** The pack's file, published beside the updates' attachments (/<slug>/updates/), named to say what it is once downloaded. */
export const packFileName = (slug: string, update: string, lang?: string) => `${slug}-${update}${lang ? `.${lang}` : ""}.pdf`;

export async function loadDeliveries(letterDir: string): Promise<{ deliveries: Delivery[]; problems: ContentError[]; positionOf: (update: string) => { line: number; column: number } }> {
  const path = join(letterDir, DELIVERIES_FILE);
  const nowhere = () => ({ line: 1, column: 1 });
  if (!existsSync(path)) return { deliveries: [], problems: [], positionOf: nowhere };
  const file = displayPath(path);
  const read = await readContentFile(path);
  if (read.problem) return { deliveries: [], problems: [read.problem], positionOf: nowhere };
  const parsed = parseYaml(read.text, file);
  if (parsed.problems.length) return { deliveries: [], problems: parsed.problems, positionOf: nowhere };
  const { data, problems } = validate(deliveriesManifestSchema, parsed.value ?? [], { file, positionOf: parsed.positionOf });
  if (!data) return { deliveries: [], problems, positionOf: nowhere };
  const positionOf = (update: string) => {
    const i = data.findIndex((d) => d.update === update);
    return i < 0 ? nowhere() : parsed.positionOf([i]);
  };
  const deliveries: Delivery[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of data.entries()) {
    const at = parsed.positionOf([i, "update"]);
    if (seen.has(entry.update)) {
      problems.push(new InvalidFieldError(file, at, `The delivery pack of ${entry.update} is recorded twice.`, "Restore this file from the repository history; only npm run release -- <slug> --edition and npm run withdraw write it."));
      continue;
    }
    seen.add(entry.update);
    const listPath = deliveryListFile(letterDir, entry.update);
    const restore = `Restore it with "git checkout -- ${displayPath(listPath)}"; only npm run release -- <slug> --edition and npm run withdraw write it.`;
    if (!existsSync(listPath)) {
      problems.push(new FrozenFileError(file, at, `The list of the delivery pack of ${entry.update}, ${displayPath(listPath)}, is missing.`, restore));
      continue;
    }
    const list = await readContentFile(listPath);
    if (list.problem) {
      problems.push(list.problem);
      continue;
    }
    if (sha256(list.text) !== entry.editions.at(-1)!.list) {
      problems.push(new FrozenFileError(displayPath(listPath), { line: 1, column: 1 }, `This list of the delivery pack of ${entry.update} was edited: its SHA-256 no longer matches ${DELIVERIES_FILE}.`, restore));
      continue;
    }
    deliveries.push({ update: entry.update, version: entry.version, editions: entry.editions, list: JSON.parse(list.text) as DeliveryList });
  }
  return { deliveries, problems, positionOf };
}

/**
 * What makes a delivery impossible to print: a `delivered` update dated before the first release (no
 * version was current that day), and a record that names no delivered update or another version.
 */
export function checkDeliveries(
  letterDir: string,
  { updates, releases, attachments, slug, lang }: Pick<Letter, "updates" | "releases" | "attachments" | "slug" | "lang">,
  loaded: Awaited<ReturnType<typeof loadDeliveries>>,
): ContentError[] {
  const problems: ContentError[] = [];
  const manifest = displayPath(join(letterDir, DELIVERIES_FILE));
  const delivered = updates.filter((u) => u.kind === "delivered");
  const first = releases[0];
  // A letter never released publishes nothing, so its deliveries can wait for the first release.
  for (const update of first ? delivered : []) {
    if (!first) break;
    const version = versionCurrentOn(update.date, releases);
    if (version === undefined) {
      problems.push(new InvalidFieldError(update.file, update.datePosition, `This delivery is dated ${update.date}, before version 1 was released (${first.date}), so its delivery pack has no version to print.`,
        `Write the day the letter was handed over (${first.date} or later), or, if it was delivered before its release, record that release's date with npm run release -- <slug> --date.`));
    }
    // The pack's names in every language it may be typeset in (a translated update's).
    const names = [undefined, ...Object.keys(update.translations)].map((lang) => packFileName(slug, update.id, lang));
    for (const attachment of attachments.filter((a) => names.includes(a.name))) {
      problems.push(new InvalidFieldError(`${displayPath(join(letterDir, "updates", attachment.name))}`, undefined, `This attachment has the name of the update's delivery pack, which the build writes at the same address.`, "Rename the attachment (and the update's link to it)."));
    }
  }
  for (const d of loaded.deliveries) {
    const update = updates.find((u) => u.id === d.update);
    if (!update || update.kind !== "delivered") {
      problems.push(new InvalidFieldError(manifest, loaded.positionOf(d.update), `A delivery pack is recorded for ${d.update}, but updates/${d.update}.md ${update ? `is of kind ${update.kind}, not delivered` : "does not exist"}.`,
        update ? `Set kind: delivered in updates/${d.update}.md again; a delivered pack's hash was published.` : `Restore updates/${d.update}.md: its delivery pack's hash was published.`));
      continue;
    }
    // A pack handed over in a translation's language was published with its hash: its words stay.
    const languages = new Set(d.editions.flatMap((e) => Object.keys(e.pdfs)));
    for (const gone of [...languages].filter((l) => l !== lang && !update.translations[l]).sort()) {
      problems.push(new InvalidFieldError(manifest, loaded.positionOf(d.update), `A delivery pack of ${d.update} in ${gone} is recorded, but updates/${d.update}.${gone}.md does not exist.`,
        `Restore updates/${d.update}.${gone}.md: that pack's hash was published.`));
    }
    if (!releases.some((r) => r.version === d.version)) {
      problems.push(new InvalidFieldError(manifest, loaded.positionOf(d.update), `The delivery pack of ${d.update} prints version ${d.version}, which is not released.`, "Restore this file from the repository history."));
    }
  }
  return problems;
}
