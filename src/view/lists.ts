// Large signatory lists. Past the site's list_threshold a letter page (current or version) shows the
// count, counts by type and country, the groups with their first entries and a search form; the full
// list moves to paginated static pages (<page>/signatories/, <page>/signatories/2/, ...) and a sharded
// search index (<page>/search/). Small lists stay inline, untouched.
import { posix } from "node:path";
import { messagesWith, type MessageKey, type Messages } from "../i18n/messages.ts";
import type { SignatoryLine as SignatoryView } from "../describe/letter-document.ts";
import type { LetterPage } from "./letter-page.ts";
import type { Count, CountsChartView, LargeListView, ListPage, PaginationView, SearchFilterView, SearchFormView, SignatoryGroupView } from "./list-views.ts";
import type { RawFile } from "./versions-file.ts";
import { buildSearchData, searchMeta, type Facet, type SearchEntry } from "./search-index.ts";
import { entryAnchor, listPageUrl, type FacetValue } from "../common/search-text.ts";

/** Entries per list page: a few hundred keeps each page light and the number of pages small. */
export const LIST_PAGE_SIZE = 250;
/** Entries of each group shown on the letter page, and of all groups together. */
export const PREVIEW_PER_GROUP = 20;
export const PREVIEW_MAX = 60;
/** The search script, bundled from src/browser/ at build time. */
export const SEARCH_SCRIPT = "/assets/search.js";
/** Facet value of entries without a type or country (never a valid type or ISO code). */
export const NOT_GIVEN = "none";

export interface LargeLists {
  /** The letter pages, large lists replaced by their summary. */
  pages: LetterPage[];
  listPages: ListPage[];
  /** The search indexes' files, written as they are. */
  searchFiles: RawFile[];
}

interface Entry {
  view: SignatoryView;
  group?: string;
}

/** Splits every list longer than `threshold` into summary, list pages and search index, in the site's words. */
export function splitLargeLists(pages: readonly LetterPage[], threshold: number, messages: Messages = messagesWith(undefined)): LargeLists {
  const result: LargeLists = { pages: [], listPages: [], searchFiles: [] };
  const shared: SharedSearchData = new Map();
  for (const page of pages) {
    if (page.signatories.count <= threshold) {
      result.pages.push(withCharts(page, messages));
      continue;
    }
    const large = largeList(page, messages, shared);
    result.pages.push(large.page);
    result.listPages.push(...large.listPages);
    result.searchFiles.push(...large.searchFiles);
  }
  return result;
}

const listUrl = (page: LetterPage, n: number) => listPageUrl(`${page.url}signatories/`, n);
const searchUrl = (page: LetterPage) => `${page.url}search/`;
/** `to` relative to the folder of `from` (both site-relative folders ending in "/"). */
const relative = (from: string, to: string) => `${posix.relative(from, to) || "."}/`;

/**
 * Search data already written, by what it is made of: a page's translations list the same names in the
 * same order, so the first page to need the data writes it in its search folder and the others point
 * there (SearchMeta.data); 30 languages write one copy, not 30.
 */
type SharedSearchData = Map<string, { folder: string; shards: string[] }>;

