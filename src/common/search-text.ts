// Text rules shared by the search index builder (Node) and the search script (browser): both sides must
// normalise, tokenise and name shards identically, so this module uses only what both have.

/** Letters that NFKD does not decompose but readers type without their stroke or ligature, and letters
 * of the Arabic script typed either way (alef wasla, alef maksura and the Persian yeh and keheh, teh
 * marbuta), as Lucene's Arabic and Persian normalisers fold them. Greek final sigma is sigma.
 * https://lucene.apache.org/core/9_0_0/analysis/common/org/apache/lucene/analysis/ar/ArabicNormalizer.html */
const FOLDS: Record<string, string> = {
  ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", æ: "ae", œ: "oe", ı: "i", ß: "ss", ς: "σ",
  "\u0671": "\u0627", "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0629": "\u0647",
};
const FOLDED = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "gu");

/**
 * Marks a reader may leave out, after NFKD: accents on Latin, Greek and Cyrillic letters, Arabic harakat
 * (and the hamza and madda NFKD splits off alef, waw and yeh), Hebrew niqqud and cantillation. Marks
 * that are letters of their script (Thai and Indic vowels, kana voicing) stay: no reader drops them.
 */
const OPTIONAL_MARKS =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08d3-\u08e1\u08e3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/gu;

/**
 * Invisible characters readers never type (format controls: bidi marks, zero-width joiners, soft hyphens)
 * and the Arabic tatweel, which only stretches a word. A zero-width space separates words, as a space.
 */
const INVISIBLE = /[\p{Cf}\u0640]/gu;

/**
 * NFKD, optional marks stripped, case-folded, then NFC again: "Finkhäuser" and "FINKHAUSER" both become
 * "finkhauser", "مَرْيَم" and "مريم" are one word, and Hangul syllables, split into jamo by NFKD, are whole.
 */
export function normalise(text: string): string {
  return text
    .replace(/\u200b/g, " ")
    .replace(INVISIBLE, "")
    .normalize("NFKD")
    .replace(OPTIONAL_MARKS, "")
    .toLowerCase()
    .replace(FOLDED, (c) => FOLDS[c] ?? c)
    .normalize("NFC");
}

/** Scripts written without spaces between words, where a name is found by any part of it. */
const CJK = "\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}";
/** Scripts without spaces that Intl.Segmenter splits into words (with a dictionary). */
const SEA = "\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}";
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const SPECIAL = new RegExp(`[${CJK}${SEA}]`, "u");
/** Within a run of letters, marks and digits: CJK, SEA, or any other script. */
const SCRIPT_RUN = new RegExp(`(?<cjk>[${CJK}][${CJK}\\p{M}]*)|(?<sea>[${SEA}][${SEA}\\p{M}]*)|[^${CJK}${SEA}]+`, "gu");
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;
/** Between two CJK runs, what only separates parts of one name ("山田 太郎", "ジョン・スミス"). */
const CJK_JOIN = /^[\s\u00b7\u30fb\uff65]+$/u;
const SEA_JOIN = /^\s+$/u;

/**
 * Longest term of a CJK or SEA run, in code points. A run is indexed from each place a search may start,
 * so this keeps a long run from costing its length squared; a longer query is looked up by its start.
 */
export const MAX_TERM = 24;
const cap = (term: string) => [...term].slice(0, MAX_TERM).join("");

interface Chunk {
  kind: "cjk" | "sea" | "word";
  text: string;
  /** What separates it from the chunk before ("" for the first). A "word" chunk may hold several words. */
  gap: string;
}

function chunks(text: string): Chunk[] {
  // Most names have no CJK or SEA letter: their words are split after normalising, in one pass.
  if (!SPECIAL.test(text)) return [{ kind: "word", text, gap: "" }];
  const clean = text.replace(/\u200b/g, " ").replace(INVISIBLE, "").normalize("NFC");
  const out: Chunk[] = [];
  let end = 0;
  for (const run of clean.matchAll(WORD_RUN)) {
    const gap = clean.slice(end, run.index);
    end = run.index + run[0].length;
    if (!SPECIAL.test(run[0])) {
      out.push({ kind: "word", text: run[0], gap });
      continue;
    }
    for (const m of run[0].matchAll(SCRIPT_RUN)) {
      out.push({ kind: m.groups!.cjk ? "cjk" : m.groups!.sea ? "sea" : "word", text: m[0], gap: m.index === 0 ? gap : "" });
    }
  }
  return out;
}

let segmenter: Intl.Segmenter | null | undefined;

