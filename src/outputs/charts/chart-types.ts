// What the charts draw. Every text is given in the page's language (titles, labels); numbers and dates are
// written here with Intl in `lang`. Shapes only: the view models (and the delivery pack) fill them in.

export interface ChartBase {
  /** Prefix of the ids inside the SVG (its title and description), unique in the page; no random ids. */
  id: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** The accessible name, also the SVG's <title>. */
  title: string;
  /** One or two sentences of what it shows, the SVG's <desc>. */
  desc: string;
}

export interface TimelineChartInput extends ChartBase {
  /** Cumulative totals by day, oldest first. */
  points: readonly { date: string; total: number }[];
  /** Days to mark with a vertical rule and a short label (releases, updates). */
  marks: readonly { date: string; label: string; kind: string }[];
}

export interface BarChartInput extends ChartBase {
  bars: readonly { label: string; value: number }[];
}

export interface ChartOptions {
  /**
   * "page" (default): colours from the page's stylesheet (currentColor and the site's CSS custom
   * properties through classes), so light and dark schemes apply; for inline SVG in a page. "print":
   * explicit colours in the SVG itself, for a standalone file or a PDF (Typst embeds SVG).
   */
  palette?: "page" | "print";
  /** The drawing's width in SVG units (it scales to its box). */
  width?: number;
  /**
   * The SVG's font-family (default sans-serif, the page's). A PDF names one of its own fonts: Typst draws
   * an embedded SVG's text with the fonts it was given, and would otherwise pick one by itself.
   */
  fontFamily?: string;
}
