// The delivery pack of a `delivered` update: the PDF the coalition handed over. The letter as of the
// version current that day (typeset as that version's PDF is, without its list), then an annex with the
// counts by type, by country and by date (a chart and a table each) and the list as it stood that day,
// and on the last page the version's permanent address and the SHA-256 of its canonical text, as text
// and as a QR code holding "<address>#sha256=<hex>", so a recipient can check what they hold.
// Who is on that day's list is describe/delivery.ts's; which list is printed (the one recorded, or
// today's for a pack not recorded yet) is the caller's; everything reaches Typst as data (layout.ts).
import QRCode from "qrcode";
import { amendedDeliveryList, deliveredVersion, deliveryListNow, packUpdates } from "../../describe/delivery.ts";
import { describeLetter, shownLetters, versionUrl } from "../../describe/letter-document.ts";
import { textDirection } from "../../describe/direction.ts";
import { formatDate, messagesWith, type MessageKey } from "../../i18n/messages.ts";
import { packFileName } from "../../load/deliveries.ts";
import { UPDATES_DIR } from "../../load/updates.ts";
import type { Delivery, DeliveryEntry, DeliveryList, Letter, LetterUpdate, Site, SiteConfig } from "../../model/types.ts";
import { barsSvg, timelineSvg } from "../charts/index.ts";
import { absoluteUrl, sitePath } from "../data/urls.ts";
import { fontFamiliesFor } from "../typst/fonts.ts";
import { pdfDocumentFromPage, type PdfDocument, type PdfPackTable } from "./document.ts";
import type { PdfJob } from "./jobs.ts";

/** A delivery pack to typeset, with what the build checks it against. */
export interface PackJob extends PdfJob {
  letter: Letter;
  update: LetterUpdate;
  version: number;
  /** The record of its pack (deliveries.yaml), when it has one; the job then prints the recorded list. */
  recorded?: Delivery;
  /** The list it prints (one list for every language of the pack: names are never translated). */
  list: DeliveryList;
}

/**
 * Where a pack is published: beside the updates' attachments, /<slug>/updates/<slug>-<update>.pdf in the
 * letter's language and <slug>-<update>.<lang>.pdf in a translation's.
 */
export const packPath = (letter: Pick<Letter, "slug" | "lang">, update: Pick<LetterUpdate, "id">, lang: string = letter.lang) =>
  `${letter.slug}/${UPDATES_DIR}/${packFileName(letter.slug, update.id, lang === letter.lang ? undefined : lang)}`;

/** Every pack of the letters a build publishes: recorded ones print their recorded list, others today's. */
export function packJobs(site: Site): PackJob[] {
  return shownLetters(site, { preview: false }).flatMap((letter) => letterPackJobs(letter, site.config));
}

/**
 * The packs of one letter: for each delivered update, one in the letter's language and one in each
 * language the update is translated into and the delivered version was too (what was handed over in
 * that language). Each prints its recorded list, or that day's as the records tell it now where none is
 * recorded; with `fresh`, what `release --edition` would record: the recorded list with today's
 * withdrawals and corrections (amendedDeliveryList), or that day's.
 */
export function letterPackJobs(letter: Letter, config: SiteConfig, { fresh = false }: { fresh?: boolean } = {}): PackJob[] {
  const updates = packUpdates(letter);
  if (!updates.length) return [];
  const described = describeLetter(letter, config, { preview: false });
  return updates.flatMap((update) => {
    const recorded = letter.deliveries.find((d) => d.update === update.id);
    const version = deliveredVersion(letter, update)!;
    const list = recorded ? (fresh ? amendedDeliveryList(recorded.list, letter, described) : recorded.list) : deliveryListNow(letter, update, config, described);
    const pages = described.versions[version - 1]!.filter((page, i) => i === 0 || update.translations[page.lang] !== undefined);
    return pages.map((page) => ({
      path: packPath(letter, update, page.lang),
      doc: packDocument(letter, update, version, list, pdfDocumentFromPage(page, config), config),
      letter, update, version, recorded, list,
    }));
  });
}

