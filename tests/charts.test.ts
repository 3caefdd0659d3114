import { readFileSync } from "node:fs";
// Pictures of who signed: the signatures-over-time chart on the history page and the counts by type and
// country beside a long list. Static SVG with a table of the same figures beside it, in the page's
// language and direction, the same bytes on every build.
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../src/index.ts";
import { barsSvg, timelineSvg, type TimelineChartInput } from "../src/outputs/charts/index.ts";
import { historyPage } from "../src/view/history-page.ts";
import { releaseView } from "../src/view/release-view.ts";
import { DATED_SLUG, RELEASES, generateDatedLetter, type DatedLetter } from "./helpers/dated-letter.ts";
import { readPage, runScript, tempDir, text } from "./helpers/site.ts";

/** The figures a reader would count from the generated files: signatures per day, undated at version 1's release. */
function expectedDays(letter: DatedLetter): Map<string, number> {
  const days = new Map<string, number>();
  for (const s of letter.listed) {
    const day = s.signed ?? RELEASES[0];
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return new Map([...days].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const svgOf = (doc: Document, selector: string) => doc.querySelector(selector) as unknown as SVGSVGElement;
/** The y of the line's last point: the cumulative total drawn, before the finishing horizontal. */
const stepsOf = (d: string) => [...d.matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]));

describe("a letter with a thousand dated signatories, built", () => {
  let letter: DatedLetter;
  let site: string;
  beforeAll(async () => {
    letter = await generateDatedLetter(1_000, { threshold: 500 });
    site = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", letter.root, "--output", site]);
    if (result.code !== 0) throw new Error(`build failed:\n${result.stderr}`);
  }, 180_000);

  it("draws the cumulative count on the history page, whose table has every day and ends at the total", async () => {
    const doc = await readPage(site, `${DATED_SLUG}/history/index.html`);
    const svg = svgOf(doc, "svg.chart-timeline");
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")?.textContent).toBe("Signatures over time");
    expect(svg.querySelector("desc")?.textContent).toContain("grew to 1,003");
    expect(svg.getAttribute("aria-labelledby")).toBe(`chart-${DATED_SLUG}-timeline-title chart-${DATED_SLUG}-timeline-desc`);
    const expected = expectedDays(letter);
    const rows = [...doc.querySelectorAll(".chart-section table tbody tr")].map((tr) => [...tr.children].map(text));
    const days = [...new Set([...expected.keys(), ...RELEASES])].sort();
    expect(rows).toHaveLength(days.length);
    expect(rows.map((r) => r[0])).toEqual(days.map((d) => new Intl.DateTimeFormat("en", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`))));
    let total = 0;
    rows.forEach((row, i) => {
      const added = expected.get(days[i]!) ?? 0;
      total += added;
      expect(row[1], days[i]).toBe(added.toLocaleString("en"));
      expect(row[2], days[i]).toBe(total.toLocaleString("en"));
    });
    expect(rows.at(-1)![2]).toBe("1,003");
    expect(total).toBe(letter.listed.length);
    // The drawn line has one step per day with signatures, rising to the top of the total.
    const steps = stepsOf(svg.querySelector(".chart-line")!.getAttribute("d")!);
    expect(steps).toHaveLength(expected.size);
    expect([...steps].sort((a, b) => b - a)).toEqual(steps); // only ever up (y decreases)
  });

  it("marks each release on the chart and in the table", async () => {
    const doc = await readPage(site, `${DATED_SLUG}/history/index.html`);
    const svg = svgOf(doc, "svg.chart-timeline");
    expect(svg.querySelectorAll(".chart-mark-release")).toHaveLength(2);
    expect([...svg.querySelectorAll(".chart-mark-label")].map(text)).toEqual(["Version 1", "Version 2"]);
    const events = [...doc.querySelectorAll(".chart-section tbody tr")].map((tr) => text(tr.lastElementChild)).filter(Boolean);
    expect(events).toEqual(["Version 1 released", "Version 2 released"]);
    // A release mark sits where its day is on the time axis: the second at the right end.
    const x = (el: Element) => Number(el.getAttribute("x1"));
    const [v1, v2] = [...svg.querySelectorAll(".chart-mark-release")];
    expect(x(v2!)).toBeGreaterThan(x(v1!));
  });

  it("shows counts by type and by country beside the long list, each chart's bars equal to its table", async () => {
    const doc = await readPage(site, `${DATED_SLUG}/index.html`);
    const figures = [...doc.querySelectorAll(".list-charts figure")];
    expect(figures).toHaveLength(2);
    for (const figure of figures) {
      const svg = figure.querySelector("svg.chart-bars")!;
      expect(svg.getAttribute("role")).toBe("img");
      const bars = [...svg.querySelectorAll(".chart-label")].map((t) => [text(t), text(t.nextElementSibling!.nextElementSibling)]);
      const rows = [...figure.querySelectorAll("tbody tr")].map((tr) => [text(tr.children[0]), text(tr.children[1])]);
      expect(bars).toEqual(rows);
    }
    const count = (keep: (s: DatedLetter["listed"][number]) => boolean) => letter.listed.filter(keep).length.toLocaleString("en");
    const types = [...figures[0]!.querySelectorAll("tbody tr")].map((tr) => [text(tr.children[0]), text(tr.children[1])]);
    expect(types).toEqual([["Organisations", count((s) => s.type === "organization")], ["Individuals", count((s) => s.type === "individual")]]);
    // Thirteen countries: nine on their own bar, the other four as one.
    const countries = [...figures[1]!.querySelectorAll("tbody tr")].map((tr) => text(tr.children[0]));
    expect(countries).toHaveLength(10);
    expect(countries.at(-1)).toBe("4 other countries");
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    for (const tr of [...figures[1]!.querySelectorAll("tbody tr")].slice(0, 9)) {
      const code = ["BE", "FR", "DE", "NL", "US", "JP", "EG", "BR", "IN", "PL", "ES", "IT", "SE"].find((c) => names.of(c) === text(tr.children[0]))!;
      expect(text(tr.children[1]), code).toBe(count((s) => s.country === code));
    }
  });

  it("takes extra marks (updates) besides the releases", async () => {
    const { site: loaded } = await loadSite(letter.root);
    const l = loaded!.letters[0]!;
    const page = historyPage(l, l.releases.map((r) => releaseView(l, r)), undefined, [{ date: "2024-07-01", label: "Delivered", kind: "delivered" }]);
    expect(page.timeline!.chart.marks.map((m) => [m.date, m.label, m.kind])).toEqual([
      ["2024-06-30", "Version 1", "release"], ["2024-07-01", "Delivered", "delivered"], ["2024-07-15", "Version 2", "release"],
    ]);
    expect(page.timeline!.rows.find((r) => r.date === "2024-07-01")).toMatchObject({ added: 0, total: 1_003, events: "Delivered" });
    expect(timelineSvg(page.timeline!.chart)).toContain('class="chart-mark chart-mark-delivered"');
  });
});

const sample: TimelineChartInput = {
  id: "t",
  lang: "ar",
  dir: "rtl",
  title: "التوقيعات عبر الزمن",
  desc: "<desc> & co",
  points: [{ date: "2024-01-01", total: 3 }, { date: "2024-03-01", total: 1234 }],
  marks: [{ date: "2024-02-01", label: "الإصدار 1", kind: "release" }],
};
const parse = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

describe("a letter whose whole list is on its page", () => {
  it("shows its counts by type and by country beside the list, and no chart with a single bar", async () => {
    const letter = await generateDatedLetter(40);
    const site = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", letter.root, "--output", site]);
    expect(result.code, result.stderr).toBe(0);
    const doc = await readPage(site, `${DATED_SLUG}/index.html`);
    expect(doc.querySelectorAll(".signatory-list li").length).toBe(letter.listed.length);
    const tables = [...doc.querySelectorAll(".list-charts figure")].map((figure) =>
      [...figure.querySelectorAll("tbody tr")].map((tr) => [text(tr.children[0]), text(tr.children[1])]));
    const count = (keep: (s: DatedLetter["listed"][number]) => boolean) => String(letter.listed.filter(keep).length);
    expect(tables[0]).toEqual([["Organisations", count((s) => s.type === "organization")], ["Individuals", count((s) => s.type === "individual")]]);
    expect(tables[1]!.map(([, n]) => Number(n)).reduce((a, b) => a + b, 0)).toBe(letter.listed.length);

    // One type and one country only: nothing to compare, no chart.
    const alike = await generateDatedLetter(0);
    const plain = join(await tempDir(), "site");
    expect((await runScript("build.ts", ["--root", alike.root, "--output", plain])).code).toBe(0);
    const page = await readPage(plain, `${DATED_SLUG}/index.html`);
    expect(alike.listed.every((s) => s.type === "individual" && s.country === "BE")).toBe(true);
    expect(page.querySelector(".list-charts")).toBeNull();
  }, 120_000);
});

describe("the chart drawings", () => {
  it("run the time axis right to left on a right-to-left page, with dir on the svg and Arabic digits as Intl writes them", () => {
    const rtl = parse(timelineSvg(sample));
    const ltr = parse(timelineSvg({ ...sample, lang: "en", dir: "ltr" }));
    const svg = rtl.querySelector("svg")!;
    expect(svg.getAttribute("dir")).toBe("rtl");
    expect(svg.getAttribute("lang")).toBe("ar");
    const firstX = (doc: Document) => Number(/^M([\d.]+)/.exec(doc.querySelector(".chart-line")!.getAttribute("d")!)![1]);
    const lastX = (doc: Document) => Number(/H([\d.]+)$/.exec(doc.querySelector(".chart-line")!.getAttribute("d")!)![1]);
    expect(firstX(rtl)).toBeGreaterThan(lastX(rtl));
    expect(firstX(ltr)).toBeLessThan(lastX(ltr));
    const labels = [...rtl.querySelectorAll(".chart-label")].map(text);
    // 1,234 signatures: rules every 400, the axis ending at 1,600.
    expect(labels).toContain(new Intl.NumberFormat("ar").format(400));
    expect(labels).toContain(new Intl.NumberFormat("ar").format(1600));
    expect(labels).toContain(new Intl.DateTimeFormat("ar", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date("2024-01-01T00:00:00Z")));
  });

  it("lift a mark's label to a higher row when it would overlap its neighbour's, and end the value axis near the total", () => {
    const near = parse(timelineSvg({ ...sample, lang: "en", dir: "ltr", points: [{ date: "2024-01-01", total: 1 }, { date: "2024-06-30", total: 1020 }],
      marks: [{ date: "2024-06-01", label: "Version 3", kind: "release" }, { date: "2024-06-10", label: "Handed to Parliament", kind: "update" }, { date: "2024-05-15", label: "The ministry answered", kind: "update" }, { date: "2024-02-01", label: "Version 1", kind: "release" }] }));
    const labels = [...near.querySelectorAll(".chart-mark-label")].map((t) => ({ label: text(t), y: Number(t.getAttribute("y")) }));
    const y = (label: string) => labels.find((l) => l.label === label)!.y;
    // The three marks within a month of each other each get a row of their own; the early one the first row.
    expect(new Set([y("Version 3"), y("Handed to Parliament"), y("The ministry answered")]).size).toBe(3);
    expect(y("Version 1")).toBe(Math.max(...labels.map((l) => l.y)));
    expect([...near.querySelectorAll(".chart-label")].map(text)).toContain("1,200");
  });

  it("never strike a label through with a higher mark's rule: every rule is drawn first, every label haloed", () => {
    const marks = [{ date: "2024-06-01", label: "Version 3", kind: "release" }, { date: "2024-06-10", label: "Handed to Parliament", kind: "update" }, { date: "2024-05-15", label: "The ministry answered", kind: "update" }];
    const input = { ...sample, lang: "en", dir: "ltr" as const, marks };
    for (const palette of ["page", "print"] as const) {
      const doc = parse(timelineSvg(input, { palette }));
      const drawn = [...doc.querySelector("svg")!.children].map((el) => el.getAttribute("class") ?? "");
      const lastRule = drawn.findLastIndex((c) => c.startsWith("chart-mark "));
      const firstLabel = drawn.indexOf("chart-mark-label");
      expect(lastRule).toBeGreaterThan(-1);
      expect(firstLabel).toBeGreaterThan(lastRule);
    }
    // The page's halo is the stylesheet's (its background, light or dark); a PDF's page is white.
    const label = parse(timelineSvg(input, { palette: "print" })).querySelector(".chart-mark-label")!;
    expect([label.getAttribute("paint-order"), label.getAttribute("stroke")]).toEqual(["stroke", "#ffffff"]);
    expect(readFileSync(join(import.meta.dirname, "../templates/assets/site.css"), "utf8")).toMatch(/\.chart-mark-label \{ paint-order: stroke; stroke: var\(--bg\)/);
  });

  it("put a right-to-left page's bar labels on the right and grow the bars to the left", () => {
    const doc = parse(barsSvg({ id: "b", lang: "ar", dir: "rtl", title: "t", desc: "d", bars: [{ label: "مصر", value: 10 }, { label: "فرنسا", value: 5 }] }));
    const label = doc.querySelector(".chart-label")!;
    const bar = doc.querySelector(".chart-bar")!;
    expect(Number(label.getAttribute("x"))).toBe(640);
    expect(Number(bar.getAttribute("x")) + Number(bar.getAttribute("width"))).toBeLessThan(640);
    expect(doc.querySelector("svg")!.getAttribute("dir")).toBe("rtl");
  });

  it("escape every text, are well-formed, and come out the same every time", () => {
    const hostile = { ...sample, title: `</title><script>x</script>`, marks: [{ date: "2024-02-01", label: `"><b>`, kind: "release" }] };
    const svg = timelineSvg(hostile);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).toBe(timelineSvg(hostile));
    expect(svg).not.toMatch(/\d\.\d{3,}/); // coordinates rounded: no float noise
  });

  it("take their colours from the page's stylesheet, or carry them with the print palette (for a PDF)", () => {
    const page = timelineSvg(sample);
    const print = timelineSvg(sample, { palette: "print" });
    expect(page).toContain('stroke="currentColor"');
    expect(page).not.toMatch(/#[0-9a-f]{6}/i);
    expect(print).not.toContain("currentColor");
    expect(print).toContain('stroke="#0b4f9c"');
    expect(barsSvg({ id: "b", lang: "en", dir: "ltr", title: "t", desc: "d", bars: [{ label: "A", value: 1 }] }, { palette: "print" })).toContain('fill="#0b4f9c"');
  });
});
