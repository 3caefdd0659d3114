// Stage outputs/charts: pictures of who signed, as static SVG made at build time (no script in the
// browser). Takes the figures (describe/signature-stats.ts, the list's counts) with their words in the
// page's language; gives SVG to inline in a page (palette "page": the site's CSS colours it, light and
// dark) or to embed in a PDF (palette "print": explicit colours). Every chart has a <title> and <desc>
// and role="img"; the page puts a table of the same figures beside it.
export type { BarChartInput, ChartOptions, TimelineChartInput } from "./chart-types.ts";
export { barsSvg } from "./bars.ts";
export { niceStep, timelineSvg } from "./timeline.ts";
