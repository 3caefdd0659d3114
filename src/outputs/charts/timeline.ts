// Signatures over time: the cumulative count as a step line over the days, with releases and updates
// marked by vertical rules. Static SVG made at build time (no chart script in the browser); its text
// alternative is the table the page puts beside it. Right-to-left pages run the time axis right to left.
import { attrs, escapeXml, num } from "../svg.ts";
import type { ChartOptions, TimelineChartInput } from "./chart-types.ts";
import { colour } from "./palette.ts";

const HEIGHT = 300;
const MARGIN = { top: 44, bottom: 36, start: 64, end: 20 };
/** Rows of mark labels above the plot, and the width of a label's character at 11 px (an estimate). */
const LABEL_ROWS = 3;
const LABEL_CHAR = 6;
const DAY = 86_400_000;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/**
 * The step between the value axis's four rules: a whole number of 1, 2, 2.5, 3, 4 or 5 times a power of
 * ten, so that four steps reach at least `max` (counts are whole, so are the labels): 1,020 signatures
 * end the axis at 1,200, not 2,000.
 */
export function niceStep(max: number): number {
  const quarter = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(quarter));
  return [1, 2, 2.5, 3, 4, 5, 10].map((m) => m * power).find((v) => v >= quarter && Number.isInteger(v)) ?? Math.ceil(quarter);
}

