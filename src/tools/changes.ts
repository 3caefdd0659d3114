// What a pull request changes, for its reviewers: letters touched, signatories added, edited, withdrawn or
// removed, versions released, and the check results, as Markdown for the job summary. Names come from
// strangers, so every value is escaped before it reaches Markdown.
import { distance } from "fastest-levenshtein";
import { nameKey, normaliseName } from "../common/names.ts";
import type { ContentError } from "../model/errors.ts";
import type { LetterSnapshot, SnapshotSignatory, VersionEntry } from "./snapshot.ts";
import type { LetterStatus } from "../model/types.ts";

export interface SignatoryEdit {
  before: SnapshotSignatory;
  after: SnapshotSignatory;
  fields: string[];
}

export interface LetterChanges {
  folder: string;
  title?: string;
  isNew: boolean;
  deleted: boolean;
  status?: { before?: LetterStatus; after?: LetterStatus };
  files: { added: string[]; changed: string[]; deleted: string[] };
  added: SnapshotSignatory[];
  edited: SignatoryEdit[];
  withdrawn: SnapshotSignatory[];
  removed: SnapshotSignatory[];
  /** Signatures whose personal data was erased (npm run withdraw -- --erase): counted, never named (none when absent). */
  erased?: number;
  released: VersionEntry[];
}

export function diffSnapshots(base: Map<string, LetterSnapshot>, head: Map<string, LetterSnapshot>): LetterChanges[] {
  const folders = [...new Set([...base.keys(), ...head.keys()])].sort();
  const changes: LetterChanges[] = [];
  for (const folder of folders) {
    const before = base.get(folder);
    const after = head.get(folder);
    const files = diffFiles(before?.files ?? new Map(), after?.files ?? new Map());
    if (!files.added.length && !files.changed.length && !files.deleted.length) continue;
    const people = diffSignatories(before?.signatories ?? [], after?.signatories ?? []);
    const known = new Set((before?.versions ?? []).map((v) => v.version));
    changes.push({
      folder,
      title: after?.title ?? before?.title,
      isNew: !before,
      deleted: !after,
      status: before?.status !== after?.status ? { before: before?.status, after: after?.status } : undefined,
      files,
      ...people,
      released: (after?.versions ?? []).filter((v) => !known.has(v.version)),
    });
  }
  return changes;
}

function diffFiles(before: Map<string, string>, after: Map<string, string>): LetterChanges["files"] {
  return {
    added: [...after.keys()].filter((f) => !before.has(f)),
    changed: [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f)),
    deleted: [...before.keys()].filter((f) => !after.has(f)),
  };
}

/**
 * Pairs signatories of both sides: by name and affiliation (a signatory moved or re-ordered is not a
 * change), then by a similar name in the same file (a corrected spelling is an edit), then a one-signatory
 * file with itself. What is left was added or removed.
 */
