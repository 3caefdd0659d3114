// Eleventy plugin: a typeset PDF of every letter. While the content plugin builds the page data, each
// letter page gets its PDF's link, size and page count (typeset by src/outputs/pdf/, or taken from the disk
// cache when nothing changed); once Eleventy has written the site, the files go next to their pages.
// In local preview nothing is typeset on save: the dev server typesets a PDF when it is requested.
import type { IncomingMessage, ServerResponse } from "node:http";
import { writeFiles } from "../build/write-output.ts";
import { messagesWith, type Messages } from "../i18n/messages.ts";
import { ContentProblemsError, InternalError, formatProblems } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import { packJobs, pagePdfJobs, pdfJobProblems, runPdfJobs, sizeText, type PackJob, type PdfJob, type PdfOutput } from "../outputs/pdf/index.ts";
import type { LetterPage, PdfLink } from "../view/letter-page.ts";
import type { PackLink } from "../view/updates.ts";
import { addPageDataStep, addUnsettledWork, pageDataSettled } from "./content.ts";

export interface PdfPluginOptions {
  /** Off builds the HTML alone, with no PDF links (BuildOptions.pdf; the benchmark measures the two apart). */
  enabled?: boolean;
  /** Folder of cached PDFs (default .cache/pdf in the working directory). */
  cache?: string;
  /** Most worker threads typesetting at once (default one per core; 0 or 1: none). */
  workers?: number;
  /** Local preview: typeset each PDF when the browser asks for it, not on every save; a letter whose PDF
   * cannot be made is reported and left without a PDF, not fatal. */
  preview?: boolean;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

interface EleventyConfigLike {
  on(event: "eleventy.after", callback: (event: { directories: { output: string }; outputMode?: string }) => Promise<void>): void;
  addNunjucksAsyncFilter(name: string, filter: (value: unknown, done: (error: unknown, result?: string) => void) => void): void;
  setServerOptions(options: { middleware: Middleware[] }): void;
}

export default function pdfPlugin(eleventyConfig: EleventyConfigLike, options: PdfPluginOptions = {}): void {
  /** The PDFs of the latest data load, written after every build. */
  let outputs: PdfOutput[] = [];
  /**
   * Settled once the latest load's PDFs are typeset and their links, sizes and hashes are on the pages.
   * The data step only starts the typesetting: Eleventy renders the pages that show no PDF (list pages,
   * history, search) meanwhile, and a page that shows one waits for it (`afterPdfs`, below). A 100,000-name
   * letter typesets its PDF for 12 s in a worker while the main thread renders its 400 list pages.
   */
  let typeset: Promise<void> = Promise.resolve();
  /** Preview: the PDFs the pages link to, typeset on request. */
  let onDemand = new Map<string, PdfJob>();

  addPageDataStep(eleventyConfig, async (site, data) => {
    typeset = Promise.resolve();
    if (options.enabled === false) {
      outputs = [];
      return;
    }
    const originalLang = new Map(site.letters.map((l) => [l.slug, l.lang]));
    const messages = messagesWith(site.config.interfaceText);
    // Typeset from the documents, which hold every name also where a long list's page shows a few.
    const jobs = pagePdfJobs(site, data.documents);
    const pageAt = new Map(data.pages.map((page) => [page.url, page]));
    let pages = data.documents.map((doc, i) => ({ page: pageAt.get(doc.url)!, job: jobs[i]! }));
    // A letter in a script no PDF font covers stops the build before anything is typeset or written
    // (npm run build finds it even before Eleventy starts; this covers every other way in).
    const { problems, failed } = pdfJobProblems(pages.map((p) => p.job));
    if (problems.length) {
      if (!options.preview) throw new ContentProblemsError(problems);
      console.error(formatProblems(problems));
      pages = pages.filter((p) => !failed.has(p.job));
    }
    // The delivery packs of the letters rendered (a reused letter's folder, packs included, is linked whole).
    const rendered = new Set(data.pages.map((page) => page.slug));
    const packs: PackJob[] = packJobs(site).filter((job) => rendered.has(job.letter.slug));
    if (options.preview) {
      // A letter the preview did not render again (unchanged since the last save) keeps its PDF links.
      const listed = new Set(data.letters.map((letter) => letter.slug));
      const kept = [...onDemand].filter(([, job]) => listed.has(job.doc.slug) && !rendered.has(job.doc.slug));
      onDemand = new Map([...kept, ...[...pages.map((p) => p.job), ...packs].map((job): [string, PdfJob] => [`/${job.path}`, job])]);
      for (const { page, job } of pages) page.pdf = { url: `/${job.path}`, linkText: messages.t(page.lang, "downloadPdf"), onDemand: true };
      for (const pack of packs) linkPack(data.pages, packs, pack, (lang) => ({ url: `/${pack.path}`, linkText: messages.t(lang, "packLink"), onDemand: true }));
      outputs = [];
      return;
    }
    typeset = runPdfJobs([...pages.map((p) => p.job), ...packs], { cache: options.cache, workers: options.workers, background: true }).then((all) => {
      outputs = all.slice(0, pages.length);
      const packOutputs = all.slice(pages.length);
      // A released PDF must be, byte for byte, the edition whose SHA-256 is committed: check compared its
      // inputs already, so different bytes from the same inputs would be a typesetting bug, never served.
      const letters = new Map(site.letters.map((l) => [l.slug, l]));
      outputs.forEach((output, i) => {
        const page = pages[i]!.page;
        if (page.kind !== "version" || !page.release) return;
        const recorded = letters.get(page.slug)?.releases[page.release.version - 1]?.editions.at(-1)?.pdfs[page.lang];
        if (recorded && recorded.sha256 !== sha256(output.bytes)) {
          throw new InternalError(`${output.job.doc.source}: the PDF of version ${page.release.version} (${page.lang}) typeset to SHA-256 ${sha256(output.bytes)}, not the ${recorded.sha256} its edition recorded from the same inputs. This is a bug in open-letters: please report it.`);
        }
      });
      outputs.forEach((output, i) => (pages[i]!.page.pdf = pdfLink(output, pages[i]!.page.lang, messages)));
      // So must a recorded delivery pack: check compared its inputs with the record already.
      packOutputs.forEach((output, i) => {
        const { recorded, update, doc, letter } = packs[i]!;
        const edition = recorded?.editions.at(-1);
        const hash = sha256(output.bytes);
        // (A language whose pack is not recorded yet has no hash to match: check warns about it.)
        const recordedHash = edition?.pdfs[doc.lang]?.sha256;
        if (recordedHash && recordedHash !== hash) {
          throw new InternalError(`${update.file}: the delivery pack (${doc.lang}) typeset to SHA-256 ${hash}, not the ${recordedHash} its edition ${edition!.edition} recorded from the same inputs. This is a bug in open-letters: please report it.`);
        }
        linkPack(data.pages, packs, packs[i]!, (lang) => ({ ...pdfLink(output, lang, messages), linkText: messages.t(lang, "packLink") }));
        // And versions.json, beside the version it prints: every edition's hash, the latest's address.
        const history = data.histories.find((h) => h.slug === letter.slug);
        const release = history?.versions.find((r) => r.version === packs[i]!.version);
        release?.packs.push({ update: update.id, date: update.date, lang: doc.lang, url: `/${output.job.path}`, sha256: hash, editions: (recorded?.editions ?? []).map((e) => ({ edition: e.edition, sha256: e.pdfs[doc.lang]?.sha256 ?? "" })) });
      });
      outputs = all;
      // Each version's PDF (in the original language) joins its entry in the history and versions.json.
      for (const history of data.histories) {
        for (const release of history.versions) {
          const versionPages = data.pages.filter((p) => p.kind === "version" && p.slug === history.slug && p.release?.version === release.version);
          const page = versionPages.find((p) => p.lang === originalLang.get(p.slug));
          if (page?.pdf?.sha256) release.pdf = { url: page.pdf.url, sha256: page.pdf.sha256, bytes: page.pdf.bytes! };
          // Every language's, for the verify page and versions.json's list of files.
          for (const p of versionPages) if (p.pdf?.sha256) release.pdfs[p.lang] = { url: p.pdf.url, sha256: p.pdf.sha256 };
        }
      }
      // One name appears in every PDF that lists it: say it once.
      const warnings = [...new Set(all.flatMap((o) => o.warnings))];
      if (warnings.length) console.warn(warnings.join("\n"));
      const made = outputs.filter((o) => !o.cached).length;
      console.log(`PDF: ${outputs.length} file(s), ${made} typeset, ${outputs.length - made} reused from the cache.`);
    });
    // Awaited by the pages and by the writing of the PDFs; this only keeps Node from calling a failure
    // unhandled before the first of them asks.
    typeset.catch(() => undefined);
  });

  addUnsettledWork(eleventyConfig, () => typeset);
  // `{{ letter | afterPdfs }}` prints nothing once the PDFs of the build are typeset (and fails the page,
  // and so the build, with the typesetting's error): for the pages and files that show a PDF's link,
  // size or hash (letter pages, versions.json; letter.json waits in feeds.ts).
  // Nunjucks' own callback form: Eleventy's addAsyncFilter never hands a failure to the callback, and
  // leaves it an unhandled rejection that ends the process.
  eleventyConfig.addNunjucksAsyncFilter("afterPdfs", (_value: unknown, done: (error: unknown, result?: string) => void) => {
    pageDataSettled(eleventyConfig).then(() => done(null, ""), (error: unknown) => done(error));
  });

  if (options.preview) {
    eleventyConfig.setServerOptions({
      middleware: [
        (req, res, next) => {
          // Under a path prefix the request carries it; the jobs know their site-relative address.
          const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
          const job = [...onDemand].find(([url]) => path.endsWith(url))?.[1];
          if (!job) return next();
          runPdfJobs([job], { cache: options.cache, workers: options.workers }).then(
            ([output]) => {
              res.setHeader("Content-Type", "application/pdf");
              res.end(Buffer.from(output!.bytes));
            },
            (error: Error) => {
              res.statusCode = 500;
              res.end(`The PDF could not be typeset: ${error.message}`);
            },
          );
        },
      ],
    });
  }

  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }) => {
    if (outputMode && outputMode !== "fs") return; // toJSON() writes nothing
    await typeset;
    await writeFiles(directories.output, outputs.map(({ job, bytes }) => ({ url: job.path, content: bytes })));
  });
}