/**
 * Words of a Thai (Lao, Khmer, Burmese) run, by Intl.Segmenter's dictionary, on the text as written
 * (before NFKD, which splits the sara am that its dictionary knows). Without Intl.Segmenter (Firefox
 * before 125) the run is one word.
 * https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Intl/Segmenter
 */
export function segmentWords(run: string): { word: string; index: number }[] {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  if (!segmenter) return [{ word: run, index: 0 }];
  return [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => ({ word: s.segment, index: s.index }));
}

const squeeze = (text: string) => normalise(text).split(NOT_WORD).join("");

/**
 * Distinct terms the index lists an entry's text under, in order of first appearance. Other scripts: each
 * normalised word, and an Arabic word without its article ("الأحمد" also under "احمد"). CJK: the run from
 * every character on, so that "太郎" and "田太" find "山田太郎" by prefix. Thai: the run from every word
 * the segmenter finds on. Runs of one script that only a space separates are indexed as one ("山田 太郎"
 * is found by "山田太郎" too).
 */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  const all = chunks(text);
  for (let i = 0; i < all.length; i++) {
    const chunk = all[i]!;
    if (chunk.kind === "word") {
      for (const word of normalise(chunk.text).split(NOT_WORD)) {
        if (!word) continue;
        terms.add(word);
        if (/^\u0627\u0644\p{L}{3}/u.test(word)) terms.add(word.slice(2));
      }
      continue;
    }
    // The phrase: this run and the runs of its kind after it that only a separator keeps apart.
    const join = chunk.kind === "cjk" ? CJK_JOIN : SEA_JOIN;
    const parts = [chunk];
    while (all[i + 1]?.kind === chunk.kind && join.test(all[i + 1]!.gap)) parts.push(all[++i]!);
    const phrase = parts.map((p) => p.text).join("");
    if (chunk.kind === "cjk") {
      const chars = [...squeeze(phrase)];
      chars.forEach((c, k) => /\p{M}/u.test(c) || terms.add(chars.slice(k, k + MAX_TERM).join("")));
      continue;
    }
    let offset = 0;
    for (const part of parts) {
      for (const { index } of segmentWords(part.text)) {
        const term = cap(squeeze(phrase.slice(offset + index)));
        if (term) terms.add(term);
      }
      offset += part.text.length;
    }
  }
  return [...terms];
}

/**
 * What a query asks, one item per word typed: entries must match every item, and match an item when
 * they match all words of any one of its alternatives. A Thai run is looked up as typed (a word being
 * typed may not segment as the finished word), or as the words the same segmenter finds in it (a name
 * typed without the space the list has).
 */
export function queryTerms(text: string): string[][][] {
  const items: string[][][] = [];
  for (const chunk of chunks(text)) {
    if (chunk.kind === "word") {
      for (const word of normalise(chunk.text).split(NOT_WORD)) if (word) items.push([[word]]);
      continue;
    }
    const whole = cap(squeeze(chunk.text));
    if (!whole) continue;
    const item = [[whole]];
    if (chunk.kind === "sea") {
      const words = segmentWords(chunk.text).map((s) => cap(squeeze(s.word))).filter(Boolean);
      if (words.length > 1) item.push(words);
    }
    items.push(item);
  }
  return items;
}

/** Code points in a shard key before any split: two keep most shards small without a file per word. */
export const SHARD_KEY_LENGTH = 2;

const CJK_START = new RegExp(`^[${CJK}]`, "u");

/**
 * A term's shard key before any split: its first two code points, or one for CJK, where a character says
 * as much as a Latin syllable and two would give a shard (and a key in meta.json) per pair in the list.
 */
export function shardKey(term: string): string {
  return prefix(term, CJK_START.test(term) ? 1 : SHARD_KEY_LENGTH);
}

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
  /** Format version: bump when a file's shape or the terms it lists change (2: terms of CJK and Thai runs). */
  format: 2;
  total: number;
  /** Entries per record file (records/<n>.json holds entries n*recordSize ...). */
  recordSize: number;
  /** Entries per list page; entry i is on page floor(i / pageSize) + 1. */
  pageSize: number;
  /** The first list page, relative to the search folder; page n > 1 is <list><n>/. */
  list: string;
  /**
   * The folder of shards/, records/ and facets/, relative to the search folder ("./" if absent): the
   * translations of a page list the same names, so their indexes share one copy of these files.
   */
  data?: string;
  /** Shard keys, sorted; the file of key k is <data>shards/<shardFile(k)>. */
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
