// Reading PDFs the way a reader's tools do, with poppler-utils (pdftotext, pdfinfo, pdffonts; .ci/run
// installs them): text per page, text in reading order per column, metadata and embedded fonts.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { tempDir } from "./site.ts";

const run = promisify(execFile);

/** Writes the bytes to a temporary file once, for the command-line tools. */
export async function pdfFile(bytes: Uint8Array): Promise<string> {
  const file = join(await tempDir("open-letters-pdf-"), "letter.pdf");
  await writeFile(file, bytes);
  return file;
}

export async function pdfText(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", ...range, file, "-"], { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run("pdfinfo", ["-isodates", file]);
  return Object.fromEntries(stdout.split("\n").filter((l) => l.includes(":")).map((l) => {
    const at = l.indexOf(":");
    return [l.slice(0, at).trim(), l.slice(at + 1).trim()];
  }));
}

/** Names of the embedded fonts, without the subset prefix (ABCDEF+). */
export async function pdfFonts(file: string): Promise<string[]> {
  const { stdout } = await run("pdffonts", [file]);
  return stdout.split("\n").slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
}

export interface PdfLine {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  /** Top to bottom. */
  lines: PdfLine[];
}

/** The lines of one page with their positions (pdftotext -bbox-layout). */
export async function pdfLines(file: string, page: number): Promise<PdfPage> {
  return (await pdfLayout(file, page, page))[0]!;
}

/** Every page's lines with their positions, from one run of pdftotext. */
export async function pdfLayout(file: string, first?: number, last?: number): Promise<PdfPage[]> {
  const range = [...(first ? ["-f", String(first)] : []), ...(last ? ["-l", String(last)] : [])];
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", "-bbox-layout", ...range, file, "-"], { maxBuffer: 1024 * 1024 * 1024 });
  return stdout.split(/<page /).slice(1).map((xml) => {
    const size = /^width="([\d.]+)" height="([\d.]+)"/.exec(xml);
    const lines: PdfLine[] = [];
    for (const match of xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...match[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decodeEntities(w[1]!));
      lines.push({ text: words.join(" "), xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]) });
    }
    lines.sort((a, b) => a.yMin - b.yMin);
    return { width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0), lines };
  });
}

/** Text as a reader follows it through a two-column list: the left column top to bottom, then the right. */
export function columnText(page: PdfPage, top = 0): string {
  const below = page.lines.filter((l) => l.yMin >= top);
  const left = below.filter((l) => l.xMin < page.width / 2);
  const right = below.filter((l) => l.xMin >= page.width / 2);
  return [...left, ...right].map((l) => l.text).join("\n");
}

/** For comparing wrapped, hyphenated text: drops all whitespace and hyphens (soft or real). */
export const squash = (s: string) => s.replace(/[\s\u00ad\u2010-]/g, "");

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, "&");
}
