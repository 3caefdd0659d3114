// Answering a query from the static index: the same code runs in the browser (reading files with fetch)
// and in tests (reading the built files), so what the tests check is what readers get.
import {
  decodeIds, entryAnchor, intersect, listPageUrl, queryTerms, shardsFor, shardFile, union,
  type SearchMeta, type SearchRecords, type SearchShard,
} from "./search-text.ts";

/** Reads one index file by its path inside the search folder (meta.json, shards/..., records/...). */
export type IndexReader = (path: string) => Promise<unknown>;

export interface SearchFilters {
  type?: string;
  group?: string;
  country?: string;
}

export interface SearchAnswer {
  /** Matching entry numbers, in list order. */
  ids: number[];
  /** The query had words, but none long enough to look up. */
  tooShort: boolean;
  /** Neither words nor filters: nothing was asked. */
  empty: boolean;
}

export interface SearchResult {
  id: number;
  name: string;
  role: string;
  /** List page holding the entry (1-based). */
  page: number;
  /** Address of the entry on its list page, relative to the search folder. */
  href: string;
}

/** One-letter words are skipped (a query "J. Smith" looks up "smith"), except in scripts without spaces. */
const usable = (word: string) => [...word].length > 1 || /[^\u0000-\u024f]/u.test(word);

/** The folder of the index's data files, relative to the search folder (SearchMeta.data). */
const dataOf = (meta: SearchMeta) => meta.data ?? "";

export class SearchIndex {
  private files = new Map<string, Promise<unknown>>();

  constructor(private read: IndexReader) {}

  /** Each file is read once; a failed read is forgotten so that the next query tries again. */
  private file<T>(path: string): Promise<T> {
    let pending = this.files.get(path);
    if (!pending) {
      pending = this.read(path).catch((error: unknown) => {
        this.files.delete(path);
        throw error;
      });
      this.files.set(path, pending);
    }
    return pending as Promise<T>;
  }

  meta(): Promise<SearchMeta> {
    return this.file<SearchMeta>("meta.json");
  }

  /**
   * Entries whose name or role has a term starting with every word of the query (see queryTerms: a CJK or
   * Thai word may start anywhere a search can), within the filters.
   */
  async search(query: string, filters: SearchFilters = {}): Promise<SearchAnswer> {
    const items = queryTerms(query);
    const lookups = items.filter((alternatives) => usable(alternatives[0]![0]!));
    const chosen = (Object.entries(filters) as [string, string | undefined][]).filter(([, v]) => v);
    if (items.length && !lookups.length) return { ids: [], tooShort: true, empty: false };
    if (!lookups.length && !chosen.length) return { ids: [], tooShort: false, empty: true };
    const meta = await this.meta();
    const sets = await Promise.all([
      ...lookups.map((alternatives) => this.itemIds(alternatives, meta)),
      ...chosen.map(([facet, value]) => this.file<number[]>(`${dataOf(meta)}facets/${facet}-${value}.json`).then(decodeIds)),
    ]);
    sets.sort((a, b) => a.length - b.length);
    const ids = sets.slice(1).reduce(intersect, sets[0]!);
    return { ids, tooShort: false, empty: false };
  }

  /** Entries matching all words of any one alternative. */
  private async itemIds(alternatives: readonly string[][], meta: SearchMeta): Promise<number[]> {
    const matches = await Promise.all(alternatives.map(async (words) => {
      const sets = await Promise.all(words.map((word) => this.wordIds(word, meta)));
      return sets.slice(1).reduce(intersect, sets[0]!);
    }));
    return matches.length === 1 ? matches[0]! : union(matches);
  }

  /** Entries with a word starting with `word`, from the shards that can hold such words. */
  private async wordIds(word: string, meta: SearchMeta): Promise<number[]> {
    const shards = await Promise.all(shardsFor(word, meta.shards).map((key) => this.file<SearchShard>(`${dataOf(meta)}shards/${shardFile(key)}`)));
    return union(shards.flatMap((shard) => shard.filter(([w]) => w.startsWith(word)).map(([, runs]) => decodeIds(runs))));
  }

  /** Names and roles of the given entries, reading only the record files that hold them. */
  async results(ids: readonly number[]): Promise<SearchResult[]> {
    const meta = await this.meta();
    const chunks = [...new Set(ids.map((id) => Math.floor(id / meta.recordSize)))];
    const records = new Map(await Promise.all(chunks.map(async (n) => [n, await this.file<SearchRecords>(`${dataOf(meta)}records/${n}.json`)] as const)));
    return ids.map((id) => {
      const [name, role] = records.get(Math.floor(id / meta.recordSize))![id % meta.recordSize]!;
      const page = Math.floor(id / meta.pageSize) + 1;
      return { id, name, role, page, href: `${listPageUrl(meta.list, page)}#${entryAnchor(id)}` };
    });
  }
}
