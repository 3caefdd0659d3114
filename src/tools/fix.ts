// `npm run check -- --fix`: applies the safe fixes found by lint.ts. Each edit replaces one scalar's text
// by its range in the file, so comments, quoting and layout elsewhere stay as they were; the result is
// parsed again and written only if every changed value reads back exactly as intended.
import { existsSync } from "node:fs";
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { assertWritable, displayPath, normaliseNewlines, rootOfSignatoryFile } from "../load/files.ts";
import { printable, printablePath } from "../model/errors.ts";
import type { Edit, Fix } from "./lint.ts";
import { parseYaml } from "../load/yaml.ts";

/** What was fixed or not, one line per file, each made inert as every message is (OpenLettersError.format). */
export interface FixReport {
  applied: string[];
  skipped: string[];
}

/**
 * `root` is the repository the fixes were found in: nothing outside it is written or renamed, even if a
 * link appeared since (by default, the repository of each signatory file).
 */
export async function applyFixes(fixes: readonly Fix[], root?: string): Promise<FixReport> {
  const report: FixReport = { applied: [], skipped: [] };
  for (const fix of fixes) {
    const file = printablePath(displayPath(fix.file));
    assertWritable(root ?? rootOfSignatoryFile(fix.file), fix.file);
    if (fix.renameTo) assertWritable(root ?? rootOfSignatoryFile(fix.file), fix.renameTo);
    if (fix.edits.length) {
      // Read raw: the loader normalised CRLF for positions, and so did the ranges; keep the file's own endings.
      const raw = await readFile(fix.file, "utf8");
      const crlf = raw.includes("\r\n");
      const bom = raw.startsWith("\uFEFF") ? "\uFEFF" : "";
      const text = normaliseNewlines(raw);
      const edited = applyEdits(text, fix.edits);
      if (edited === undefined) {
        report.skipped.push(`${file}: could not be fixed safely; edit it by hand.`);
        continue;
      }
      await writeFile(fix.file, bom + (crlf ? edited.replace(/\n/g, "\r\n") : edited));
    }
    if (fix.renameTo) {
      // Jane-Doe.yaml to jane-doe.yaml: on macOS and Windows the target "exists" because it is this very file.
      const caseOnly = fix.renameTo !== fix.file && fix.renameTo.toLowerCase() === fix.file.toLowerCase();
      if (existsSync(fix.renameTo) && !(caseOnly && (await sameFile(fix.file, fix.renameTo)))) {
        report.skipped.push(`${file}: not renamed, ${printablePath(displayPath(fix.renameTo))} exists.`);
        continue;
      }
      await rename(fix.file, fix.renameTo);
    }
    report.applied.push(`${file}: ${printable(fix.description)}`);
  }
  return report;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a), stat(b)]);
  return x.dev === y.dev && x.ino === y.ino;
}

/** The text with every edit applied, or undefined if the result does not parse to the intended values. */
export function applyEdits(text: string, edits: readonly Edit[]): string | undefined {
  for (const style of ["as-written", "quoted"] as const) {
    let out = text;
    // From the end, so earlier offsets stay valid.
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      out = out.slice(0, edit.start) + (style === "quoted" ? edit.quoted : edit.text) + out.slice(edit.end);
    }
    if (readsBack(out, edits)) return out;
  }
  return undefined;
}

function readsBack(text: string, edits: readonly Edit[]): boolean {
  const parsed = parseYaml(text, "fix");
  if (parsed.problems.length) return false;
  return edits.every((edit) => {
    let node: unknown = parsed.value;
    for (const key of edit.path) node = (node as Record<string | number, unknown> | undefined)?.[key];
    return node === edit.expected;
  });
}