/**
 * Links `pack` from the timeline of each current page of its letter that shows it: the page in the pack's
 * language, and, from the pack in the letter's language, every page whose language has no pack of that
 * update (it was not handed over in that language).
 */
function linkPack(pages: readonly LetterPage[], packs: readonly PackJob[], pack: PackJob, link: (lang: string) => PackLink): void {
  const { letter, update, doc } = pack;
  for (const page of pages) {
    if (page.kind !== "current" || page.slug !== letter.slug) continue;
    if (doc.lang !== page.lang && (doc.lang !== letter.lang || packs.some((p) => p.update === update && p.doc.lang === page.lang))) continue;
    const view = page.updates.find((u) => u.id === update.id);
    if (view) view.pack = link(page.lang);
  }
}

/** What a page shows about its PDF: the link, its size and page count in the page's language. */
export function pdfLink(output: PdfOutput, lang: string, { t }: Messages = messagesWith(undefined)): PdfLink {
  const bytes = output.bytes.byteLength;
  return {
    url: `/${output.job.path}`,
    bytes,
    sha256: sha256(output.bytes),
    sizeText: sizeText(bytes, lang),
    pages: output.pages,
    pagesText: t(lang, "pageCount", output.pages),
    linkText: t(lang, "downloadPdf"),
  };
}
