// letters/<slug>/updates/: what happened after the letter was published, one Markdown file an update
// (<date>-<name>.md, translated as <date>-<name>.<lang>.md), with attachments beside them. Updates are
// not part of any version's text: adding one changes no released text, hash or PDF.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { InvalidFieldError, MisnamedFileError, StrayFileError, type ContentError } from "../model/errors.ts";
import { limits } from "../model/limits.ts";
import { updateFrontMatterSchema, updateTranslationFrontMatterSchema } from "../model/schema.ts";
import { sha256 } from "../model/hash.ts";
import type { LetterUpdate, UpdateAttachment } from "../model/types.ts";
import { displayPath, readContentFile, readFolder } from "./files.ts";
import { checkBody, parseLetterFile } from "./letter-markdown.ts";

export const UPDATES_DIR = "updates";

/** <YYYY-MM-DD>-<name>.md, or .<lang>.md for a translation. */
const UPDATE_FILE = /^(\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*))?\.md$/;

/** What an update may link to beside it: documents and pictures a browser shows, nothing it runs. */
export const ATTACHMENT_FILE = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*\.(?:pdf|png|jpe?g|webp|txt)$/;

export interface LoadedUpdates {
  updates: LetterUpdate[];
  /** The attachments in updates/, copied beside the letter's pages. */
  attachments: UpdateAttachment[];
  problems: ContentError[];
}

/** The letter's updates, newest first (same day: by name), each checked as a letter's text is. */
export async function loadUpdates(letterDir: string, languages: readonly string[]): Promise<LoadedUpdates> {
  const dir = join(letterDir, UPDATES_DIR);
  const { names, problem } = await readFolder(dir, {
    message: "The updates folder cannot be read.",
    hint: "Make updates/ a plain folder of <date>-<name>.md files.",
  });
  const problems: ContentError[] = problem ? [problem] : [];
  const originals = new Map<string, LetterUpdate>();
  const translated: { id: string; lang: string; name: string }[] = [];
  const attachments: UpdateAttachment[] = [];
  for (const name of [...names].sort()) {
    const absolute = join(dir, name);
    const file = displayPath(absolute);
    const match = UPDATE_FILE.exec(name);
    if (!match) {
      if (ATTACHMENT_FILE.test(name)) {
        const size = statSync(absolute, { throwIfNoEntry: false })?.size ?? 0;
        if (size > limits.maxAttachmentBytes) {
          problems.push(new InvalidFieldError(file, undefined, `This attachment is ${megabytes(size)} MB, more than the ${megabytes(limits.maxAttachmentBytes)} MB an update may carry.`,
            "Make it smaller (a lower resolution, a compressed PDF), or link to where it is published."));
        } else attachments.push({ name, sha256: sha256(readFileSync(absolute)) });
      } else {
        problems.push(name.endsWith(".md")
          ? new MisnamedFileError(file, undefined, "This update is not read: its name must be <YYYY-MM-DD>-<name>.md, the name in lower-case letters, digits and hyphens.", "Rename it, e.g. 2024-05-01-delivered.md.")
          : new StrayFileError(file, undefined, "Only updates (.md) and their attachments (.pdf, .png, .jpg, .webp, .txt, named in lower case) belong in updates/.", "Remove the file, or convert and rename it."));
      }
      continue;
    }
    const [, id, lang] = match as unknown as [string, string, string | undefined];
    if (lang) {
      translated.push({ id, lang, name });
      continue;
    }
    const parsed = await readUpdateFile(absolute, updateFrontMatterSchema, problems);
    const fm = parsed?.frontMatter;
    if (!parsed || !fm) continue;
    if (fm.date !== id.slice(0, 10)) {
      const at = parsed.yaml?.positionOf(["date"]);
      problems.push(new InvalidFieldError(file, at, `The date ${fm.date} is not the file name's, ${id.slice(0, 10)}.`, "Make the file name start with the update's date."));
    }
    const datePosition = parsed.yaml?.positionOf(["date"]);
    originals.set(id, { id, date: fm.date, kind: fm.kind, title: fm.title, body: parsed.body, file, ...(datePosition ? { datePosition } : {}), translations: {} });
  }
  for (const { id, lang, name } of translated) {
    const absolute = join(dir, name);
    const file = displayPath(absolute);
    const original = originals.get(id);
    if (!original) {
      problems.push(new StrayFileError(file, undefined, `This translates an update that does not exist: there is no ${id}.md.`, `Add ${id}.md, or rename this file after the update it translates.`));
      continue;
    }
    if (!languages.includes(lang)) {
      problems.push(new MisnamedFileError(file, undefined, `The letter is not written in "${lang}", so this translation would be shown nowhere.`,
        `Name it after one of the letter's languages (${languages.join(", ")}).`));
      continue;
    }
    const parsed = await readUpdateFile(absolute, updateTranslationFrontMatterSchema, problems);
    if (parsed?.frontMatter) original.translations[lang] = { title: parsed.frontMatter.title, body: parsed.body };
  }
  const updates = [...originals.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { updates, attachments, problems };
}

/** An update or its translation, read and checked as a letter's text is; its problems go to `problems`. */
async function readUpdateFile<S extends z.ZodType>(absolute: string, schema: S, problems: ContentError[]) {
  const file = displayPath(absolute);
  const read = await readContentFile(absolute);
  if (read.problem) {
    problems.push(read.problem);
    return undefined;
  }
  const parsed = parseLetterFile(read.text, file, schema);
  problems.push(...parsed.problems, ...checkBody(parsed, file));
  return parsed;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
