// A sharded static search index for one signatory list, so readers can search 20,000 names without a
// server and without downloading the list: a query fetches meta.json, one or two shards of postings
// (words → entry numbers) and the record files holding the results it shows.
import {
  encodeIds, indexTerms, prefix, shardFile, shardKey,
  type FacetValue, type SearchMeta, type SearchRecords, type SearchShard,
} from "../common/search-text.ts";

export interface SearchEntry {
  name: string;
  /** Title and affiliation as printed; searched with the name. */
  role?: string;
}

/** One filter value and the entries it keeps (sorted entry numbers). */
export interface Facet extends FacetValue {
  ids: number[];
}

export interface SearchIndexOptions {
  pageSize: number;
  /** The first list page, relative to the search folder. */
  list: string;
  facets: { type: Facet[]; group: Facet[]; country: Facet[] };
  /** Entries per record file. */
  recordSize?: number;
  /** A shard larger than this is split by one more character of its words. */
  maxShardBytes?: number;
}

/** A file of the index, by path inside the search folder. */
export interface IndexFile {
  path: string;
  content: string;
}

export const RECORD_SIZE = 100;
export const MAX_SHARD_BYTES = 16 * 1024;

/** Every file of the index. Same entries and options give byte-identical files in the same order. */
export function buildSearchIndex(entries: readonly SearchEntry[], options: SearchIndexOptions): IndexFile[] {
  const data = buildSearchData(entries, options);
  return [searchMeta(entries.length, data.shards, options), ...data.files];
}

/** The files a query reads by entry: shards of postings, records, facets (in the folder SearchMeta.data names). */
export interface SearchData {
  files: IndexFile[];
  /** Shard keys, sorted (SearchMeta.shards). */
  shards: string[];
}

export function buildSearchData(entries: readonly SearchEntry[], options: Omit<SearchIndexOptions, "pageSize" | "list">): SearchData {
  const recordSize = options.recordSize ?? RECORD_SIZE;
  const postings = new Map<string, number[]>();
  entries.forEach((entry, id) => {
    // Name and role apart, so that a CJK or Thai name is not run into the role after it.
    for (const word of new Set([...indexTerms(entry.name), ...indexTerms(entry.role ?? "")])) {
      const list = postings.get(word);
      if (list) list.push(id);
      else postings.set(word, [id]);
    }
  });
  const words = [...postings.keys()].sort(byCodePoint);
  const shards = splitShards(words, postings, shardKey, options.maxShardBytes ?? MAX_SHARD_BYTES);

  const files: IndexFile[] = [];
  const keys = [...shards.keys()].sort(byCodePoint);
  for (const key of keys) files.push({ path: `shards/${shardFile(key)}`, content: JSON.stringify(shards.get(key)) });
  for (let start = 0, n = 0; start < entries.length; start += recordSize, n++) {
    const records: SearchRecords = entries.slice(start, start + recordSize).map((e) => [e.name, e.role ?? ""]);
    files.push({ path: `records/${n}.json`, content: JSON.stringify(records) });
  }
  for (const [facet, values] of Object.entries(options.facets)) {
    for (const value of values) files.push({ path: `facets/${facet}-${value.value}.json`, content: JSON.stringify(encodeIds(value.ids)) });
  }
  return { files, shards: keys };
}

/** meta.json: what a query reads first, in the page's language (facet labels) and with its own list address. */
export function searchMeta(total: number, shards: string[], options: SearchIndexOptions & { data?: string }): IndexFile {
  const facets = options.facets;
  const strip = (values: Facet[]): FacetValue[] => values.map(({ value, label, count }) => ({ value, label, count }));
  const meta: SearchMeta = {
    format: 2,
    total,
    recordSize: options.recordSize ?? RECORD_SIZE,
    pageSize: options.pageSize,
    list: options.list,
    ...(options.data ? { data: options.data } : {}),
    shards,
    facets: { type: strip(facets.type), group: strip(facets.group), country: strip(facets.country) },
  };
  return { path: "meta.json", content: JSON.stringify(meta) };
}

/**
 * Shards by word prefix, `keyOf` each word; a shard over `maxBytes` is split by one more code point,
 * except for words no longer than its key (they stay under the key itself).
 */
function splitShards(words: string[], postings: Map<string, number[]>, keyOf: (word: string) => string, maxBytes: number): Map<string, SearchShard> {
  const byKey = new Map<string, string[]>();
  for (const word of words) {
    const key = keyOf(word);
    const group = byKey.get(key);
    if (group) group.push(word);
    else byKey.set(key, [word]);
  }
  const shards = new Map<string, SearchShard>();
  for (const [key, group] of byKey) {
    const shard: SearchShard = group.map((w) => [w, encodeIds(postings.get(w)!)]);
    const longer = group.filter((w) => w !== key);
    if (JSON.stringify(shard).length <= maxBytes || longer.length === 0) {
      shards.set(key, shard);
      continue;
    }
    if (longer.length < group.length) shards.set(key, shard.filter(([w]) => w === key));
    const length = [...key].length + 1;
    for (const [k, s] of splitShards(longer, postings, (w) => prefix(w, length), maxBytes)) shards.set(k, s);
  }
  return shards;
}

/** UTF-16 order: the same on every machine, whatever its locale. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