export function diffSignatories(before: readonly SnapshotSignatory[], after: readonly SnapshotSignatory[]) {
  const pairs: [SnapshotSignatory, SnapshotSignatory][] = [];
  const left = new Set(before);
  // An entry erased by this change has a new random id and no name: nothing pairs it with what it was.
  const ids = new Set(before.map((b) => b.fields.id));
  const newlyErased = after.filter((a) => a.erased !== undefined && !ids.has(a.fields.id));
  const right = new Set(after.filter((a) => !newlyErased.includes(a)));
  const take = (b: SnapshotSignatory, a: SnapshotSignatory) => {
    pairs.push([b, a]);
    left.delete(b);
    right.delete(a);
  };
  // First by id: a signature keeps it through spelling fixes and renames once a release wrote it.
  const byId = new Map<unknown, SnapshotSignatory>();
  for (const s of left) if (typeof s.fields.id === "string") byId.set(s.fields.id, s);
  for (const a of [...right]) {
    const b = typeof a.fields.id === "string" ? byId.get(a.fields.id) : undefined;
    if (b && left.has(b)) take(b, a);
  }
  const byIdentity = new Map<string, SnapshotSignatory[]>();
  for (const s of left) byIdentity.set(nameKey(s), [...(byIdentity.get(nameKey(s)) ?? []), s]);
  for (const a of [...right]) {
    const b = byIdentity.get(nameKey(a))?.find((x) => left.has(x));
    if (b) take(b, a);
  }
  // Unpaired entries per file; a file with hundreds of them (a list pasted anew) is not worth the
  // quadratic search, and its entries are reported as removed and added.
  const leftByPath = new Map<string, SnapshotSignatory[]>();
  for (const b of left) leftByPath.set(b.path, [...(leftByPath.get(b.path) ?? []), b]);
  for (const a of [...right]) {
    const candidates = leftByPath.get(a.path) ?? [];
    if (candidates.length > SIMILARITY_LIMIT) continue;
    const close = candidates
      .filter((b) => left.has(b))
      .map((b) => ({ b, d: distance(normaliseName(b.name), normaliseName(a.name)) }))
      .filter(({ b, d }) => d <= Math.max(2, Math.floor(Math.max(b.name.length, a.name.length) / 3)))
      .sort((x, y) => x.d - y.d)[0];
    if (close) take(close.b, a);
  }
  for (const a of [...right]) {
    const b = a.single ? [...left].find((x) => x.single && x.path === a.path) : undefined;
    if (b) take(b, a);
  }

  const edited: SignatoryEdit[] = [];
  const withdrawn: SnapshotSignatory[] = [];
  for (const [b, a] of pairs) {
    if (a.withdrawn && !b.withdrawn) {
      withdrawn.push(a);
      continue;
    }
    const keys = [...new Set([...Object.keys(b.fields), ...Object.keys(a.fields)])].sort();
    // An id written by a release is bookkeeping, not an edit a reviewer must read.
    const fields = keys.filter((key) => JSON.stringify(b.fields[key]) !== JSON.stringify(a.fields[key]) && !(key === "id" && b.fields.id === undefined));
    if (fields.length) edited.push({ before: b, after: a, fields });
  }
  const order = (list: Iterable<SnapshotSignatory>) => [...list].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : x.index - y.index));
  // What went unpaired is what was erased, as many as were erased, withdrawn ones first: never named here,
  // or the summary would print the name the erasure removes.
  const gone = [...left].sort((x, y) => Number(!x.withdrawn) - Number(!y.withdrawn)).slice(0, newlyErased.length);
  for (const g of gone) left.delete(g);
  return { added: order(right), edited, withdrawn: order(withdrawn), removed: order(left), erased: newlyErased.length };
}

const SIMILARITY_LIMIT = 200;

// ---- Markdown ----

/**
 * Text from strangers as inert Markdown: one line; HTML special characters as entities; every Markdown
 * punctuation character backslash-escaped; "@" followed by a zero-width joiner so no name mentions anyone.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@\u200d");
}

/** A code span that no backtick inside can close. */
export function codeSpan(value: string): string {
  const text = value.replace(/\s+/g, " ");
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text}${fence}`;
}

/** At most this many entries per list; a pasted list of thousands of names would bury the summary. */
const LIST_LIMIT = 200;

export interface SummaryOptions {
  base: string;
  head: string;
  problems: readonly ContentError[];
}

export function changesMarkdown(changes: readonly LetterChanges[], options: SummaryOptions): string {
  const out: string[] = [`## Changes to the letters`, ""];
  out.push(`Compared ${codeSpan(options.head)} with ${codeSpan(options.base)}: ${changes.length ? `${plural(changes.length, "letter")} touched.` : "no letter changed."}`);
  for (const letter of changes) out.push("", ...letterMarkdown(letter));
  out.push("", ...checkMarkdown(options.problems));
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}

