// Writing SVG by hand: every text and attribute value escaped, numbers with a fixed number of decimals,
// so the same data always gives the same bytes (badges, charts).

/** Text or an attribute value, safe inside XML (and so inside HTML, where the charts are inlined). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A coordinate: at most two decimals, no "-0", no trailing zeros, the same on every machine. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** ` name="value"` for each defined attribute, escaped, in the order given. */
export function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === "number" ? num(v) : v!)}"`)
    .join("");
}

/**
 * An estimate of how wide `text` is drawn at `size` px in a common sans-serif (Verdana, DejaVu Sans),
 * for sizing a box around it. No font is loaded here (a standalone SVG is drawn in the reader's font), so
 * this is a documented estimate, generous rather than tight: narrow letters 0.35 em, wide ones 0.95 em,
 * East Asian full-width characters 1 em, everything else 0.62 em.
 */
export function estimateTextWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) {
    if (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]/u.test(char)) ems += 1;
    else if (/[ilj.,:;'’|!()[\]\s\u00a0\u202f]/u.test(char)) ems += 0.35;
    else if (/[mwMW@]/u.test(char)) ems += 0.95;
    else ems += 0.62;
  }
  return ems * size;
}
