// Records written before ids named signatories by file name (and, in list files, by name), so a spelling
// fix read as a deleted signature and an erasure had to edit a frozen file. `npm run check -- --fix`
// converts them once: each recorded entry gets the id its old key derives to (so nobody changes list),
// and each record is rewritten as ids with the version each signer read, its new hash in versions.yaml.
// The frozen letter texts, and so every published text hash, are untouched.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";
import type { LoadOptions } from "../load/parse-cache.ts";
import { LETTERS_DIR, loadSite } from "../load/site.ts";
import { recordsById, versionCurrentOn } from "../load/version-lists.ts";
import { RECORD_FILE, VERSIONS_DIR, VERSIONS_FILE, formatRecord } from "../load/versions.ts";
import { assertWritable } from "../load/files.ts";
import { printablePath } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import { editEntries } from "./edit-entries.ts";

/** Converts every letter's old-format records; returns one line per file written. */
export async function migrateRecords(root: string, options: LoadOptions = {}): Promise<string[]> {
  const { site } = await loadSite(root, options);
  const report: string[] = [];
  for (const letter of site?.letters ?? []) {
    const legacy = letter.releases.filter((r) => r.legacyRecord);
    if (!legacy.length) continue;
    const records = recordsById(letter.releases);
    const byId = new Map(letter.signatories.map((s) => [s.key, s]));
    for (const file of editEntries(letter.signatories.filter((s) => !s.id && records.has(s.key)).map((s) => ({ signatory: s, set: { id: s.key } })))) {
      report.push(`${printablePath(file)}: wrote the id of each released entry`);
    }
    const letterDir = resolve(root, LETTERS_DIR, letter.dir.split("/").at(-1)!);
    const manifestPath = join(letterDir, VERSIONS_FILE);
    const manifest = parseDocument(readFileSync(manifestPath, "utf8"));
    for (const release of legacy) {
      // What those releases showed: the version current on the signed: date, or the first.
      const shown = letter.releases.slice(0, release.version);
      const text = formatRecord(release.version, release.added.map(({ id }) => {
        const signed = byId.get(id)?.signed;
        return { id, read: Math.min(signed ? (versionCurrentOn(signed, shown) ?? 1) : 1, release.version) };
      }));
      const path = join(letterDir, VERSIONS_DIR, String(release.version), RECORD_FILE);
      assertWritable(root, path);
      writeFileSync(path, text);
      manifest.setIn([release.version - 1, "files", RECORD_FILE], sha256(text));
      report.push(`${printablePath(`${letter.dir}/${VERSIONS_DIR}/${release.version}/${RECORD_FILE}`)}: converted to ids`);
    }
    assertWritable(root, manifestPath);
    writeFileSync(manifestPath, manifest.toString({ lineWidth: 0 }));
  }
  return report;
}
