// Public API of the content pipeline; everything else in src/ is an implementation detail.
export * from "./model/errors.ts";
export { loadSite, loadSiteOrThrow, LETTERS_DIR } from "./load/site.ts";
export { markdown, createMarkdown, renderMarkdown } from "./render/markdown.ts";
export { parseLetterFile } from "./load/letters.ts";
export { parseSignatoryFile, orderSignatories } from "./load/signatories.ts";
export { normaliseName } from "./common/names.ts";
export type * from "./model/types.ts";
