// Small builders for model objects in unit tests: only the fields a test cares about, the rest defaulted.
import type { LetterPage } from "../../src/view/letter-page.ts";
import { buildPages } from "../../src/view/pages.ts";
import type { Letter, Signatory, SiteConfig } from "../../src/model/types.ts";

export function signatory(fields: Partial<Signatory> & { name: string }): Signatory {
  return { key: fields.name.toLowerCase(), source: { file: "letters/x/signatories/test.yaml", line: 1, column: 1 }, ...fields };
}

export function siteConfig(fields: Partial<SiteConfig> = {}): SiteConfig {
  return { title: "Test Site", pathPrefix: "/", lang: "en", author: "Test Author", branch: "main", linkIndividuals: true, paper: "a4", listThreshold: 500, ...fields };
}

export function letter(fields: Partial<Letter> = {}): Letter {
  return {
    slug: "a-letter",
    dir: "letters/a-letter",
    file: "letters/a-letter/letter.md",
    title: "A letter",
    date: "2024-01-02",
    lang: "en",
    to: [],
    status: "open",
    display: { heading: "Signatories", order: "as-listed" },
    body: "Text.\n",
    bodyLine: 5,
    translations: [],
    releases: [],
    signatories: [],
    updates: [],
    attachments: [],
    deliveries: [],
    ...fields,
  };
}

/** The current page of one letter, as the preview builds it (an unreleased letter shows its working text). */
export function page(fields: Partial<Letter> = {}, config: SiteConfig = siteConfig()): LetterPage {
  const data = buildPages({ root: "/", config, letters: [letter(fields)], warnings: [] }, { preview: true });
  return data.pages[0]!;
}
