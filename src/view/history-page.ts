// The history page (/<slug>/history/): every release, newest first, with the hashes to check a copy.
import { textDirection } from "../describe/direction.ts";
import { historyUrl, letterUrl } from "../describe/letter-document.ts";
import { signatureTimeline } from "../describe/signature-stats.ts";
import { formatDate, messagesWith, type Messages } from "../i18n/messages.ts";
import type { Letter } from "../model/types.ts";
import type { ReleaseView } from "./release-view.ts";

/**
 * A day to mark on the signatures chart besides the releases (which are marked already): an update, a
 * delivery. `label` in the page's language; `kind` a word for styling (e.g. "delivered").
 */
export interface ChartMark {
  date: string;
  label: string;
  kind: string;
}

/** The signatures-over-time chart (drawn by src/outputs/charts/timeline.ts) and its table. */
export interface TimelineView {
  heading: string;
  chart: {
    id: string;
    lang: string;
    dir: "ltr" | "rtl";
    title: string;
    desc: string;
    points: { date: string; total: number }[];
    marks: ChartMark[];
  };
  tableSummary: string;
  columns: { date: string; added: string; total: string; events: string };
  /** One row per day with signatures or a mark, oldest first: the chart's figures as text. */
  rows: { date: string; dateText: string; added: number; addedText: string; total: number; totalText: string; events: string }[];
  /** How many signatures have no day and are left out, in words; absent when none. */
  undatedText?: string;
}

export interface HistoryPage {
  slug: string;
  url: string;
  letterUrl: string;
  /** The page that checks a received copy against the hashes listed here. */
  verifyUrl: string;
  title: string;
  /** The browser tab's title. */
  pageTitle: string;
  lang: string;
  dir: "ltr" | "rtl";
  versions: ReleaseView[];
  /** Absent when the letter has no dated signature to show. */
  timeline?: TimelineView;
}

/** `marks`: days to mark besides the releases (updates, deliveries), in the page's language. */
export function historyPage(letter: Letter, releases: readonly ReleaseView[], messages: Messages = messagesWith(undefined), marks: readonly ChartMark[] = []): HistoryPage {
  const last = letter.releases.at(-1)!;
  const lang = last.text.lang;
  return {
    slug: letter.slug,
    url: historyUrl(letter),
    letterUrl: letterUrl(letter),
    verifyUrl: `/${letter.slug}/verify/`,
    title: last.text.title,
    pageTitle: messages.t(lang, "historyTitle", last.text.title),
    lang: last.text.lang,
    dir: textDirection(last.text.lang),
    versions: [...releases].reverse(),
    timeline: timelineView(letter, lang, messages, marks),
  };
}

function timelineView(letter: Letter, lang: string, { t }: Messages, extra: readonly ChartMark[]): TimelineView | undefined {
  const timeline = signatureTimeline(letter, extra.map((m) => ({ date: m.date, kind: m.kind, label: m.label })));
  if (!timeline.points.length) return undefined;
  const number = (n: number) => n.toLocaleString(lang);
  // On the chart a release is "Version 2"; in the table, "Version 2 released".
  const chartLabel = (m: (typeof timeline.marks)[number]) => (m.version !== undefined ? t(lang, "version", m.version) : m.label ?? "");
  const tableLabel = (m: (typeof timeline.marks)[number]) => (m.version !== undefined ? t(lang, "chartReleaseMark", m.version) : m.label ?? "");
  const days = [...new Set([...timeline.points.map((p) => p.date), ...timeline.marks.map((m) => m.date)])].sort();
  const byDay = new Map(timeline.points.map((p) => [p.date, p]));
  let total = 0;
  const rows = days.map((date) => {
    const added = byDay.get(date)?.added ?? 0;
    total += added;
    const events = timeline.marks.filter((m) => m.date === date).map(tableLabel).join("; ");
    return { date, dateText: formatDate(date, lang), added, addedText: number(added), total, totalText: number(total), events };
  });
  const lastPoint = timeline.points.at(-1)!;
  return {
    heading: t(lang, "chartTimelineHeading"),
    chart: {
      id: `chart-${letter.slug}-timeline`,
      lang,
      dir: textDirection(lang),
      title: t(lang, "chartTimelineHeading"),
      // From the first day on the chart to its last (a release may come after the last signature).
      desc: t(lang, "chartTimelineDesc", formatDate(days[0]!, lang), formatDate(days.at(-1)!, lang), number(lastPoint.total)),
      points: timeline.points.map((p) => ({ date: p.date, total: p.total })),
      marks: timeline.marks.map((m) => ({ date: m.date, label: chartLabel(m), kind: m.kind })),
    },
    tableSummary: t(lang, "chartTableShow"),
    columns: { date: t(lang, "chartColDate"), added: t(lang, "chartColNew"), total: t(lang, "chartColTotal"), events: t(lang, "chartColEvent") },
    rows,
    undatedText: timeline.undated ? t(lang, "chartUndated", timeline.undated) : undefined,
  };
}
