// GitHub Actions workflow commands, so problems show on the changed lines of a pull request:
// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
import { printable, type ContentError } from "../model/errors.ts";

/** Data (the message) escapes %, CR and LF, or a name could end the command and start another. */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values escape ":" and "," too, since those separate the properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `FileNameMismatchError` → `File name mismatch`. */
export function titleOf(problem: ContentError): string {
  const words = problem.name.replace(/Error$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * `::error file=...,line=...,col=...,title=...::message how-to-fix`. The file and the message are made
 * inert as in the text format (OpenLettersError.format), then escaped for the command: a stranger's name
 * shows in the annotation as they wrote it, escapes visible, and ends neither the command nor the line.
 */
export function githubAnnotation(problem: ContentError): string {
  const properties = [
    `file=${escapeProperty(printable(problem.file))}`,
    `line=${problem.line}`,
    `col=${problem.column}`,
    `title=${escapeProperty(titleOf(problem))}`,
  ].join(",");
  const message = problem.hint ? `${problem.message} ${problem.hint}` : problem.message;
  return `::${problem.severity === "warning" ? "warning" : "error"} ${properties}::${escapeData(printable(message))}`;
}
