// Reads the reference letter's text (as extracted from the PDF sent on 29 September 2021) into its parts,
// so tests compare the site against the original, not against our own copy of it.
import { readFileSync } from "node:fs";
import { fixture } from "./site.ts";

export interface ReferenceLetter {
  date: string;
  addressees: string[];
  title: string;
  salutation: string;
  paragraphs: string[];
  footnoteUrls: string[];
  /** "Name, role, affiliation" lines, in the original order. */
  signatories: string[];
  note: string;
}

export function readReference(): ReferenceLetter {
  const raw = readFileSync(`${fixture("reference")}/belgium-e2ee-2021-09-29.txt`, "utf8");
  const lines = raw.split("\n");
  const footnoteUrls = lines.flatMap((l) => [...l.matchAll(/^<sup>\d+<\/sup> <(https?:[^>]+)>/g)].map((m) => m[1]!));
  // Drop page breaks and the footnote lines printed at each page's foot; join what the page break cut.
  const flowing = lines.filter((l) => l.trim() !== "---" && !/^<sup>\d+<\/sup> </.test(l));
  const blocks = flowing
    .join("\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const clean = (s: string) => s.replace(/<sup>\d+<\/sup>/g, "").replace(/\s+/g, " ").trim();
  const [date, a1, a2, a3, salutation, title, ...rest] = blocks;
  const heading = rest.findIndex((b) => b.startsWith("## "));
  // The text extraction splits one paragraph at the first page break ("weakens the" / "security of...").
  const paragraphs: string[] = [];
  for (const block of rest.slice(0, heading)) {
    const previous = paragraphs.at(-1);
    if (previous !== undefined && /^[a-z]/.test(block)) paragraphs[paragraphs.length - 1] = `${previous} ${block}`;
    else paragraphs.push(block);
  }
  const listLines = rest
    .slice(heading + 1)
    .join("\n")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const note = listLines.pop()!.replace(/^\\\*/, "*");
  const signatories: string[] = [];
  for (const line of listLines) {
    const previous = signatories.at(-1);
    // A wrapped line: the previous entry ended with a comma ("Universidade de Lisboa," / "Portugal").
    if (previous?.endsWith(",")) signatories[signatories.length - 1] = `${previous} ${line}`;
    else signatories.push(line);
  }
  return {
    date: date!,
    addressees: [a1!, a2!, a3!].map(clean),
    title: title!,
    salutation: salutation!,
    paragraphs: paragraphs.map((p) => clean(p).replace(/\*/g, "")),
    footnoteUrls,
    signatories,
    note,
  };
}