function largeList(page: LetterPage, messages: Messages, shared: SharedSearchData): { page: LetterPage; listPages: ListPage[]; searchFiles: RawFile[] } {
  const { t } = messages;
  const lang = page.lang;
  const entries = entriesOf(page);
  const pageCount = Math.ceil(entries.length / LIST_PAGE_SIZE);
  const facets = facetsOf(entries, lang, messages);
  const [byType, byCountry] = countsCharts(page, facets, messages);
  const index = searchUrl(page);

  const searchEntries: SearchEntry[] = entries.map((e) => ({ name: e.view.name, role: e.view.role }));
  // Everything the data files hold: names and roles, and each facet's values and entries (not its labels);
  // within one letter, since an unchanged letter's files are copied from the last build (build/reuse.ts).
  const made = JSON.stringify([page.slug, searchEntries, Object.values(facets).map((values) => values.map((v): [string, number[]] => [v.value, v.ids]).sort(byValue))]);
  const searchFiles: RawFile[] = [];
  let data = shared.get(made);
  if (!data) {
    const built = buildSearchData(searchEntries, { facets });
    data = { folder: index, shards: built.shards };
    shared.set(made, data);
    searchFiles.push(...built.files.map((file) => ({ url: `${index}${file.path}`, content: file.content })));
  }
  const meta = searchMeta(entries.length, data.shards, {
    pageSize: LIST_PAGE_SIZE,
    list: relative(index, listUrl(page, 1)),
    facets,
    data: data.folder === index ? undefined : relative(index, data.folder),
  });
  searchFiles.unshift({ url: `${index}${meta.path}`, content: meta.content });

  const searchFor = (url: string) => searchForm(lang, relative(url, index), facets, messages);
  const countsText = (values: Facet[]) =>
    values.map(({ value, label, count }) => ({ value, label, count, countText: count.toLocaleString(lang), text: t(lang, "listCount", label, count.toLocaleString(lang)) }));
  const summary: LargeListView = {
    byType: { heading: t(lang, "listByType"), counts: countsText(facets.type), chart: byType },
    byCountry: { heading: t(lang, "listByCountry", facets.country.length), counts: countsText(facets.country), chart: byCountry },
    all: { href: listUrl(page, 1), text: t(lang, "listSeeAll", entries.length) },
    search: searchFor(page.url),
  };
  const listPages = Array.from({ length: pageCount }, (_, i) => listPage(page, entries, i + 1, pageCount, searchFor, messages));
  return {
    // The page shows a preview; every other output (the PDF) still needs the whole list.
    page: { ...page, signatories: { ...page.signatories, groups: preview(page, messages), allGroups: page.signatories.groups, large: summary } },
    listPages,
    searchFiles,
  };
}

/** Facet values in an order that is the same in every language (their labels sort differently). */
const byValue = ([a]: [string, number[]], [b]: [string, number[]]) => (a < b ? -1 : a > b ? 1 : 0);

/** A whole list's counts by type and by country as charts, those with something to compare (two bars). */
function withCharts(page: LetterPage, messages: Messages): LetterPage {
  const charts = countsCharts(page, facetsOf(entriesOf(page), page.lang, messages), messages).filter((c) => c.chart.bars.length > 1);
  return charts.length ? { ...page, signatories: { ...page.signatories, charts } } : page;
}

const entriesOf = (page: LetterPage): Entry[] => page.signatories.groups.flatMap((g) => g.signatories.map((view) => ({ view, group: g.heading })));

/** The counts by type and by country as charts, each with its table: beside a whole list, or a long list's summary. */
function countsCharts(page: LetterPage, facets: ReturnType<typeof facetsOf>, messages: Messages): [CountsChartView, CountsChartView] {
  const { t } = messages;
  const lang = page.lang;
  return [
    countsChart(page, "types", t(lang, "chartTypeHeading"), t(lang, "filterType"), facets.type, messages),
    countsChart(page, "countries", t(lang, "chartCountryHeading"), t(lang, "filterCountry"), topCountries(facets.country, lang, messages), messages),
  ];
}

/** Countries on a chart: the most frequent ones, the rest as one bar, "not given" last (as in the list). */
const CHART_COUNTRIES = 10;

function topCountries(country: readonly Facet[], lang: string, { t }: Messages): { label: string; count: number }[] {
  const given = country.filter((c) => c.value !== NOT_GIVEN);
  const unknown = country.filter((c) => c.value === NOT_GIVEN);
  if (given.length <= CHART_COUNTRIES) return [...given, ...unknown];
  const shown = given.slice(0, CHART_COUNTRIES - 1);
  const rest = given.slice(CHART_COUNTRIES - 1);
  const others = { label: t(lang, "chartCountryOthers", rest.length), count: rest.reduce((sum, c) => sum + c.count, 0) };
  return [...shown, others, ...unknown];
}

