// Text rules shared by the search index builder (Node) and the search script (browser): both sides must
// normalise, tokenise and name shards identically, so this module uses only what both have.

/** Letters that NFKD does not decompose but readers type without their stroke or ligature. */
const FOLDS: Record<string, string> = { ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ı: "i", ß: "ss" };

/** NFKD, accents stripped, case-folded: "Finkhäuser" and "FINKHAUSER" both become "finkhauser". */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[øłđðþæœıß]/g, (c) => FOLDS[c] ?? c);
}

/** Distinct normalised words of `text`, in order of first appearance. */
export function tokenize(text: string): string[] {
  return [...new Set(normalise(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
}

/** Code points in a shard key before any split: two keep most shards small without a file per word. */
export const SHARD_KEY_LENGTH = 2;

/** First `length` code points (not UTF-16 units, so a non-Latin key never splits a character). */
export function prefix(token: string, length: number): string {
  return [...token].slice(0, length).join("");
}

/** A shard's file name: the key's UTF-8 bytes in hex, so any script gives a safe, unencoded URL. */
export function shardFile(key: string): string {
  return `${[...new TextEncoder().encode(key)].map((b) => b.toString(16).padStart(2, "0")).join("")}.json`;
}

/**
 * The shards that can hold words starting with `query`: every key that starts with it (the query is
 * shorter than the keys), and the longest key it starts with (the query is longer).
 */
export function shardsFor(query: string, keys: readonly string[]): string[] {
  const below = keys.filter((k) => k.startsWith(query));
  const above = keys.filter((k) => k !== query && query.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return above === undefined ? below : [...below, above];
}

/**
 * Sorted entry numbers as runs: [gap, length, gap, length, ...], each gap counted from the end of the
 * previous run. Groups and types are long runs (a few numbers); scattered postings cost two small ones.
 */
export function encodeIds(ids: readonly number[]): number[] {
  const out: number[] = [];
  let end = 0;
  for (let i = 0; i < ids.length; ) {
    let j = i + 1;
    while (j < ids.length && ids[j] === ids[j - 1]! + 1) j++;
    out.push(ids[i]! - end, j - i);
    end = ids[j - 1]! + 1;
    i = j;
  }
  return out;
}

export function decodeIds(runs: readonly number[]): number[] {
  const ids: number[] = [];
  let next = 0;
  for (let i = 0; i + 1 < runs.length; i += 2) {
    next += runs[i]!;
    for (let n = 0; n < runs[i + 1]!; n++) ids.push(next++);
  }
  return ids;
}

/** Entries in both sorted lists. */
export function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) (out.push(a[i]!), i++, j++);
    else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return out;
}

/** Sorted union of sorted lists. */
export function union(lists: readonly (readonly number[])[]): number[] {
  return [...new Set(lists.flat())].sort((x, y) => x - y);
}

/** The search files' shapes, read by the browser script. */
export interface SearchMeta {
  /** Format version: bump when a file's shape changes. */
  format: 1;
  total: number;
  /** Entries per record file (records/<n>.json holds entries n*recordSize ...). */
  recordSize: number;
  /** Entries per list page; entry i is on page floor(i / pageSize) + 1. */
  pageSize: number;
  /** The first list page, relative to the search folder; page n > 1 is <list><n>/. */
  list: string;
  /** Shard keys, sorted; the file of key k is shards/<shardFile(k)>. */
  shards: string[];
  facets: {
    type: FacetValue[];
    group: FacetValue[];
    country: FacetValue[];
  };
}

export interface FacetValue {
  /** Value of the filter's <option>, and the file facets/<facet>-<value>.json. */
  value: string;
  label: string;
  count: number;
}

/** shards/<hex>.json: [word, runs of entry numbers] pairs, sorted by word. */
export type SearchShard = [string, number[]][];

/** records/<n>.json: [name, role] of consecutive entries; role "" when there is none. */
export type SearchRecords = [string, string][];

/** Address of list page `page` (1-based), given the first page's. */
export const listPageUrl = (list: string, page: number) => (page === 1 ? list : `${list}${page}/`);

/** Fragment of entry `id` (0-based) on its list page: s1 is the first signatory. */
export const entryAnchor = (id: number) => `s${id + 1}`;
