// Colours of the charts. On a page each part has a class that the site's stylesheet colours with its
// custom properties (templates/assets/site.css, light and dark); the attributes here are the fallback and,
// with the print palette, the colours themselves (the site's light scheme).

export type ChartPart = "text" | "muted" | "grid" | "line" | "area" | "bar" | "mark" | "background";

const PRINT: Record<ChartPart, string> = {
  text: "#1b1b1b",
  muted: "#4f4f4f",
  grid: "#d5d5d0",
  line: "#0b4f9c",
  area: "#0b4f9c",
  bar: "#0b4f9c",
  mark: "#4f4f4f",
  background: "#ffffff",
};

/** The colour attribute value of a part: currentColor on a page (the class decides), explicit in print. */
export function colour(part: ChartPart, palette: "page" | "print" = "page"): string {
  return palette === "print" ? PRINT[part] : "currentColor";
}
