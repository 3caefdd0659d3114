// npm run bench: generates its corpora in the temporary folder (never committed), builds each scenario in a
// fresh process, and prints wall time, CPU time, peak memory, the ratio to a bare-Eleventy baseline
// measured in the same run, and whether each target is met. Results go to bench/results.json too.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DEFAULT_LIST_THRESHOLD } from "../src/load/site-settings.ts";
import { LIST_PAGE_SIZE } from "../src/view/lists.ts";
import { listPageUrl } from "../src/common/search-text.ts";
import { addSignatory, bigLetter, manyLetters, peerSite, plainPages, signaturesCsv, translatedLetter } from "./lib/corpus.ts";
import { parseFlags, runCli } from "./lib/cli.ts";

const PROJECT = resolve(fileURLToPath(import.meta.url), "../..");
const BENCH = join(PROJECT, "bench");
const run = promisify(execFile);
/** tsx's loader by absolute address: the baseline runs from a corpus folder outside the project. */
const TSX = import.meta.resolve("tsx");

interface Measurement {
  scenario: string;
  wall: number;
  cpu: number;
  maxRssMb: number;
  target?: string;
  met?: boolean;
  ratio?: number;
}

// Thirty translations, the scripts that need their own fonts among the first (a quick run takes three).
const LANGUAGES = ["ja", "zh-CN", "ko", "ta", "ar", "fr", "nl", "de", "es", "it", "pt", "pl", "cs", "sk", "sl", "hr", "ro", "hu", "fi", "sv", "da", "nb", "et", "lv", "lt", "el", "bg", "uk", "ru", "tr"];

async function build(root: string, output: string, env: NodeJS.ProcessEnv = {}): Promise<Omit<Measurement, "scenario">> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ["--import", TSX, join(PROJECT, "scripts/lib/measure.ts"), "site", root, output], {
    // Each corpus keeps its PDF cache in its own .cache/, so that "cold" (which deletes it) really is.
    cwd: PROJECT, env: { ...process.env, OPEN_LETTERS_PDF_CACHE: join(root, ".cache/pdf"), ...env }, maxBuffer: 256 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  return { wall, ...JSON.parse(stdout.trim().split("\n").at(-1)!) };
}

/** The peers' commands (Debian's packages): a cold build of a site folder into an output folder. */
const PEERS = {
  jekyll: { bin: "/usr/bin/jekyll", args: (site: string, o: string) => ["build", "--source", site, "--destination", o, "--quiet", "--disable-disk-cache"] },
  hugo: { bin: "/usr/bin/hugo", args: (site: string, o: string) => ["--source", site, "--destination", o, "--quiet", "--ignoreCache"] },
};

/** A peer's build, with the peak memory GNU time reports (its CPU time is not separated: left out). */
async function peerBuild(bin: string, args: string[], cwd: string): Promise<Omit<Measurement, "scenario">> {
  rmSync(args[args.indexOf("--destination") + 1]!, { recursive: true, force: true });
  const started = performance.now();
  const { stderr } = await run("/usr/bin/time", ["-f", "%M %U %S", bin, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  const [rssKb, user, sys] = stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { wall: (performance.now() - started) / 1000, cpu: user! + sys!, maxRssMb: rssKb! / 1024 };
}

/** One command (a script of scripts/) run as `npm run` would, in a fresh process, with its resource usage. */
async function command(script: string, args: string[], cwd: string): Promise<Omit<Measurement, "scenario">> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ["--import", TSX, join(PROJECT, "scripts/lib/measure.ts"), "cli", join(PROJECT, "scripts", script), ...args], { cwd, maxBuffer: 256 * 1024 * 1024 });
  return { wall: (performance.now() - started) / 1000, ...JSON.parse(stdout.trim().split("\n").at(-1)!) };
}

async function baseline(input: string, output: string): Promise<Omit<Measurement, "scenario">> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ["--import", TSX, join(PROJECT, "scripts/lib/measure.ts"), "eleventy", input, output], { cwd: input, maxBuffer: 64 * 1024 * 1024 });
  return { wall: (performance.now() - started) / 1000, ...JSON.parse(stdout.trim().split("\n").at(-1)!) };
}

const cold = (root: string, output: string) => {
  rmSync(join(root, ".cache"), { recursive: true, force: true });
  rmSync(output, { recursive: true, force: true });
};