/** The QR code of `text` as SVG: black modules on white, with the four-module quiet zone readers need. */
export function qrSvg(text: string): string {
  // Level M: about 15% of the code can be lost (a fold, a stain) and it still reads.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 4;
  const n = modules.size + 2 * quiet;
  let d = "";
  // One rectangle per run of dark modules in a row: fewer edges for a renderer to smooth into seams.
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < modules.size && modules.get(row, col + run)) run++;
      d += `M${col + quiet} ${row + quiet}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${n * 4}" height="${n * 4}" shape-rendering="crispEdges"><rect width="${n}" height="${n}" fill="#ffffff"/><path fill="#000000" d="${d}"/></svg>`;
}

/** Countries drawn on the chart (the table lists them all), as the list page's chart does. */
const CHART_COUNTRIES = 10;
/** Up to this many days, the date table has a row a day; beyond, a row a month. */
const DAYS_IN_TABLE = 31;

function packDocument(letter: Letter, update: LetterUpdate, version: number, list: DeliveryList, base: PdfDocument, config: SiteConfig): PdfDocument {
  const { t } = messagesWith(config.interfaceText);
  const lang = base.lang;
  const dir = textDirection(lang);
  const release = letter.releases[version - 1]!;
  const number = (n: number) => n.toLocaleString(lang);
  const deliveredText = formatDate(update.date, lang);
  const entries = list.groups.flatMap((g) => g.entries);
  const sources = new Map(letter.signatories.map((s) => [s.key, `${s.source.file}:${s.source.line}:${s.source.column}`]));

  const types = countBy(entries, (e) => e.type ?? "none");
  const typeRows = ["organization", "individual", "none"].filter((v) => types.has(v)).map((v) => ({ label: t(lang, (v === "none" ? "type_unspecified" : `type_${v}`) as MessageKey), count: types.get(v)! }));
  const regions = new Intl.DisplayNames([lang], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(lang);
  const countryRows = [...countBy(entries, (e) => e.country ?? "none")]
    .map(([code, count]) => ({ code, label: code === "none" ? t(lang, "countryUnknown") : (regions.of(code) ?? code), count }))
    // Most signatures first; "not given" last whatever its size; ties by name, then code (the list page's order).
    .sort((a, b) => Number(a.code === "none") - Number(b.code === "none") || b.count - a.count || collator.compare(a.label, b.label) || (a.code < b.code ? -1 : 1));
  const given = countryRows.filter((c) => c.code !== "none");
  const chartCountries = given.length <= CHART_COUNTRIES
    ? countryRows
    : [...given.slice(0, CHART_COUNTRIES - 1), { code: "others", label: t(lang, "chartCountryOthers", given.length - CHART_COUNTRIES + 1), count: given.slice(CHART_COUNTRIES - 1).reduce((sum, c) => sum + c.count, 0) }, ...countryRows.filter((c) => c.code === "none")];

  const byDay = countBy(entries, (e) => e.day);
  const days = [...byDay.keys()].sort();
  let running = 0;
  const points = days.map((date) => ({ date, total: (running += byDay.get(date)!) }));
  const monthly = days.length > DAYS_IN_TABLE;
  const months = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric", timeZone: "UTC" });
  const periods = countBy(entries, (e) => (monthly ? e.day.slice(0, 7) : e.day));
  running = 0;
  const dateRows = [...periods.keys()].sort().map((period) => {
    const added = periods.get(period)!;
    running += added;
    return [monthly ? months.format(new Date(`${period}-01T00:00:00Z`)) : formatDate(period, lang), number(added), number(running)];
  });

  const labels = [...typeRows, ...chartCountries].map((r) => r.label).join(" ");
  // Typst draws an SVG's text with its own fonts: name those the pack prints with, in their order.
  const fontFamily = fontFamiliesFor(lang, labels).map((f) => `'${f}'`).join(", ");
  const chartOptions = { palette: "print" as const, fontFamily };
  const seeTable = t(lang, "chartSeeTable");
  const bars = (id: string, title: string, rows: readonly { label: string; count: number }[]) =>
    ({ svg: barsSvg({ id, lang, dir, title, desc: seeTable, bars: rows.map((r) => ({ label: r.label, value: r.count })) }, chartOptions), alt: `${title}. ${seeTable}` });
  // The releases up to the version handed over: one released later the same day came after the delivery
  // (its pack was recorded with the version before), and must not change the pack's chart.
  const releasesShown = letter.releases.filter((r) => r.version <= version);
  const marks = [
    ...releasesShown.map((r) => ({ date: r.date, label: t(lang, "version", r.version), kind: "release" })),
    { date: update.date, label: t(lang, "updateDelivered"), kind: "delivered" },
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const timelineTitle = t(lang, "chartTimelineHeading");
  const timelineDesc = days.length ? t(lang, "chartTimelineDesc", formatDate(days[0]!, lang), formatDate(update.date, lang), number(entries.length)) : seeTable;

  const tables: PdfPackTable[] = [
    { heading: t(lang, "chartTypeHeading"), chart: bars("pack-types", t(lang, "chartTypeHeading"), typeRows), columns: [t(lang, "filterType"), t(lang, "chartColCount")], align: ["start", "end"], rows: typeRows.map((r) => [r.label, number(r.count)]) },
    { heading: t(lang, "chartCountryHeading"), chart: bars("pack-countries", t(lang, "chartCountryHeading"), chartCountries), columns: [t(lang, "filterCountry"), t(lang, "chartColCount")], align: ["start", "end"], rows: countryRows.map((r) => [r.label, number(r.count)]) },
    {
      heading: timelineTitle,
      chart: points.length ? { svg: timelineSvg({ id: "pack-timeline", lang, dir, title: timelineTitle, desc: timelineDesc, points, marks }, chartOptions), alt: `${timelineTitle}. ${timelineDesc}` } : undefined,
      columns: [t(lang, "chartColDate"), t(lang, "chartColNew"), t(lang, "chartColTotal")],
      align: ["start", "end", "end"],
      rows: dateRows,
    },
  ];

  const address = absoluteUrl({ siteUrl: config.url, pathPrefix: config.pathPrefix }, versionUrl(letter, version)) ?? sitePath({ pathPrefix: config.pathPrefix }, versionUrl(letter, version));
  const hash = release.textSha256;
  const qrText = `${address}#sha256=${hash}`;
  const footer = t(lang, "packFooter", version, deliveredText);
  return {
    ...base,
    // The PDF's date is the delivery's: fixed, so the same commit typesets the same bytes.
    date: update.date,
    signatories: { ...base.signatories, groups: [], withdrawnText: undefined },
    footer,
    metadata: { ...base.metadata, keywords: [...base.metadata.keywords, "delivery pack", `delivered ${update.date}`], subject: footer },
    pack: {
      heading: t(lang, "packAnnexHeading", deliveredText),
      summary: t(lang, "packSummary", entries.length, deliveredText),
      withdrawnText: list.withdrawn ? t(lang, "withdrawnCount", list.withdrawn) : undefined,
      tables,
      listHeading: t(lang, "packListHeading", deliveredText),
      groups: list.groups.map((g) => ({ heading: g.heading, entries: g.entries.map((e: DeliveryEntry) => ({ name: e.name, role: e.role, source: sources.get(e.id) })) })),
      check: {
        heading: t(lang, "packCheckHeading"),
        text: t(lang, "packCheckText", version, formatDate(release.date, lang)),
        addressLabel: t(lang, "packAddress", version),
        address,
        hashLabel: t(lang, "canonicalText"),
        hash,
        qr: qrSvg(qrText),
        qrCaption: t(lang, "packQrCaption"),
        qrText,
        qrLines: [address, `#sha256=${hash}`],
      },
    },
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
