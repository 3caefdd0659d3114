// Prints the SHA-256 of the reference letter's PDF, typeset in a fresh process (no cache): the
// reproducibility test compares it with the bytes typeset inside the test process.
import { createHash } from "node:crypto";
import { pdfDocumentFromLetter, renderPdf } from "../../src/outputs/pdf/index.ts";
import { loadSiteOrThrow } from "../../src/load/site.ts";
import { fixture } from "./site.ts";

const site = await loadSiteOrThrow(fixture("reference"));
const letter = site.letters.find((l) => l.slug === "belgium-e2ee")!;
const { bytes } = await renderPdf(pdfDocumentFromLetter(letter, site.config), { cache: false });
console.log(createHash("sha256").update(bytes).digest("hex"));
