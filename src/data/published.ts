// What of a signatory may be published. Every output (letter page, JSON, CSV, counts on cards and in
// feeds) takes its signatories from here, so the rules for withdrawn names, hidden links and e-mail
// addresses live in one place and cannot disagree between outputs.
import type { Signatory, SignatoryType, SiteConfig } from "../types.ts";

/** A signatory as readers may see it: no withdrawn names, no source paths, only http(s) links. */
export interface PublishedSignatory {
  name: string;
  type?: SignatoryType;
  title?: string;
  affiliation?: string;
  country?: string;
  group?: string;
  signed?: string;
  /** An http(s) address the signatory agreed to have linked; never mailto:. */
  url?: string;
}

export type PublishingRules = Pick<SiteConfig, "linkIndividuals">;

/** A signature that was withdrawn is never published. (Per-version rules can narrow this later.) */
export function isWithdrawn(signatory: Signatory): boolean {
  return signatory.withdrawn !== undefined;
}

export function publishedSignatories(signatories: readonly Signatory[], rules: PublishingRules): PublishedSignatory[] {
  return signatories.filter((s) => !isWithdrawn(s)).map((s) => publishedSignatory(s, rules));
}

export function publishedSignatory(s: Signatory, rules: PublishingRules): PublishedSignatory {
  // Built key by key, in a fixed order: JSON output follows this order, and unknown or private fields
  // (withdrawn, hide_url, source) can never slip through a spread.
  return {
    name: s.name,
    type: s.type,
    title: s.title,
    affiliation: s.affiliation,
    country: s.country,
    group: s.group,
    signed: s.signed,
    url: publishedUrl(s, rules),
  };
}

/**
 * The link shown for a signatory, if any. mailto: (or anything not http(s)) is never published: an
 * e-mail address in the data is for the organisers. Individuals can hide their link, and a site can
 * choose to link no individual; a signatory without a type counts as an individual, so the privacy
 * choice errs on the side of not linking.
 */
export function publishedUrl(s: Signatory, rules: PublishingRules): string | undefined {
  if (!s.url || !isWebUrl(s.url)) return undefined;
  if (s.hide_url) return undefined;
  if (s.type !== "organization" && !rules.linkIndividuals) return undefined;
  return s.url;
}

function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}
