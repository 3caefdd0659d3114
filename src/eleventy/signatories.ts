// Eleventy plugin: `{{ group.signatories | signatoryEntries | safe }}`, a group's list items, drawn by
// src/outputs/signatory-entry.ts (every value escaped there), on letter pages and list pages. One call
// per group, not per entry: Eleventy measures every filter call, which cost 13 µs an entry.
import { signatoryEntriesHtml } from "../outputs/signatory-entry.ts";
import type { SignatoryLine } from "../describe/letter-document.ts";

interface SignatoriesConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export default function signatoriesPlugin(eleventyConfig: SignatoriesConfig): void {
  eleventyConfig.addFilter("signatoryEntries", (entries: readonly SignatoryLine[]) => signatoryEntriesHtml(entries));
}
