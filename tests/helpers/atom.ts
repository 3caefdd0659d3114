// Reads Atom and sitemap XML with an independent parser (fast-xml-parser) and checks the structure RFC 4287
// requires, so the feed tests do not trust the code that wrote the feed.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "url"].includes(name), parseTagValue: false, trimValues: false });

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published?: string;
  summary?: string;
  lang?: string;
  links: { rel?: string; type?: string; href: string }[];
}
export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  author?: string;
  lang?: string;
  links: { rel?: string; type?: string; href: string }[];
  entries: AtomEntry[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
type Node = Record<string, unknown>;
const textOf = (v: unknown) => (typeof v === "object" && v !== null ? String((v as Node)["#text"] ?? "") : v === undefined ? undefined : String(v));
const links = (v: unknown) => ((v as Node[] | undefined) ?? []).map((l) => ({ rel: l["@rel"] as string | undefined, type: l["@type"] as string | undefined, href: l["@href"] as string }));

/** Parses an Atom document and asserts what RFC 4287 section 4.1 requires of a feed and its entries. */
export function parseAtom(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = parser.parse(xml).feed as Node;
  expect(feed, "root element is <feed>").toBeDefined();
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  for (const required of ["id", "title", "updated"]) expect(feed[required], `feed has <${required}>`).toBeDefined();
  expect(textOf(feed.updated)).toMatch(RFC3339);
  expect(() => new URL(textOf(feed.id)!)).not.toThrow();
  const entries = ((feed.entry as Node[] | undefined) ?? []).map((entry): AtomEntry => {
    for (const required of ["id", "title", "updated"]) expect(entry[required], `entry has <${required}>`).toBeDefined();
    expect(textOf(entry.updated)).toMatch(RFC3339);
    expect(() => new URL(textOf(entry.id)!)).not.toThrow();
    const entryLinks = links(entry.link);
    expect(entryLinks.some((l) => (l.rel ?? "alternate") === "alternate"), "entry has an alternate link").toBe(true);
    return {
      id: textOf(entry.id)!, title: textOf(entry.title)!, updated: textOf(entry.updated)!, published: textOf(entry.published),
      summary: textOf(entry.summary), lang: entry["@xml:lang"] as string | undefined, links: entryLinks,
    };
  });
  // An author is required on the feed unless every entry has one.
  expect(feed.author, "feed has an <author>").toBeDefined();
  return {
    id: textOf(feed.id)!, title: textOf(feed.title)!, subtitle: textOf(feed.subtitle), updated: textOf(feed.updated)!,
    author: textOf((feed.author as Node).name), lang: feed["@xml:lang"] as string | undefined, links: links(feed.link), entries,
  };
}

export function parseSitemap(xml: string): { loc: string; lastmod?: string }[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const urlset = parser.parse(xml).urlset as Node;
  expect(urlset["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  return ((urlset.url as Node[] | undefined) ?? []).map((u) => ({ loc: textOf(u.loc)!, lastmod: textOf(u.lastmod) }));
}