function countsChart(page: LetterPage, name: string, title: string, column: string, counts: readonly { label: string; count: number }[], { t }: Messages): CountsChartView {
  const lang = page.lang;
  return {
    chart: { id: `chart-${name}`, lang, dir: page.dir, title, desc: t(lang, "chartSeeTable"), bars: counts.map((c) => ({ label: c.label, value: c.count })) },
    columns: { label: column, count: t(lang, "chartColCount") },
    rows: counts.map((c) => ({ label: c.label, countText: c.count.toLocaleString(lang) })),
  };
}

/** Counts and entry numbers by type (organisations first), group (as listed) and country (most first). */
export function facetsOf(entries: readonly Entry[], lang: string, { t }: Messages = messagesWith(undefined)): { type: Facet[]; group: Facet[]; country: Facet[] } {
  const collect = (key: (e: Entry) => string) => {
    const ids = new Map<string, number[]>();
    entries.forEach((e, id) => {
      const k = key(e);
      const list = ids.get(k);
      if (list) list.push(id);
      else ids.set(k, [id]);
    });
    return ids;
  };
  const facet = (value: string, label: string, ids: number[]): Facet => ({ value, label, count: ids.length, ids });

  const types = collect((e) => e.view.type ?? NOT_GIVEN);
  const type = ["organization", "individual", NOT_GIVEN]
    .filter((v) => types.has(v))
    .map((v) => facet(v, t(lang, (v === NOT_GIVEN ? "type_unspecified" : `type_${v}`) as MessageKey), types.get(v)!));

  const groups = collect((e) => e.group ?? "");
  const group = [...groups].map(([heading, ids], i) => facet(String(i + 1), heading || t(lang, "listUngrouped"), ids));

  const regions = new Intl.DisplayNames([lang], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(lang);
  const country = [...collect((e) => e.view.country ?? NOT_GIVEN)]
    .map(([code, ids]) => facet(code, code === NOT_GIVEN ? t(lang, "countryUnknown") : (regions.of(code) ?? code), ids))
    // Most signatories first; "not given" last whatever its size; ties by name, then code, for stable output.
    .sort((a, b) => Number(a.value === NOT_GIVEN) - Number(b.value === NOT_GIVEN) || b.count - a.count || collator.compare(a.label, b.label) || (a.value < b.value ? -1 : 1));
  return { type, group: groups.size > 1 || !groups.has("") ? group : [], country };
}

/** The letter page's share of a long list: each group's count and first entries, with a link to the rest. */
function preview(page: LetterPage, { t }: Messages): SignatoryGroupView[] {
  const groups: SignatoryGroupView[] = [];
  let budget = PREVIEW_MAX;
  let first = 0;
  for (const group of page.signatories.groups) {
    const count = group.signatories.length;
    const shown = group.signatories.slice(0, Math.max(0, Math.min(PREVIEW_PER_GROUP, budget)));
    budget -= shown.length;
    const at = Math.floor(first / LIST_PAGE_SIZE) + 1;
    groups.push({
      heading: group.heading,
      signatories: shown,
      count,
      countText: count.toLocaleString(page.lang),
      more: group.heading && shown.length < count ? { href: `${listUrl(page, at)}#${entryAnchor(first)}`, text: t(page.lang, "listGroupAll", count) } : undefined,
    });
    first += count;
  }
  return groups;
}

function listPage(page: LetterPage, entries: readonly Entry[], n: number, pageCount: number, searchFor: (url: string) => SearchFormView, messages: Messages): ListPage {
  const { t } = messages;
  const lang = page.lang;
  const url = listUrl(page, n);
  const start = (n - 1) * LIST_PAGE_SIZE;
  const slice = entries.slice(start, start + LIST_PAGE_SIZE);
  const groups: SignatoryGroupView[] = [];
  slice.forEach((entry, i) => {
    const id = start + i;
    let group = groups.at(-1);
    if (!group || group.heading !== entry.group || i === 0) {
      // A group that began on an earlier page says so, rather than looking like a new group.
      const continued = entry.group !== undefined && id > 0 && entries[id - 1]!.group === entry.group;
      groups.push((group = { heading: entry.group, continued: continued ? t(lang, "listContinued") : undefined, signatories: [] }));
    }
    group.signatories.push({ ...entry.view, anchor: entryAnchor(id) });
  });
  const pageTitle = t(lang, "listPageTitle", n, pageCount);
  const titled = t(lang, "listTitle", pageTitle, page.title);
  return {
    slug: page.slug,
    url,
    letterUrl: page.url,
    letterTitle: page.title,
    title: `${titled}${page.kind === "version" && page.release ? ` (${t(lang, "version", page.release.version)})` : ""}`,
    lang,
    dir: page.dir,
    heading: page.signatories.heading,
    range: t(lang, "listRange", start + 1, start + slice.length, entries.length),
    back: { href: page.url, text: t(lang, "backToLetter") },
    versionText: page.kind === "version" && page.release ? t(lang, "version", page.release.version) : undefined,
    groups,
    note: page.signatories.note,
    accountNote: page.signatories.accountNote,
    pagination: pagination(lang, n, pageCount, (k) => listUrl(page, k), messages),
    search: searchFor(url),
  };
}

/**
 * Page numbers to show: the first, the last, and two either side of the current one; gaps as null. A gap that
 * would hide a single page is that page instead, since "…" takes as much room as the number.
 */
export function pageWindow(current: number, count: number, around = 2): (number | null)[] {
  const near = (n: number) => n === 1 || n === count || Math.abs(n - current) <= around;
  const shown: (number | null)[] = [];
  for (let n = 1; n <= count; n++) {
    if (near(n) || (near(n - 1) && near(n + 1))) shown.push(n);
    else if (shown.at(-1) !== null) shown.push(null);
  }
  return shown;
}

export function pagination(lang: string, current: number, count: number, href: (n: number) => string, { t }: Messages = messagesWith(undefined)): PaginationView {
  return {
    label: t(lang, "listPagination"),
    pageWord: t(lang, "listPage"),
    previous: current > 1 ? { href: href(current - 1), text: t(lang, "listPrevious") } : undefined,
    next: current < count ? { href: href(current + 1), text: t(lang, "listNext") } : undefined,
    items: pageWindow(current, count).map((n) => (n === null ? { gap: true } : { gap: false, number: n, href: href(n), current: n === current })),
  };
}

function searchForm(lang: string, index: string, facets: { type: Facet[]; group: Facet[]; country: Facet[] }, { t, pluralForms }: Messages): SearchFormView {
  const filter = (name: SearchFilterView["name"], key: MessageKey): SearchFilterView => ({
    name,
    label: t(lang, key),
    allText: t(lang, "filterAll"),
    options: facets[name].map(({ value, label, count }) => ({ value, label, count, countText: count.toLocaleString(lang) })),
  });
  const messages: Record<string, string> = {};
  for (const key of ["searchNone", "searchShort", "searchLoading", "searchError", "searchMore", "searchOnPage"] as const) {
    // data-msg-none etc.: the script reads them as dataset.msgNone.
    messages[key.replace(/^search/, "").replace(/[A-Z]/g, (c, i: number) => (i ? "-" : "") + c.toLowerCase())] = t(lang, key);
  }
  // The count's forms, one per plural category of the language, as JSON (src/common/plural.ts picks one).
  messages.found = JSON.stringify(pluralForms(lang, "searchFound"));
  return {
    heading: t(lang, "searchHeading"),
    index,
    script: SEARCH_SCRIPT,
    label: t(lang, "searchLabel"),
    button: t(lang, "searchButton"),
    filters: [filter("type", "filterType"), filter("group", "filterGroup"), filter("country", "filterCountry")].filter((f) => f.options.length > 1),
    messages,
  };
}
