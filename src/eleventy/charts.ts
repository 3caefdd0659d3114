// Eleventy plugin: the charts as template filters, `{{ chart | timelineChart | safe }}` and
// `{{ chart | barChart | safe }}`: the view models hold the figures, src/outputs/charts/ draws them as SVG
// (every text in it escaped there), inlined so the site's stylesheet colours them in light and dark.
import { barsSvg, timelineSvg, type BarChartInput, type TimelineChartInput } from "../outputs/charts/index.ts";

interface ChartsConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export default function chartsPlugin(eleventyConfig: ChartsConfig): void {
  eleventyConfig.addFilter("timelineChart", (chart: TimelineChartInput) => timelineSvg(chart));
  eleventyConfig.addFilter("barChart", (chart: BarChartInput) => barsSvg(chart));
}
