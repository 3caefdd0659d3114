// /<slug>/badge.svg: the letter's count as a small image other sites may show ("1,234 signatures", in the
// letter's language). Standalone, so its colours are explicit (white on the site's link blue, 8.6:1);
// an accessible name as <title> and aria-label; its width from the text (an estimate, src/outputs/svg.ts).
import { attrs, escapeXml, estimateTextWidth, num } from "./svg.ts";

export interface BadgeInput {
  /** What the badge shows: "1,234 signatures". */
  text: string;
  /** Its accessible name: the letter's title and the count. */
  label: string;
  lang: string;
  dir: "ltr" | "rtl";
}

const HEIGHT = 20;
const FONT_SIZE = 11;
const PADDING = 8;

export function badgeSvg({ text, label, lang, dir }: BadgeInput): string {
  const width = Math.ceil(estimateTextWidth(text, FONT_SIZE) + 2 * PADDING);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", "aria-label": label, lang, "xml:lang": lang })}>`,
    `<title>${escapeXml(label)}</title>`,
    `<rect${attrs({ width, height: HEIGHT, rx: 3, fill: "#0b4f9c" })}/>`,
    `<text${attrs({ x: num(width / 2), y: 14, fill: "#ffffff", "font-family": "Verdana, 'DejaVu Sans', sans-serif", "font-size": FONT_SIZE, "text-anchor": "middle", direction: dir })} aria-hidden="true">${escapeXml(text)}</text>`,
    "</svg>",
    "",
  ].join("\n");
}
