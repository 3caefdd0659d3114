// The view models of long signatory lists (built by lists.ts): the summary a letter page shows instead
// of the whole list, the paginated list pages and the search form.
import type { FacetValue } from "../common/search-text.ts";
import type { SignatoryGroup } from "../describe/letter-document.ts";

/** A group of a list as a page shows it; long lists add how many there are and where the rest are. */
export interface SignatoryGroupView extends SignatoryGroup {
  /** Long lists: the group's size when only its first entries are shown, and where the rest are. */
  count?: number;
  countText?: string;
  more?: { href: string; text: string };
  /** Long lists: set on a list page whose first group began on an earlier page. */
  continued?: string;
}

export interface Count {
  value: string;
  label: string;
  count: number;
  countText: string;
  /** "Organisations: 12", in the page's language. */
  text: string;
}

export interface PageLink {
  href: string;
  text: string;
}

export type PaginationItem = { gap: false; number: number; href: string; current: boolean } | { gap: true };

export interface PaginationView {
  label: string;
  /** Visually hidden word before each number ("Page"), so a link reads "Page 3". */
  pageWord: string;
  previous?: PageLink;
  next?: PageLink;
  items: PaginationItem[];
}

export interface SearchFilterView {
  name: "type" | "group" | "country";
  label: string;
  allText: string;
  options: (FacetValue & { countText: string })[];
}

export interface SearchFormView {
  heading: string;
  /** The search folder, relative to the page, so it works under any path prefix. */
  index: string;
  script: string;
  label: string;
  button: string;
  /** Only filters with a choice to make (two or more values). */
  filters: SearchFilterView[];
  /** Interface strings for the script, printed as data-msg-* attributes. */
  messages: Record<string, string>;
}

/** A bar chart of counts (drawn by src/outputs/charts/bars.ts) with the same figures as a table. */
export interface CountsChartView {
  chart: { id: string; lang: string; dir: "ltr" | "rtl"; title: string; desc: string; bars: { label: string; value: number }[] };
  columns: { label: string; count: string };
  rows: { label: string; countText: string }[];
}

export interface LargeListView {
  byType: { heading: string; counts: Count[]; chart: CountsChartView };
  byCountry: { heading: string; counts: Count[]; chart: CountsChartView };
  all: PageLink;
  search: SearchFormView;
}

/** One page of a long list: /<slug>/signatories/<n>/ or /<slug>/v<n>/signatories/<n>/. */
export interface ListPage {
  slug: string;
  url: string;
  /** The letter page this list belongs to. */
  letterUrl: string;
  letterTitle: string;
  title: string;
  lang: string;
  dir: "ltr" | "rtl";
  heading: string;
  range: string;
  back: PageLink;
  versionText?: string;
  groups: SignatoryGroupView[];
  note?: string;
  /** What "signed from @login" proves, when an entry of the list has one. */
  accountNote?: string;
  pagination: PaginationView;
  search: SearchFormView;
}
