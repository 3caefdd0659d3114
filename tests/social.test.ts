import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ogLocale, socialMeta } from "../src/outputs/data/social.ts";
import { page, signatory, siteConfig } from "./helpers/model.ts";
import { pngSize } from "./helpers/png.ts";
import { buildFixture, readPage } from "./helpers/site.ts";

describe("Open Graph and Twitter meta of a letter page", () => {
  const site = siteConfig({ title: "Coalition", url: "https://letters.example.org" });
  const letter = page({
    slug: "keep-it-safe", title: "Keep it safe", summary: "Why it matters.", lang: "en-GB", date: "2021-09-29",
    signatories: [signatory({ name: "A" }), signatory({ name: "B" }), signatory({ name: "Gone", withdrawn: "2021-10-01" })],
  }, site);
  const meta = (tags: ReturnType<typeof socialMeta>) => new Map(tags.map((t) => [`${t.attribute}:${t.key}`, t.content]));

  it("gives title, summary, canonical URL, the card image with its size and text, and the locale", () => {
    const tags = meta(socialMeta(letter, site, { siteUrl: site.url, pathPrefix: "/p/" }, "/keep-it-safe/"));
    expect(tags.get("property:og:title")).toBe("Keep it safe");
    expect(tags.get("property:og:description")).toBe("Why it matters.");
    expect(tags.get("property:og:url")).toBe("https://letters.example.org/p/keep-it-safe/");
    expect(tags.get("property:og:image")).toBe("https://letters.example.org/p/keep-it-safe/card.png");
    expect(tags.get("property:og:image:width")).toBe("1200");
    expect(tags.get("property:og:image:height")).toBe("630");
    expect(tags.get("property:og:image:alt")).toBe("Keep it safe (Coalition, 29 September 2021, 2 signatories)");
    expect(tags.get("property:og:locale")).toBe("en_GB");
    expect(tags.get("name:twitter:card")).toBe("summary_large_image");
    expect(tags.get("name:twitter:image")).toBe(tags.get("property:og:image"));
  });

  it("leaves out what must be absolute when the site has no address", () => {
    const tags = meta(socialMeta(letter, { ...site, url: undefined }, { pathPrefix: "/" }, "/keep-it-safe/"));
    expect(tags.has("property:og:url")).toBe(false);
    expect(tags.has("property:og:image")).toBe(false);
    expect(tags.get("name:twitter:card")).toBe("summary");
    expect(tags.get("property:og:title")).toBe("Keep it safe");
  });

  it("writes locales the Open Graph way, guessing the territory of a bare language", () => {
    expect(ogLocale("en-GB")).toBe("en_GB");
    expect(ogLocale("fr")).toBe("fr_FR");
    expect(ogLocale("nl-BE")).toBe("nl_BE");
  });
});

describe("a built letter page", () => {
  it("has a card image of the size its meta announces, at the address og:image gives, and og:url is the canonical URL", async () => {
    const site = await buildFixture("basic", ["--path-prefix", "/p/"]);
    const doc = await readPage(site, "first-letter/index.html");
    const meta = (key: string) => doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content");
    expect(meta("og:url")).toBe(doc.querySelector("link[rel=canonical]")!.getAttribute("href"));
    expect(meta("og:url")).toBe("https://letters.example.org/p/first-letter/");
    expect(meta("og:image")).toBe("https://letters.example.org/p/first-letter/card.png");
    const card = await readFile(join(site, "first-letter/card.png"));
    expect(pngSize(card)).toEqual({ width: Number(meta("og:image:width")), height: Number(meta("og:image:height")) });
    expect(meta("og:image:alt")).toBe("Protect encryption (Fixture Coalition, March 1, 2024, 3 signatories)");
    expect((await readPage(site, "index.html")).querySelector('meta[property^="og:"]')).toBeNull();
  });
});
