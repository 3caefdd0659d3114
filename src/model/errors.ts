// Stage model/: the content model. Takes nothing; gives the types, the zod schemas, the limits, the hash
// helper and the one error family every other stage uses.
//
// Every failure a user can cause has its own error type, names the file, line and column, says what is
// wrong and how to fix it. Modelled on Eleventy's Errors/ folder: one base class, one-line subclasses.
// The CLIs (scripts/lib/cli.ts) print an OpenLettersError as its format(), without a stack trace; any
// other error is a bug in open-letters and is printed with its stack and a request to report it.

export type Severity = "error" | "warning";

export interface Position {
  line: number;
  column: number;
}

/** Where a failure is and how to fix it; all optional, as a bad flag or a git state has no file. */
export interface ErrorDetails {
  file?: string;
  line?: number;
  column?: number;
  /** How to fix it, printed after the message. */
  hint?: string;
  cause?: unknown;
}

/** The base of every failure a user can cause: bad content, bad flags, git or output folder state. */
export class OpenLettersError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;
  severity: Severity = "error";

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, "cause" in details ? { cause: details.cause } : undefined);
    // new.target, not a literal: each one-line subclass is named after itself without repeating it.
    this.name = new.target.name;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.hint = details.hint;
  }

  /**
   * `file:line:col: error: what. How to fix.`: the format editors and GitHub turn into links. Without a
   * file (a flag, a git ref) there is nothing to link, so it is the message and the hint alone.
   *
   * Messages hold values from files and flags (names, keys, file names), and strangers write those, so
   * this is where they are made harmless, once for every message: a problem at a place in a file is one
   * line, with every control character, escape sequence and bidirectional control shown as an escape
   * (a name holding "\n::warning::" cannot start a line of its own, nor a workflow command); a message
   * without a file may have lines of its own, each made harmless the same way.
   */
  format(): string {
    const text = `${this.message}${this.hint ? ` ${this.hint}` : ""}`;
    if (this.file === undefined) return text.split("\n").map(printable).join("\n");
    return `${printablePath(this.file)}:${this.line ?? 1}:${this.column ?? 1}: ${this.severity}: ${printable(text)}`;
  }
}

/**
 * Characters that act instead of showing when printed to a terminal or a CI log: C0 and C1 controls
 * (ESC and CSI start escape sequences, CR and LF start a line, which Actions may read as a workflow
 * command), the bidirectional controls and marks (they reorder what follows them on screen), the line
 * and paragraph separators; and those that show nothing (format and default-ignorable characters, the
 * blank U+2800), so a message can say what a name holds. ZWJ, ZWNJ and variation selectors are kept:
 * they are part of how Persian, Indic and emoji names are written.
 */
