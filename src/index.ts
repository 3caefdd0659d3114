// Public API of the content pipeline; everything else in src/ is an implementation detail.
export * from "./errors.ts";
export { loadSite, loadSiteOrThrow, LETTERS_DIR } from "./site.ts";
export { markdown, createMarkdown, renderMarkdown } from "./markdown.ts";
export { parseLetterFile } from "./letters.ts";
export { parseSignatoryFile, orderSignatories, normaliseName } from "./signatories.ts";
export type * from "./types.ts";
