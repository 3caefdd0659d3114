// Stage outputs/: files made from the model. Takes documents (PDFs) and pages (data files, cards); gives
// PDFs, JSON, CSV, feeds, social cards and JSON Schemas as bytes.
//
// Social card images: a 1200x630 PNG per letter page (site, title, date, signatory count), typeset by Typst
// and rasterised by resvg, both native binaries shipped inside their npm packages, so no browser and no
// system font is involved and the same text always gives the same bytes. The fonts are the PDF's
// (src/outputs/typst/fonts.ts), so a card prints every script a PDF can. Cards are cached by a hash of everything
// that goes into them, so a rebuild only renders the cards whose text changed.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { CardScriptError, InternalError } from "../model/errors.ts";
import { sha256 } from "../model/hash.ts";
import { markUsed } from "../load/parse-cache.ts";
import { primaryLanguage } from "../model/language.ts";
import { CARD_SIZE } from "./data/files.ts";
import type { CardContent } from "./data/social.ts";
import { COMPILER_VERSION, typstCompiler } from "./typst/compile.ts";
import { fontFamiliesFor, fontsVersion, uncoveredCharacters } from "./typst/fonts.ts";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const packageVersion = (name: string) => (JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;

/** Bump when the look changes in a way the template text does not show (it is hashed too). */
const CARD_DESIGN = 1;

/**
 * The card's layout. The letter's text arrives as sys.inputs strings, which Typst prints as plain text,
 * never as markup, so a title full of # or $ needs no escaping. The title takes the largest size at
 * which it fits its box. `fallback: false` keeps Typst off the machine's own fonts.
 */
export const CARD_TEMPLATE = `
#let data = sys.inputs
#let ink = rgb("#1b1b1b")
#let muted = rgb("#4f4f4f")
#let accent = rgb("#0b4f9c")
#set page(width: ${CARD_SIZE.width}pt, height: ${CARD_SIZE.height}pt, margin: (left: 96pt, right: 80pt, y: 64pt), fill: rgb("#fdfdfb"),
  background: place(left + top, rect(width: 20pt, height: 100%, fill: accent)))
#set text(font: data.fonts.split("\\n"), fallback: false, fill: ink, lang: data.lang, hyphenate: false)
#let fitted(body) = layout(area => {
  let sizes = (76pt, 68pt, 60pt, 54pt, 48pt, 42pt, 36pt, 32pt)
  let chosen = sizes.last()
  for size in sizes {
    if measure(block(width: area.width, text(size: size, weight: 700, body))).height <= area.height {
      chosen = size
      break
    }
  }
  block(width: area.width, height: area.height, clip: true, align(horizon, text(size: chosen, weight: 700, body)))
})
#set par(leading: 0.32em)
#grid(rows: (auto, 1fr, auto), row-gutter: 28pt,
  text(size: 30pt, weight: 700, fill: accent, data.site),
  fitted(data.title),
  text(size: 30pt, fill: muted, data.date + "  ·  " + data.count),
)
`;

function inputs(card: CardContent): { site: string; title: string; date: string; count: string; lang: string; fonts: string } {
  // Typst's `lang` takes an ISO 639 code only (en, not en-GB). The loader refuses any other tag
  // (model/language.ts); English is only a fallback for a card made without it.
  const lang = primaryLanguage(card.lang) ?? "en";
  // The families the card prints from, in its language's order (Han as its readers write it: the full
  // tag, since zh-TW and zh differ); one name per line.
  const fonts = fontFamiliesFor(card.lang || "en", [card.site, card.title, card.date, card.count].join("\n")).join("\n");
  return { site: card.site, title: card.title, date: card.date, count: card.count, lang, fonts };
}

/** Renders without the cache: the PNG bytes of one card. */
export function renderCardPng(card: CardContent): Buffer {
  checkScripts(card);
  // The PDF's compiler: the same fonts, and none of the machine's.
  const typst = typstCompiler();
  const compiled = typst.compile({ mainFileContent: CARD_TEMPLATE, inputs: inputs(card) });
  const document = compiled.result;
  if (!document) {
    const problems = compiled.takeDiagnostics()?.shortDiagnostics ?? [];
    // Cards take only short, script-checked strings into a constant template: a failure here is a bug.
    throw new InternalError(`Typst could not lay out the social card of "${card.title}": ${JSON.stringify(problems)}`);
  }
  const svg = typst.plainSvg(document);
  // Glyphs arrive as outlines in the SVG, so resvg needs no fonts at all.
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: CARD_SIZE.width }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

/** The characters of a card that no font has, each once; npm run check reports them at their file (tools/gate.ts). */
export function cardMissingCharacters(card: CardContent): string[] {
  return uncoveredCharacters([card.site, card.title, card.date, card.count].join(" "));
}

/**
 * Fails with a message that says what to do, rather than printing empty boxes on a card. `npm run check`
 * already refuses a letter in a script no PDF font covers; this also catches the site's title.
 */
export function checkScripts(card: CardContent): void {
  const missing = cardMissingCharacters(card);
  if (!missing.length) return;
  const shown = missing.slice(0, 5).map((c) => `${c} U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(", ");
  throw new CardScriptError(
    `The social card of "${card.title}" (${card.lang}) has characters no font covers: ${shown}. ` +
      "Cards use the PDF's fonts: add a font for that script to FONT_FAMILIES in src/outputs/typst/fonts.ts.",
  );
}

let versions: string | undefined;
/** Everything that decides a card's bytes: the text, the template, the fonts and the renderers' versions. */
export function cardKey(card: CardContent): string {
  versions ??= [COMPILER_VERSION, `@resvg/resvg-js@${packageVersion("@resvg/resvg-js")}`].join(" ");
  const data = inputs(card);
  return sha256(JSON.stringify([CARD_DESIGN, versions, fontsVersion(data.fonts.split("\n")), CARD_TEMPLATE, data]));
}

export interface CardResult {
  png: Buffer;
  /** True when the card came from the cache and nothing was rendered. */
  cached: boolean;
}

/** The card's PNG, from `cacheDir` when an identical card was rendered before. */
export async function renderCard(card: CardContent, cacheDir: string): Promise<CardResult> {
  const file = join(cacheDir, `${cardKey(card)}.png`);
  if (existsSync(file)) {
    markUsed(file);
    return { png: await readFile(file), cached: true };
  }
  const png = renderCardPng(card);
  await mkdir(cacheDir, { recursive: true });
  // Write then rename: two builds sharing the cache never read half a file.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, png);
  await rename(partial, file);
  return { png, cached: false };
}