function letterMarkdown(c: LetterChanges): string[] {
  const out = [`### ${c.title ? escapeMarkdown(c.title) : escapeMarkdown(c.folder)} (${codeSpan(`letters/${c.folder}/`)})`, ""];
  if (c.isNew) out.push("New letter.");
  if (c.deleted) out.push("**The letter folder was deleted.**");
  if (c.status && !c.isNew && !c.deleted) out.push(`Status: ${c.status.before ?? "unreadable"} → ${c.status.after ?? "unreadable"}.`);
  if (c.released.length) {
    out.push("", `**Released ${c.released.length === 1 ? "version" : "versions"}:**`, "");
    for (const v of c.released) {
      out.push(`- Version ${escapeMarkdown(v.version)}${v.date ? ` (${escapeMarkdown(v.date)})` : ""}${v.notes ? `: ${escapeMarkdown(v.notes)}` : ""}`);
    }
  }
  // featured: lists a signatory first and highlights them: a signer may write it into their own file, so it shows.
  list(out, "Signatories added", c.added, (s) => `${who(s)} in ${codeSpan(s.path)}${s.fields.featured === true ? ", **featured**" : ""}`);
  list(out, "Signatories edited", c.edited, (e) =>
    `${e.before.name !== e.after.name || e.before.affiliation !== e.after.affiliation ? `${who(e.before)} → ${who(e.after)}` : who(e.after)}: ${e.fields.map((f) => codeSpan(f)).join(", ")} changed`);
  list(out, "Signatures withdrawn", c.withdrawn, (s) => `${who(s)}${s.withdrawn ? ` (withdrawn ${escapeMarkdown(s.withdrawn)})` : ""}`);
  if (c.erased) out.push("", `**Signatures erased (${c.erased}):** the signer's personal data is removed; the names are not repeated here.`);
  if (c.removed.length) {
    list(out, "Signatories removed", c.removed, (s) => `${who(s)} from ${codeSpan(s.path)}`);
    out.push("", "> [!WARNING]", "> Signatures should be withdrawn (`withdrawn: YYYY-MM-DD`), not deleted, so the record of who signed which version stays complete.");
  }
  const signatoryFiles = (f: string) => f.startsWith("signatories/");
  const peopleChanged = c.added.length + c.edited.length + c.withdrawn.length + c.removed.length + (c.erased ?? 0) > 0;
  // Signatory files changed with no signatory changed (a comment, layout): say so rather than nothing.
  const quiet = peopleChanged ? [] : [...c.files.added, ...c.files.changed, ...c.files.deleted].filter(signatoryFiles);
  const other = [
    ...quiet.map((f) => `${codeSpan(f)} (no signatory changed)`),
    ...c.files.added.filter((f) => !signatoryFiles(f)).map((f) => `${codeSpan(f)} added`),
    ...c.files.changed.filter((f) => !signatoryFiles(f)).map((f) => `${codeSpan(f)} changed`),
    ...c.files.deleted.filter((f) => !signatoryFiles(f)).map((f) => `${codeSpan(f)} deleted`),
  ];
  if (other.length) out.push("", `Other files: ${other.join(", ")}.`);
  return out;
}

function list<T>(out: string[], heading: string, items: readonly T[], line: (item: T) => string): void {
  if (!items.length) return;
  out.push("", `**${heading} (${items.length}):**`, "");
  for (const item of items.slice(0, LIST_LIMIT)) out.push(`- ${line(item)}`);
  if (items.length > LIST_LIMIT) out.push(`- … and ${items.length - LIST_LIMIT} more`);
}

function who(s: SnapshotSignatory): string {
  return `${escapeMarkdown(s.name)}${s.affiliation ? ` (${escapeMarkdown(s.affiliation)})` : ""}`;
}

function checkMarkdown(problems: readonly ContentError[]): string[] {
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.length - errors.length;
  const out = ["### Check", ""];
  if (!problems.length) return [...out, "✅ No problems."];
  out.push(`${errors.length ? "❌" : "✅"} ${plural(errors.length, "error")}, ${plural(warnings, "warning")}.`, "");
  for (const p of problems.slice(0, LIST_LIMIT)) {
    out.push(`- ${p.severity === "error" ? "**error**" : "warning"} ${codeSpan(`${p.file}:${p.line}:${p.column}`)}: ${escapeMarkdown(p.message)}${p.hint ? ` ${escapeMarkdown(p.hint)}` : ""}`);
  }
  if (problems.length > LIST_LIMIT) out.push(`- … and ${problems.length - LIST_LIMIT} more (run \`npm run check\`)`);
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
