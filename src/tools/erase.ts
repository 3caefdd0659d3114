// npm run withdraw -- --erase: a withdrawn signer's personal data leaves the working tree. What references
// a signature, and what becomes of it:
// - its entry (a one-signatory file, or an entry of a list file): replaced by `id`, `withdrawn` and
//   `erased` only, so every released version still counts it as withdrawn; a one-signatory file is
//   renamed after the new id (its old name was the signer's name);
// - its id: replaced by a random one (crypto.randomUUID). Ids written before were hashes of the file
//   name or of the name itself, which anyone could test guesses against; the release records
//   (versions/<n>/signatories.txt, ids only) are rewritten with the new id and their SHA-256 in
//   versions.yaml with them. No published hash covers a record: the texts' and the PDFs' stay as they are;
// - the lists that released PDFs print (editions/<n>.json): a withdrawal already records an edition
//   without the name, and the working tree holds only each version's latest list, so the name is in none
//   of them. Earlier editions' lists and PDFs live on only in git history and in copies already sent; their
//   hashes stay in versions.yaml (and versions.json) so those copies still verify, and none is served;
// - reviewed.yaml: pairs naming the entry are removed;
// - .cache/ and _site/ (ignored by git, but on this disk): removed, since both hold the name.
// Anything else under the letter folder that still holds the name (a comment, a frozen text) is named,
// file and line, for the maintainer to look at.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { normaliseName } from "../common/names.ts";
import { assertWritable, displayPath, normaliseNewlines } from "../load/files.ts";
import type { LoadOptions } from "../load/parse-cache.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import { RECORD_FILE, VERSIONS_DIR, VERSIONS_FILE, formatRecord } from "../load/versions.ts";
import { parseYaml } from "../load/yaml.ts";
import { ContentProblemsError, InternalError, hasErrors, printablePath, quote } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import type { Letter, Signatory } from "../model/types.ts";
import { REVIEWED_FILE, refersTo } from "./reviewed.ts";
import { SignatureNotFoundError, findSignature, withdrawSignature, type StatusRequest } from "./signature-status.ts";

/** A random id, never derived from anything a guess could reproduce; matches SIGNATURE_ID. */
export function randomSignatureId(): string {
  return `erased-${randomUUID().replace(/-/g, "")}`;
}

export interface EraseResult {
  /** The signature as it was found (its name, for the message of the command that asked). */
  signatory: Signatory;
  /** Set when the signature was not withdrawn yet: the withdrawal recorded first, with its editions. */
  withdrawn?: { date: string; editions: number };
  id: string;
  /** Files written, renamed to or removed, relative to the working directory. */
  files: string[];
  removed: string[];
  /** Folders of local output removed because they held the name (.cache/, _site/). */
  cleared: string[];
  /** `file:line` under the letter folder where the name is still written, for a person to look at. */
  leftovers: string[];
}

export async function eraseSignature(root: string, request: StatusRequest): Promise<EraseResult> {
  let { letter, signatory } = await find(root, request);
  // Refused before anything is written, the withdrawal included.
  if (letter.releases.some((r) => r.legacyRecord)) {
    throw new SignatureNotFoundError(`The release records of "${letter.slug}" still name signatories (written before ids), so the name cannot be erased from them.`,
      { hint: "Run npm run check -- --fix once: it converts them to ids. Then run this again." });
  }
  let withdrawn: EraseResult["withdrawn"];
  if (!signatory.withdrawn) {
    // Erasing starts with withdrawing: the name leaves every page and the next edition of each PDF.
    // (A one-signatory file is written anew under its new id below, and only then is the old one removed.)
    const result = await withdrawSignature(root, request);
    withdrawn = { date: result.date, editions: result.editions.filter((e) => !e.unchanged).length };
    ({ letter, signatory } = await find(root, request));
  }
  const printed = letter.releases.find((r) => r.editionList?.groups.some((g) => g.entries.some((e) => e.id === signatory.key)));
  if (printed) {
    throw new SignatureNotFoundError(`The latest edition of version ${printed.version}'s PDF still prints ${quote(signatory.name)}.`,
      { hint: `Run npm run release -- ${letter.slug} --edition first, so the PDF served no longer prints it.` });
  }

  const id = randomSignatureId();
  const erased = new Date().toISOString().slice(0, 10);
  const letterDir = resolve(root, LETTERS_DIR, basename(letter.dir));

  // Every new text is made first, and written only once all of them could be: a failure changes nothing.
  const writes: { path: string; text: string; create?: boolean }[] = [];
  const removes: string[] = [];

  // 1. The release records: the old id becomes the new one; versions.yaml learns each record's new hash.
  const manifestPath = join(letterDir, VERSIONS_FILE);
  const manifest = existsSync(manifestPath) ? parseDocument(readFileSync(manifestPath, "utf8")) : undefined;
  for (const release of letter.releases) {
    if (!release.added.some((s) => s.id === signatory.key)) continue;
    const text = formatRecord(release.version, release.added.map((s) => ({ id: s.id === signatory.key ? id : s.id, read: s.read ?? 1 })));
    writes.push({ path: join(letterDir, VERSIONS_DIR, String(release.version), RECORD_FILE), text });
    manifest!.setIn([release.version - 1, "files", RECORD_FILE], sha256(text));
  }
  if (writes.length) writes.push({ path: manifestPath, text: manifest!.toString({ lineWidth: 0 }) });

  // 2. The entry itself: a one-signatory file anew under the new id (its old name was the signer's), or
  //    the entry of a list file in place.
  const entryFile = resolve(signatory.source.file);
  const source = normaliseNewlines(readFileSync(entryFile, "utf8"));
  const single = isMap(parseYaml(source, signatory.source.file).doc.contents);
  const fields = { id, withdrawn: signatory.withdrawn!, erased };
  if (single) {
    writes.push({
      path: join(entryFile, "..", `${id}.yaml`),
      text: `# Erased on ${erased} (npm run withdraw -- --erase): withdrawn, its personal data removed. Kept so that the released counts stay true.\n${entryText(fields, "")}\n`,
      create: true,
    });
    removes.push(entryFile);
  } else {
    writes.push({ path: entryFile, text: replaceListEntry(source, signatory, fields) });
  }

  // 3. Reviews that named it.
  const reviewed = join(letterDir, REVIEWED_FILE);
  const reviews = existsSync(reviewed) ? withoutReviewsOf(reviewed, signatory, !single) : undefined;
  if (reviews !== undefined) writes.push({ path: reviewed, text: reviews });

  for (const { path } of writes) assertWritable(root, path);
  for (const path of removes) assertWritable(root, path);
  for (const { path, text, create } of writes) writeFileSync(path, text, create ? { flag: "wx" } : undefined);
  for (const path of removes) rmSync(path);
  const files = writes.map((w) => displayPath(w.path));
  const removed = removes.map(displayPath);

  // 4. Local output that printed it: the caches and the build beside letters/ (the preview, npm run build
  //    and the PDFs use them when run from there; a cache moved elsewhere, $OPEN_LETTERS_PDF_CACHE, is the README's).
  const cleared: string[] = [];
  for (const folder of [".cache", "_site"]) {
    const path = join(resolve(root), folder);
    if (!existsSync(path)) continue;
    rmSync(path, { recursive: true, force: true });
    cleared.push(displayPath(path));
  }
  return { signatory, withdrawn, id, files, removed, cleared, leftovers: leftovers(letterDir, signatory) };
}

