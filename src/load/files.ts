// Stage load/: reading letters/. Takes the files; gives a validated Site (model/types.ts), or every
// problem found, each with file:line:col and a hint.
//
// Reading content files defensively: size limit, no symlinks, UTF-8 only, BOM and CRLF normalised.
import { lstatSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { FileTooLargeError, UnsafeFileError, type ContentError } from "../model/errors.ts";
import { limits } from "../model/limits.ts";

export type ReadResult = { text: string; problem?: undefined } | { text?: undefined; problem: ContentError };

/** Path as shown in messages: relative to the working directory, with forward slashes. */
export function displayPath(absolute: string): string {
  return relative(process.cwd(), absolute).split("\\").join("/") || ".";
}

// Synchronous on purpose: content files are small and many (one per signatory); awaiting the thread pool
// for each of 100,000 files costs ten times more than reading them directly.
export async function readContentFile(absolute: string): Promise<ReadResult> {
  return readContentFileSync(absolute);
}

export function readContentFileSync(absolute: string): ReadResult {
  const file = displayPath(absolute);
  const stat = lstatSync(absolute);
  if (stat.isSymbolicLink()) {
    return {
      problem: new UnsafeFileError(file, undefined, "This file is a symbolic link; content files must be regular files.",
        "Replace the link with a copy of the file it points to."),
    };
  }
  if (!stat.isFile()) {
    return {
      problem: new UnsafeFileError(file, undefined, "This is not a regular file (a folder, device or pipe with a content file's name).",
        "Remove it or rename it; content files are plain text files."),
    };
  }
  if (stat.size > limits.maxFileBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return {
      problem: new FileTooLargeError(file, undefined, `This file is ${mb(stat.size)}, over the ${mb(limits.maxFileBytes)} limit.`,
        "Split the signatories over several files in the same folder."),
    };
  }
  const bytes = readFileSync(absolute);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lossy = bytes.toString("utf8");
    const at = lossy.indexOf("\uFFFD");
    const before = lossy.slice(0, Math.max(at, 0));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return {
      problem: new UnsafeFileError(file, { line, column }, "This file is not valid UTF-8 text.",
        "Save it as UTF-8 (in most editors: File > Save with encoding > UTF-8)."),
    };
  }
  return { text: normaliseNewlines(text) };
}

/** A BOM and Windows line endings are harmless; drop and unify them so positions and hashes are stable. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}
