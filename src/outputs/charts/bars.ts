// outputs/charts/: pictures of who signed, as static SVG (index.ts says what it takes and gives).
//
// Counts by category (type, country) as horizontal bars: the label on the reading side, the bar, then its
// value. Static SVG made at build time; the page puts a table of the same figures beside it. On a
// right-to-left page the labels sit on the right and the bars grow to the left.
import { attrs, escapeXml, estimateTextWidth, num } from "../svg.ts";
import type { BarChartInput, ChartOptions } from "./chart-types.ts";
import { colour } from "./palette.ts";

const ROW = 26;
const BAR = 16;
const FONT = 12;
const PAD = 8;

export function barsSvg(input: BarChartInput, options: ChartOptions = {}): string {
  const width = options.width ?? 640;
  const palette = options.palette ?? "page";
  const rtl = input.dir === "rtl";
  const numbers = new Intl.NumberFormat(input.lang);
  const max = Math.max(1, ...input.bars.map((b) => b.value));
  // The label column as wide as its longest label (an estimate), within a third of the drawing.
  const labelWidth = Math.min(width / 3, Math.max(40, ...input.bars.map((b) => estimateTextWidth(b.label, FONT))) + PAD);
  const valueWidth = Math.max(...input.bars.map((b) => estimateTextWidth(numbers.format(b.value), FONT)), 0) + 2 * PAD;
  const barSpace = width - labelWidth - valueWidth;
  const height = input.bars.length * ROW + PAD;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg"${attrs({ class: "chart chart-bars", viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-labelledby": `${input.id}-title ${input.id}-desc`, lang: input.lang, dir: input.dir, direction: input.dir, "font-family": options.fontFamily ?? "sans-serif", "font-size": FONT })}>`);
  out.push(`<title id="${escapeXml(input.id)}-title">${escapeXml(input.title)}</title>`);
  out.push(`<desc id="${escapeXml(input.id)}-desc">${escapeXml(input.desc)}</desc>`);
  input.bars.forEach((bar, i) => {
    const top = PAD / 2 + i * ROW;
    const middle = top + ROW / 2 + FONT * 0.35;
    const length = (bar.value / max) * barSpace;
    const barStart = rtl ? width - labelWidth - length : labelWidth;
    const labelX = rtl ? width : 0;
    const valueX = rtl ? barStart - PAD / 2 : barStart + length + PAD / 2;
    // text-anchor "start" is the reading side of each label, whichever the direction.
    out.push(`<text${attrs({ class: "chart-label", x: labelX, y: middle, "text-anchor": "start", fill: colour("text", palette) })}>${escapeXml(bar.label)}</text>`);
    out.push(`<rect${attrs({ class: "chart-bar", x: num(barStart), y: top + (ROW - BAR) / 2, width: num(Math.max(length, 1)), height: BAR, rx: 2, fill: colour("bar", palette) })}/>`);
    out.push(`<text${attrs({ class: "chart-value", x: num(valueX), y: middle, "text-anchor": "start", fill: colour("text", palette) })}>${escapeXml(numbers.format(bar.value))}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}