export function timelineSvg(input: TimelineChartInput, options: ChartOptions = {}): string {
  const width = options.width ?? 640;
  const palette = options.palette ?? "page";
  const rtl = input.dir === "rtl";
  const numbers = new Intl.NumberFormat(input.lang);
  const dates = new Intl.DateTimeFormat(input.lang, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const formatDate = (date: string) => dates.format(new Date(`${date}T00:00:00Z`));

  const days = [...input.points.map((p) => p.date), ...input.marks.map((m) => m.date)].map(dayNumber);
  const first = days.length ? Math.min(...days) : 0;
  const last = days.length ? Math.max(...days) : 0;
  const span = Math.max(last - first, 1);
  const step = niceStep(input.points.at(-1)?.total ?? 0);
  const top = step * 4;
  // The value axis's labels sit on the reading side: the left margin, or the right one.
  const plot = rtl
    ? { x0: MARGIN.end, x1: width - MARGIN.start, y0: HEIGHT - MARGIN.bottom, y1: MARGIN.top }
    : { x0: MARGIN.start, x1: width - MARGIN.end, y0: HEIGHT - MARGIN.bottom, y1: MARGIN.top };
  // Time runs with the reading direction: left to right, or right to left.
  const x = (date: string) => {
    const t = (dayNumber(date) - first) / span;
    return rtl ? plot.x1 - t * (plot.x1 - plot.x0) : plot.x0 + t * (plot.x1 - plot.x0);
  };
  const y = (value: number) => plot.y0 - (value / top) * (plot.y0 - plot.y1);
  const valueAxisX = rtl ? plot.x1 : plot.x0;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg"${attrs({ class: "chart chart-timeline", viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: "img", "aria-labelledby": `${input.id}-title ${input.id}-desc`, lang: input.lang, dir: input.dir, direction: input.dir, "font-family": options.fontFamily ?? "sans-serif", "font-size": 12 })}>`);
  out.push(`<title id="${escapeXml(input.id)}-title">${escapeXml(input.title)}</title>`);
  out.push(`<desc id="${escapeXml(input.id)}-desc">${escapeXml(input.desc)}</desc>`);

  // Value axis: five rules, labelled on the reading side.
  for (let i = 0; i <= 4; i++) {
    const value = step * i;
    out.push(`<line${attrs({ class: "chart-grid", x1: plot.x0, x2: plot.x1, y1: y(value), y2: y(value), stroke: colour("grid", palette) })}/>`);
    out.push(`<text${attrs({ class: "chart-label", x: rtl ? valueAxisX + 6 : valueAxisX - 6, y: y(value) + 4, "text-anchor": "end", fill: colour("muted", palette) })}>${escapeXml(numbers.format(value))}</text>`);
  }

  // Marks: a dashed rule per day, each label in the lowest of three rows where it overlaps no other.
  const rowsEnd: number[] = Array.from({ length: LABEL_ROWS }, () => Number.NEGATIVE_INFINITY);
  const placed = input.marks
    .map((mark) => {
      const mx = x(mark.date);
      const w = [...mark.label].length * LABEL_CHAR;
      // A label that would run off either end of the drawing runs inwards from its rule instead ("start"
      // and "end" follow the text's direction, and so does time).
      const [left, right] = mx - w / 2 < 0 ? [mx, mx + w] : mx + w / 2 > width ? [mx - w, mx] : [mx - w / 2, mx + w / 2];
      const anchor = left === mx - w / 2 ? "middle" : (left === mx) !== rtl ? "start" : "end";
      return { mark, mx, left, right, anchor };
    })
    .sort((a, b) => a.left - b.left);
  // Every rule before every label, and each label haloed in the background's colour: a rule that runs up
  // past a lower row to its own label never strikes a label through.
  const labels: string[] = [];
  const halo = palette === "print" ? { stroke: colour("background", palette), "stroke-width": 3, "stroke-linejoin": "round", "paint-order": "stroke" } : {};
  for (const label of placed) {
    const free = rowsEnd.findIndex((end) => end + 6 <= label.left);
    // No free row: the one whose last label ends first, where the overlap is least.
    const row = free >= 0 ? free : rowsEnd.indexOf(Math.min(...rowsEnd));
    rowsEnd[row] = label.right;
    out.push(`<line${attrs({ class: `chart-mark chart-mark-${label.mark.kind}`, x1: label.mx, x2: label.mx, y1: plot.y1 - 4 - row * 11, y2: plot.y0, stroke: colour("mark", palette), "stroke-dasharray": "4 3" })}/>`);
    labels.push(`<text${attrs({ class: "chart-mark-label", x: label.mx, y: plot.y1 - 7 - row * 11, "text-anchor": label.anchor, fill: colour("muted", palette), "font-size": 11, ...halo })}>${escapeXml(label.mark.label)}</text>`);
  }
  out.push(...labels);

  // The cumulative count as steps: flat until a day with signatures, then up to its total.
  if (input.points.length) {
    let d = `M${num(x(input.points[0]!.date))} ${num(y(0))}`;
    for (const p of input.points) d += `H${num(x(p.date))}V${num(y(p.total))}`;
    const end = x(input.points.at(-1)!.date);
    const lastMark = input.marks.length ? x(input.marks.at(-1)!.date) : end;
    const finish = rtl ? Math.min(end, lastMark) : Math.max(end, lastMark);
    d += `H${num(finish)}`;
    out.push(`<path${attrs({ class: "chart-area", d: `${d}V${num(y(0))}Z`, fill: colour("area", palette), "fill-opacity": 0.15, stroke: "none" })}/>`);
    out.push(`<path${attrs({ class: "chart-line", d, fill: "none", stroke: colour("line", palette), "stroke-width": 2.5, "stroke-linejoin": "round" })}/>`);
  }

  // Time axis: the first and last day at its ends (and the middle one when there is room).
  out.push(`<line${attrs({ class: "chart-axis", x1: plot.x0, x2: plot.x1, y1: plot.y0, y2: plot.y0, stroke: colour("muted", palette) })}/>`);
  if (days.length) {
    const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
    const ticks = span >= 60 ? [first, first + Math.round(span / 2), last] : first === last ? [first] : [first, last];
    ticks.forEach((day, i) => {
      const date = iso(day);
      const anchor = ticks.length === 1 || (i > 0 && i < ticks.length - 1) ? "middle" : i === 0 ? "start" : "end";
      // text-anchor follows the text's direction: "start" is the right end of a right-to-left label.
      out.push(`<text${attrs({ class: "chart-label", x: x(date), y: plot.y0 + 22, "text-anchor": anchor, fill: colour("muted", palette) })}>${escapeXml(formatDate(date))}</text>`);
    });
  }
  out.push("</svg>");
  return out.join("\n");
}