/** Seconds from saving a signatory file until the preview server serves a page with the new name. */
async function previewLatency(root: string, page: string, port: number): Promise<number> {
  const server = spawn(process.execPath, ["--import", TSX, "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", `--output=${join(root, ".cache/preview")}`, "--serve", `--port=${port}`, "--quiet"], {
    cwd: PROJECT, env: { ...process.env, OPEN_LETTERS_ROOT: root }, stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const url = `http://127.0.0.1:${port}${page}`;
    const deadline = Date.now() + 180_000;
    // Ready once the letter page is served (the page the new name lands on may not exist yet).
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/big/`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const name = `Preview Signer ${Date.now()}`;
    const started = performance.now();
    addSignatory(root, name);
    while (Date.now() < deadline) {
      const html = await fetch(url).then((r) => r.text(), () => "");
      if (html.includes(name)) return (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("The preview never showed the new signatory.");
  } finally {
    server.kill("SIGTERM");
  }
}

const HELP = `
Usage: npm run bench [-- --quick] [--only NAME]

Generates benchmark corpora in the system's temporary folder, builds each scenario in a fresh process and prints wall
time, CPU time and peak memory, with the ratio to a bare Eleventy build and the targets met or not.
Writes bench/results.json. --quick uses small corpora (a smoke test, not the targets).
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({ quick: { type: "boolean" }, only: { type: "string" } });
    const q = values.quick ?? false;
    const sizes = { big: q ? 2_000 : 100_000, letters: q ? 10 : 200, perLetter: q ? 50 : 500, translated: q ? 700 : 7_000, languages: q ? 3 : 30 };
    // Outside the repository: Eleventy does not watch git-ignored folders, which would hide the preview's changes.
    const corpus = join(tmpdir(), "open-letters-bench");
    const out = join(BENCH, "out");
    mkdirSync(corpus, { recursive: true });
    const results: Measurement[] = [];
    const want = (name: string) => !values.only || name.startsWith(values.only);
    const save = () => {
      mkdirSync(BENCH, { recursive: true });
      writeFileSync(join(BENCH, "results.json"), `${JSON.stringify({ quick: q, results }, null, 2)}\n`);
    };
    const record = (scenario: string, m: Omit<Measurement, "scenario">, target?: { text: string; met: boolean }) => {
      const row: Measurement = { scenario, ...m, target: target?.text, met: target?.met };
      results.push(row);
      console.error(`${scenario}: ${m.wall.toFixed(2)} s`);
      save(); // after each scenario, so a long run that is stopped still leaves its figures
    };
    /**
     * The new signatory is the last one listed: on the letter page of a short list, on the last list page
     * of a long one. A preview that never shows it within its deadline is a target missed, not a crash.
     */
    const latency = (root: string, count: number, port: number) => {
      const page = count + 1 > DEFAULT_LIST_THRESHOLD ? listPageUrl("/big/signatories/", Math.ceil((count + 1) / LIST_PAGE_SIZE)) : "/big/";
      return previewLatency(root, page, port).catch(() => Number.POSITIVE_INFINITY);
    };

    // The baseline: bare Eleventy over as many plain pages as the 200-letter corpus has letter pages.
    const pages = sizes.letters * 3 * 2;
    plainPages(join(corpus, "plain"), pages);
    rmSync(join(out, "plain"), { recursive: true, force: true });
    const base = await baseline(join(corpus, "plain"), join(out, "plain"));
    record(`baseline: bare Eleventy, ${pages} pages`, base);

    if (want("reference")) {
      const o = join(out, "reference");
      cold(PROJECT, o);
      record("reference site, cold", await build(PROJECT, o));
      record("reference site, warm", await build(PROJECT, o));
      const c = await command("check.ts", ["--root", PROJECT], PROJECT);
      record("reference site, npm run check (warm)", c, { text: "≤ 2 s", met: c.wall <= 2 });
    }
    for (const layout of ["files", "list"] as const) {
      if (!want(`big-${layout}`)) continue;
      const root = join(corpus, `big-${layout}`);
      const o = join(out, `big-${layout}`);
      bigLetter(root, sizes.big, layout);
      cold(root, o);
      const label = `${sizes.big.toLocaleString("en")} signatories (${layout === "files" ? "one file each" : "one list file"})`;
      const c = await build(root, o);
      record(`${label}, cold`, c, { text: "≤ 10 s, ≤ 1 GB", met: c.wall <= 10 && c.maxRssMb <= 1024 });
      const w = await build(root, o);
      record(`${label}, warm`, w, { text: "≤ 1.5 s", met: w.wall <= 1.5 });
      addSignatory(root, "One More Signer");
      const a = await build(root, o);
      record(`${label}, one signatory added`, a, { text: "≤ 3 s", met: a.wall <= 3 });
      // The builds warmed the parse cache, not check's own lint cache: the first check fills it, the
      // second is the warm one, as on a maintainer's machine between two pull requests.
      record(`${label}, npm run check (first after the builds)`, await command("check.ts", ["--root", root], root));
      const k = await command("check.ts", ["--root", root], root);
      record(`${label}, npm run check (warm)`, k, { text: "≤ 3 s", met: k.wall <= 3 });
    }
    if (want("letters")) {
      const root = join(corpus, "letters");
      const o = join(out, "letters");
      manyLetters(root, sizes.letters, sizes.perLetter);
      cold(root, o);
      const label = `${sizes.letters} letters × 3 versions × 2 languages × ${sizes.perLetter} signatories`;
      const c = await build(root, o);
      record(`${label}, cold`, { ...c, ratio: c.wall / base.wall }, { text: "≤ 20× baseline", met: c.wall <= 20 * base.wall });
      const w = await build(root, o);
      record(`${label}, warm`, { ...w, ratio: w.wall / base.wall }, { text: "≤ 1.5× baseline", met: w.wall <= 1.5 * base.wall });
    }
    if (want("translated")) {
      const root = join(corpus, "translated");
      const o = join(out, "translated");
      const languages = LANGUAGES.slice(0, sizes.languages);
      translatedLetter(root, sizes.translated, languages);
      const label = `${sizes.translated.toLocaleString("en")} one-file signatories × ${sizes.languages + 1} languages`;
      cold(root, o);
      const html = await build(root, o, { OPEN_LETTERS_PDF: "0" });
      record(`${label}, HTML only, cold`, html, { text: "≤ 3 s", met: html.wall <= 3 });
      cold(root, o);
      const pdf = await build(root, o);
      record(`${label}, with PDFs, cold`, pdf, { text: "≤ 12 s, ≤ 1 GB", met: pdf.wall <= 12 && pdf.maxRssMb <= 1024 });
      const w = await build(root, o);
      record(`${label}, warm`, w, { text: "≤ 0.5 s", met: w.wall <= 0.5 });
      addSignatory(root, "One More Signer");
      const a = await build(root, o);
      record(`${label}, one signatory added`, a, { text: "≤ 3 s", met: a.wall <= 3 });
      // The peers, on the same names and languages, HTML only, when their Debian packages are installed.
      for (const peer of ["jekyll", "hugo"] as const) {
        const tool = PEERS[peer];
        if (!existsSync(tool.bin)) {
          console.error(`${peer}: not installed (apt-get install ${peer}); skipped`);
          continue;
        }
        const site = join(corpus, `peer-${peer}`);
        peerSite(site, sizes.translated, languages, peer);
        const m = await peerBuild(tool.bin, tool.args(site, join(out, `peer-${peer}`)), site);
        const ours = peer === "jekyll" ? pdf : html;
        const limit = peer === "jekyll" ? 0.5 : 2;
        record(`${label}: ${peer}, HTML only (ours ${peer === "jekyll" ? "with PDFs" : "HTML only"} ${(ours.wall / m.wall).toFixed(2)}× it)`,
          { ...m, ratio: ours.wall / m.wall }, { text: `ours ≤ ${limit}× ${peer}`, met: ours.wall <= limit * m.wall });
      }
    }
    if (want("import")) {
      // A day of signatures collected by a web form, imported into a letter that already has 1,000.
      const root = join(corpus, "import");
      bigLetter(root, 1_000, "files");
      const rows = q ? 1_000 : 10_000;
      signaturesCsv(join(root, "signatures.csv"), rows);
      const m = await command("import.ts", [join(root, "signatures.csv"), "--letter", "big", "--root", root, "--write"], root);
      record(`import: ${rows.toLocaleString("en")} CSV rows into a letter of 1,000, written`, m, { text: "≤ 5 s", met: m.wall <= 5 });
    }
    if (want("preview")) {
      const small = join(corpus, "preview-small");
      bigLetter(small, 49, "files");
      const s = await latency(small, 49, 8182);
      record("preview: a saved signatory shows (49 signatories)", { wall: s, cpu: NaN, maxRssMb: NaN }, { text: "≤ 1 s", met: s <= 1 });
      const large = join(corpus, "preview-large");
      bigLetter(large, sizes.big, "files");
      const l = await latency(large, sizes.big, 8183);
      record(`preview: a saved signatory shows (${sizes.big.toLocaleString("en")} signatories)`, { wall: l, cpu: NaN, maxRssMb: NaN }, { text: "≤ 1.5 s", met: l <= 1.5 });
    }

    save();
    console.log(table(results));
    if (!existsSync(join(BENCH, "results.json"))) return 1;
  }, HELP);
}

function table(rows: Measurement[]): string {
  const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : n === Number.POSITIVE_INFINITY ? "> 180" : "–");
  const lines = [
    "| scenario | wall s | CPU s | peak MB | × baseline | target | met |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows.map((r) => `| ${r.scenario} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${fmt(r.maxRssMb, 0)} | ${r.ratio ? fmt(r.ratio) : ""} | ${r.target ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "no"} |`),
  ];
  return lines.join("\n");
}
