// What of a signatory may be published. Who is on a version's list at all (withdrawn signatures never are)
// is decided by signatory-versions.ts; what of each listed signatory is shown is decided here, once, for
// every output (letter page, JSON, CSV), so the rules for hidden links and e-mail addresses cannot
// disagree between outputs.
import type { Signatory, SignatoryType, SiteConfig } from "../model/types.ts";

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
  /** The GitHub login the signature was made from (proves the account, not the name). */
  github?: string;
}

export type PublishingRules = Pick<SiteConfig, "linkIndividuals">;

// Made once per signatory and rules, and frozen, since every document of a letter lists the same people:
// a 7,000-name letter in 31 languages, current and released, asked 434,000 times (a URL parsed each time).
const made = new WeakMap<Signatory, { rules: boolean | undefined; published: Readonly<PublishedSignatory> }>();

export function publishedSignatory(s: Signatory, rules: PublishingRules): Readonly<PublishedSignatory> {
  const known = made.get(s);
  if (known && known.rules === rules.linkIndividuals) return known.published;
  const published = Object.freeze(publish(s, rules));
  made.set(s, { rules: rules.linkIndividuals, published });
  return published;
}

function publish(s: Signatory, rules: PublishingRules): PublishedSignatory {
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
    github: s.github,
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
