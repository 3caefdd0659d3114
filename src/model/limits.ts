// Named limits on input that comes from strangers' pull requests. Each one has a clear message when hit.
export const limits = {
  /** Largest YAML or Markdown file read, in bytes. A 100,000-name list is about 10 MB. */
  maxFileBytes: 32 * 1024 * 1024,
  /** Longest single field value, in characters (a name, an affiliation). */
  maxFieldLength: 1000,
  /** Most entries in one signatory list file (a pasted list of 100,000 names fits). */
  maxListLength: 250_000,
  /**
   * Deepest nesting of a letter's text, every element counted (render/nesting.ts). Measured with Typst
   * 0.14, which typesets the PDF: it stops at 64 nested show rules and 80 nested calls, so 31 levels of any
   * mix of quotes, lists, emphasis, links and footnotes typeset and 32 do not always (31 lists around a
   * heading); but long before that, each list inside a list about doubles the time to typeset it (18
   * levels 0.1 s, 22 levels 0.8 s, 26 levels 5.5 s, 30 levels 19 s). 16 levels keep every PDF quick and
   * are far more than a letter needs; tests/pdf-nesting.test.ts typesets every kind at this depth. The
   * web page's own limit is markdown-it's 100 levels, beyond which it drops the text.
   */
  maxNesting: 16,
  /** Largest attachment of an update (a scanned reply, a photo of the delivery), in bytes. */
  maxAttachmentBytes: 10 * 1024 * 1024,
};