async function find(root: string, request: StatusRequest): Promise<{ letter: Letter; signatory: Signatory }> {
  const { site, problems } = await loadSite(root, { cache: request.cache });
  if (!site || hasErrors(problems)) throw new ContentProblemsError(problems);
  const letter = site.letters.find((l) => l.slug === request.letter);
  if (!letter) throw new SignatureNotFoundError(`There is no letter "${request.letter}". Letters: ${site.letters.map((l) => l.slug).join(", ") || "none"}.`);
  // An erased entry has no name left to find.
  return { letter, signatory: findSignature(letter.signatories.filter((s) => !s.erased), request) };
}

/** The fields of an erased entry, one per line, indented after the first. */
function entryText(fields: { id: string; withdrawn: string; erased: string }, indent: string): string {
  return [`id: ${fields.id}`, `withdrawn: ${fields.withdrawn}`, `erased: ${fields.erased}`].join(`\n${indent}`);
}

/**
 * The list file's text with one entry's mapping replaced by the erased fields, where it stands (comments
 * inside the entry go with it); checked by parsing again: every other entry reads as before.
 */
function replaceListEntry(text: string, signatory: Signatory, fields: { id: string; withdrawn: string; erased: string }): string {
  const file = signatory.source.file;
  const parsed = parseYaml(text, file);
  const list = parsed.doc.contents;
  if (!isSeq(list)) throw new InternalError(`${file}: not a list of signatories.`);
  const index = list.items.findIndex((_, i) => parsed.positionOf([i]).line === signatory.source.line);
  const node = list.items[index] as YAMLMap | undefined;
  if (!node || !isMap(node) || node.flow || !node.range) throw new InternalError(`${file}:${signatory.source.line}: no block entry starts on this line to erase.`);
  // The mapping's range ends after its last line break; what follows (the next entry) stays as it is.
  const start = node.range[0];
  const end = start + text.slice(start, node.range[1]).trimEnd().length;
  const column = start - text.lastIndexOf("\n", start - 1) - 1;
  const out = text.slice(0, start) + entryText(fields, " ".repeat(column)) + text.slice(end);
  const before = parsed.value as unknown[];
  const after = parseYaml(out, file);
  const expected = before.map((entry, i) => (i === index ? fields : entry));
  if (after.problems.length || JSON.stringify(after.value) !== JSON.stringify(expected)) {
    throw new InternalError(`${file}: erasing the entry at line ${signatory.source.line} would change other entries; erase it by hand (keep only id, withdrawn and erased).`);
  }
  return out.endsWith("\n") ? out : `${out}\n`;
}

/** reviewed.yaml without the pairs that name the signature, or undefined when none does. */
function withoutReviewsOf(path: string, signatory: Signatory, inList: boolean): string | undefined {
  const doc = parseDocument(readFileSync(path, "utf8"));
  const pairs = doc.get("different_people", true);
  if (!isSeq(pairs)) return undefined;
  const entry = { name: signatory.name, file: signatory.source.file, inList };
  const before = pairs.items.length;
  pairs.items = pairs.items.filter((pair) => {
    const refs = (isSeq(pair) ? pair.toJSON() : []) as unknown[];
    return !refs.some((ref) => typeof ref === "string" && refersTo(ref, entry));
  });
  return pairs.items.length === before ? undefined : doc.toString({ lineWidth: 0 });
}

/** Where under the letter folder the name (or the signer's web page) is still written: `file:line`. */
function leftovers(letterDir: string, signatory: Signatory): string[] {
  const needles = [signatory.name, signatory.url].filter((v): v is string => typeof v === "string" && v.trim().length > 2).map((v) => normaliseName(v));
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && stat.size < 16 * 1024 * 1024) {
        readFileSync(path, "utf8").split("\n").forEach((line, i) => {
          const written = normaliseName(line);
          if (needles.some((n) => written.includes(n))) found.push(`${printablePath(displayPath(path))}:${i + 1}`);
        });
      }
    }
  };
  walk(letterDir);
  return found;
}
