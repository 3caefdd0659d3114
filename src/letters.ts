// A letter is a folder letters/<slug>/ holding letter.md: YAML front matter and a Markdown body.
import { basename, join } from "node:path";
import { EmptyBodyError, type ContentError } from "./errors.ts";
import { displayPath, readContentFile } from "./files.ts";
import { checkFootnotes } from "./footnotes.ts";
import { markdown } from "./markdown.ts";
import { LETTER_FILE, letterText, parseLetterFile } from "./letter-file.ts";
import { checkSignatoryVersions } from "./signatory-versions.ts";
import { loadSignatories, orderSignatories } from "./signatories.ts";
import type { Letter, SiteConfig } from "./types.ts";
import { loadReleases } from "./versions.ts";

export { LETTER_FILE, parseLetterFile };

export async function loadLetter(letterDir: string, config: SiteConfig): Promise<{ letter?: Letter; problems: ContentError[] }> {
  const absolute = join(letterDir, LETTER_FILE);
  const file = displayPath(absolute);
  const read = await readContentFile(absolute);
  const signatories = await loadSignatories(letterDir);
  if (read.problem) return { problems: [read.problem, ...signatories.problems] };

  const parsed = parseLetterFile(read.text, file);
  const lang = parsed.frontMatter?.lang ?? config.lang;
  const released = await loadReleases(letterDir, config.lang);
  const problems = [...parsed.problems, ...signatories.problems, ...released.problems];
  if (parsed.body.trim() === "") {
    problems.push(
      new EmptyBodyError(file, { line: parsed.bodyLine, column: 1 }, "The letter has no text after its front matter.",
        "Write the body of the letter in Markdown below the closing ---."),
    );
  } else {
    problems.push(...checkFootnotes(markdown, parsed.body, file, parsed.bodyLine));
  }
  const fm = parsed.frontMatter;
  if (!fm) return { problems };

  const display = {
    heading: fm.signatories?.heading ?? "Signatories",
    note: fm.signatories?.note,
    order: fm.signatories?.order ?? "as-listed",
  };
  const letter: Letter = {
    ...letterText(fm, parsed, file, config.lang),
    slug: fm.slug ?? basename(letterDir),
    dir: displayPath(letterDir),
    status: fm.status ?? "open",
    summary: fm.summary,
    display,
    releases: released.releases,
    signatories: orderSignatories(signatories.signatories, display, lang),
  };
  // Only meaningful when every release loaded: a broken manifest is reported above.
  if (released.problems.length === 0) problems.push(...checkSignatoryVersions(letter));
  return { letter, problems };
}