const ACTING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u2800\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const KEPT = /^[\u200C\u200D\uFE00-\uFE0F]$/u;
const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every acting or invisible character written as its escape (`\n`, `\u001b`): shown, and inert. */
export function printable(text: string): string {
  return text.replace(ACTING, (c) => {
    if (KEPT.test(c)) return c;
    const code = c.codePointAt(0)!;
    return ESCAPES[c] ?? (code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}

/** A value in quotes, inert: where a name, key or file name begins and ends shows, whatever it holds. */
export function quote(value: string): string {
  return printable(JSON.stringify(value));
}

/** A path as is when it is plain (letters, digits, `.`, `_`, `-`, `/`), or else quoted: a space, `:` or `#` in it shows. */
export function printablePath(path: string): string {
  return /^[\p{L}\p{N}\p{M}._\/-]+$/u.test(path) ? path : quote(path);
}

/**
 * Something open-letters should have prevented went wrong (e.g. Typst refusing a layout our checks
 * accepted): a bug, not a user's mistake. Deliberately outside OpenLettersError, so the CLIs print it with
 * its stack and ask for a report.
 */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A problem in the letters, signatories or site settings, always at a place in a file. */
export class ContentError extends OpenLettersError {
  declare readonly file: string;
  declare readonly line: number;
  declare readonly column: number;

  constructor(file: string, position: Position | undefined, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, { file, line: position?.line ?? 1, column: position?.column ?? 1, hint, ...options });
  }

  asWarning(): this {
    this.severity = "warning";
    return this;
  }
}

export class YamlSyntaxError extends ContentError {}
export class FrontMatterError extends ContentError {}
export class MissingFieldError extends ContentError {}
export class InvalidFieldError extends ContentError {}
export class UnknownKeyError extends ContentError {}
export class EmptyFileError extends ContentError {}
export class EmptyBodyError extends ContentError {}
export class MissingLetterFileError extends ContentError {}
export class UndefinedFootnoteError extends ContentError {}
export class UnusedFootnoteError extends ContentError {}
/** A link in a letter that leaves the site while looking local (`//evil.example`), or a remote image. */
export class UnsafeLinkError extends ContentError {}
export class DuplicateSignatoryError extends ContentError {}
export class DuplicateSlugError extends ContentError {}
export class InvalidSlugError extends ContentError {}
export class StrayFileError extends ContentError {}
export class FileTooLargeError extends ContentError {}
export class UnsafeFileError extends ContentError {}
/** A content file or folder whose real path leaves the repository: a symbolic link to elsewhere, or to nothing. */
export class OutsideRepositoryError extends ContentError {}
export class FrozenFileError extends ContentError {}
export class ReleasedSignatoryError extends ContentError {}
/** A release record written before ids (names, not ids): `check --fix` converts it. */
export class OldRecordError extends ContentError {}
export class NameFormatError extends ContentError {}
export class NearDuplicateSignatoryError extends ContentError {}
/** A signatory's name, role or affiliation matches a name or word of moderation.yaml: a warning for a reviewer. */
export class HeldSignatoryError extends ContentError {}
export class FileNameMismatchError extends ContentError {}
/** A signatory file whose name is not ASCII lower-case letters, digits and hyphens, then .yaml. */
export class UnsafeFileNameError extends ContentError {}
/** An open letter its page offers no way to sign (site.yaml names no repository and no sign_email). */
export class UnsignableLetterError extends ContentError {}
/** An open letter that was never released, so npm run build leaves it out. */
export class UnreleasedLetterError extends ContentError {}
/** A letter's text under a name the loader does not read (`Letter.md`, `letter-fr.md`). */
export class MisnamedFileError extends ContentError {}
/** A letter's text is in a script that none of the PDF fonts cover (src/outputs/pdf/glyphs.ts). */
export class UncoveredScriptError extends ContentError {}
/** A signatory's name or role has characters no PDF font has: a warning (src/outputs/pdf/glyphs.ts). */
export class MissingGlyphError extends ContentError {}
/** Quotes, lists and emphasis nested deeper than the PDF can typeset (src/render/nesting.ts). */
export class NestingTooDeepError extends ContentError {}
/** A message in letters/i18n/<lang>.yaml that is not ICU MessageFormat, or uses a placeholder its key does not take. */
export class InvalidMessageError extends ContentError {}
/** A pull request binds a signature to a GitHub account (`github:`) that did not open it (npm run verify-accounts). */
export class AccountBindingError extends ContentError {}

// Failures outside the letters' files, which have no line to point at.
/** A font file the PDFs need is not installed (node_modules incomplete). */
export class MissingFontError extends OpenLettersError {}
/** The site's own text (its title on a social card) is in a script no font covers. */
export class CardScriptError extends OpenLettersError {}
/** The port the preview was asked to serve on is taken (by another preview or another program). */
export class PortInUseError extends OpenLettersError {}
/** Two sources of a build want the same output file, e.g. a letter folder named like a site folder. */
export class OutputCollisionError extends OpenLettersError {}

/** Thrown when content has errors; carries every problem found, so the user fixes them all in one go. */
export class ContentProblemsError extends OpenLettersError {
  readonly problems: ContentError[];

  constructor(problems: ContentError[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(`${errors.length} problem${errors.length === 1 ? "" : "s"} in the letters:\n${formatProblems(problems)}`);
    this.problems = problems;
  }

  /** Each problem on its own line, without the count: what the CLIs have always printed. */
  override format(): string {
    return formatProblems(this.problems);
  }
}

export function formatProblems(problems: readonly ContentError[]): string {
  return sortProblems(problems)
    .map((p) => p.format())
    .join("\n");
}

export function sortProblems(problems: readonly ContentError[]): ContentError[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

export function hasErrors(problems: readonly ContentError[]): boolean {
  return problems.some((p) => p.severity === "error");
}
