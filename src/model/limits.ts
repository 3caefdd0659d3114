// Named limits on input that comes from strangers' pull requests. Each one has a clear message when hit.
export const limits = {
  /** Largest YAML or Markdown file read, in bytes. A 100,000-name list is about 10 MB. */
  maxFileBytes: 32 * 1024 * 1024,
  /** Longest single field value, in characters (a name, an affiliation). */
  maxFieldLength: 1000,
  /** Most entries in one signatory list file (a pasted list of 100,000 names fits). */
  maxListLength: 250_000,
};
