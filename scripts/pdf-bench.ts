// npm run bench:pdf: how long PDFs take and how big they are, without the cache: the reference letter in a
// cold process (compiler start and fonts included) and warm, then a generated letter with many signatories.
// This machine is noisy; compare medians and alternate runs, not single numbers.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pdfDocumentFromLetter, renderPdf, sizeText, type PdfDocument } from "../src/outputs/pdf/index.ts";
import { resolveBuildOptions } from "../src/build/options.ts";
import { loadSiteOrThrow } from "../src/load/site.ts";
import { parseFlags, runCli, UsageError } from "./lib/cli.ts";

const HELP = `
Usage: npm run bench:pdf [-- --signatories N] [--runs N]

Typesets the reference letter once cold and --runs times warm (default 10), then a generated letter with
--signatories names (default 10000), and prints times, sizes, page counts and the peak memory.
`;

/** The reference letter's text with `count` generated signatories, a third with a two-line role. */
export function generatedLetter(base: PdfDocument, count: number): PdfDocument {
  const entries = Array.from({ length: count }, (_, i) => ({
    name: `Signatory ${i + 1} Žofie Ωμέγα`,
    role: i % 3 === 0 ? `Professor, University number ${i + 1} with a name long enough to wrap onto a second line` : i % 3 === 1 ? "Researcher" : undefined,
  }));
  return { ...base, slug: "generated", signatories: { ...base.signatories, groups: [{ entries }] } };
}

async function time(doc: PdfDocument) {
  const started = performance.now();
  const pdf = await renderPdf(doc, { cache: false });
  return { ms: performance.now() - started, ...pdf };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({ signatories: { type: "string" }, runs: { type: "string" } });
    const count = Number(values.signatories ?? 10_000);
    const runs = Number(values.runs ?? 10);
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) throw new UsageError("--signatories and --runs take positive whole numbers.");
    const site = await loadSiteOrThrow(".", { cache: resolveBuildOptions({ env: process.env }).cache });
    const letter = site.letters.find((l) => l.slug === "belgium-e2ee") ?? site.letters[0];
    if (!letter) throw new UsageError("There is no letter to typeset in letters/.");
    const doc = pdfDocumentFromLetter(letter, site.config);

    const cold = await time(doc);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push((await time(doc)).ms);
    const big = await time(generatedLetter(doc, count));
    const line = (label: string, ms: number, pdf: { bytes: Uint8Array; pages: number }) =>
      `${label.padEnd(38)} ${(ms / 1000).toFixed(3).padStart(7)} s  ${sizeText(pdf.bytes.byteLength, "en").padStart(7)}  ${pdf.pages} pages`;
    console.log(line(`${letter.slug}, cold (first in process)`, cold.ms, cold));
    console.log(line(`${letter.slug}, warm (median of ${runs})`, median(warm), cold));
    console.log(line(`${count.toLocaleString("en")} signatories`, big.ms, big));
    console.log(`peak memory (max RSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }, HELP);
}
