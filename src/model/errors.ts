// Every failure a user can cause has its own error type, names the file, line and column, says what is
// wrong and how to fix it. Modelled on Eleventy's Errors/ folder: one base class, one-line subclasses.

export type Severity = "error" | "warning";

export interface Position {
  line: number;
  column: number;
}

export class ContentError extends Error {
  override name = this.constructor.name;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly hint: string | undefined;
  severity: Severity = "error";

  constructor(file: string, position: Position | undefined, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.file = file;
    this.line = position?.line ?? 1;
    this.column = position?.column ?? 1;
    this.hint = hint;
  }

  /** `file:line:col: error: what. How to fix.`: the format editors and GitHub turn into links. */
  format(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.severity}: ${this.message}${this.hint ? ` ${this.hint}` : ""}`;
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
export class DuplicateSignatoryError extends ContentError {}
export class DuplicateSlugError extends ContentError {}
export class InvalidSlugError extends ContentError {}
export class StrayFileError extends ContentError {}
export class FileTooLargeError extends ContentError {}
export class UnsafeFileError extends ContentError {}
export class FrozenFileError extends ContentError {}
export class ReleasedSignatoryError extends ContentError {}
export class NameFormatError extends ContentError {}
export class NearDuplicateSignatoryError extends ContentError {}
export class FileNameMismatchError extends ContentError {}
/** A letter's text is in a script that none of the PDF fonts cover (src/outputs/pdf/glyphs.ts). */
export class UncoveredScriptError extends ContentError {}

/** Thrown when content has errors; carries every problem found, so the user fixes them all in one go. */
export class ContentProblemsError extends Error {
  override name = "ContentProblemsError";
  readonly problems: ContentError[];

  constructor(problems: ContentError[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(`${errors.length} problem${errors.length === 1 ? "" : "s"} in the letters:\n${formatProblems(problems)}`);
    this.problems = problems;
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
