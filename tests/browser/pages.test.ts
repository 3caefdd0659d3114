// Every page type of a built site in real headless Chromium: WCAG 2.2 AA with axe in light and dark schemes
// at phone and desktop widths, no request to another origin, no cookie, no policy violation, keyboard-usable
// footnotes, and screenshots of the letter page in tests/artifacts/ to look at.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLUG as LARGE, generateLargeLetter } from "../helpers/large-letter.ts";
import { PROJECT, buildFixture, runScript, tempDir } from "../helpers/site.ts";
import { launchChromium } from "./helpers/chromium.ts";
import { serve, type StaticServer } from "./helpers/server.ts";

/** A site of one letter with 1,200 generated signatories: long enough for list pages and the search form. */
async function buildLargeSite(): Promise<string> {
  const letter = await generateLargeLetter(1_200, { threshold: 500, late: 50 });
  const output = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", letter.root, "--output", output]);
  if (result.code !== 0) throw new Error(`build failed:\n${result.stderr}`);
  return output;
}

/** The sites under test and their page types; new page types go here. */
interface SiteUnderTest {
  name: string;
  build: () => Promise<string>;
  pages: Record<string, string> & { letter: string };
  /** The letter page has footnotes, for the keyboard test. */
  footnotes?: boolean;
}
const SITES: SiteUnderTest[] = [
  { name: "fixture", build: () => buildFixture("basic"), pages: { home: "/", letter: "/first-letter/" }, footnotes: true },
  { name: "reference", build: () => buildFixture("reference"), pages: { home: "/", letter: "/belgium-e2ee/" }, footnotes: true },
  {
    name: "translated",
    build: () => buildFixture("translated"),
    pages: { letter: "/appeal/", translation: "/appeal/ar/", "old version": "/appeal/v1/fr/", history: "/appeal/history/", changes: "/appeal/v2/changes/" },
    footnotes: true,
  },
  // The updates timeline with delivery packs' links (each with its size, pages and SHA-256), in two languages.
  { name: "delivery", build: () => buildFixture("delivery"), pages: { letter: "/appeal/", translation: "/appeal/fr/" } },
  // The sign form (the site has a repository) and hostile names.
  { name: "readers", build: () => buildFixture("readers"), pages: { letter: "/open-data/" }, footnotes: true },
  // Counts, first entries and the search form on the letter page; the rest on list pages.
  // Japanese, Tamil and Arabic pages, whose fonts are the site's own subsets (tests/browser/fonts.test.ts).
  { name: "world", build: () => buildFixture("world"), pages: { letter: "/world/ja/", "Tamil translation": "/world/ta/", "Arabic translation": "/world/ar/" } },
  { name: "large", build: buildLargeSite, pages: { letter: `/${LARGE}/`, "list page": `/${LARGE}/signatories/2/`, "old version list": `/${LARGE}/v1/signatories/` } },
];
const SCHEMES = ["light", "dark"] as const;
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const ARTIFACTS = join(PROJECT, "tests/artifacts");

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, including subresources. */
  requests: string[];
  /** Console errors, uncaught exceptions and Content-Security-Policy violations. */
  problems: string[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function visit(url: string, options: { colorScheme: "light" | "dark"; viewport: { width: number; height: number } }): Promise<Visit> {
  const context = await browser.newContext({ ...options, javaScriptEnabled: true });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  // Runs before the page's own code; a blocked inline style or script would show up here.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
  page.on("pageerror", (error) => problems.push(String(error)));
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response?.status(), url).toBe(200);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { context, page, requests, problems };
}

for (const site of SITES) {
  describe(`the ${site.name} site in Chromium`, () => {
    let server: StaticServer;
    beforeAll(async () => {
      server = await serve(await site.build());
    });
    afterAll(async () => {
      await server?.close();
    });

    for (const [type, path] of Object.entries(site.pages)) {
      for (const colorScheme of SCHEMES) {
        for (const [width, viewport] of Object.entries(VIEWPORTS)) {
          it(`${type} page, ${colorScheme}, ${width}: no axe violation (WCAG 2.2 AA), no third-party request, no cookie, no policy violation`, async () => {
            const { context, page, requests, problems } = await visit(server.origin + path, { colorScheme, viewport });
            try {
              const scheme = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
              expect(scheme).toBe(colorScheme === "dark");
              const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
              expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
              expect(requests.length).toBeGreaterThan(1);
              expect(requests.filter((url) => new URL(url).origin !== server.origin)).toEqual([]);
              expect(await context.cookies()).toEqual([]);
              expect(await page.evaluate(() => document.cookie)).toBe("");
              expect(problems).toEqual([]);
              // Reflow (WCAG 1.4.10): nothing, not even a long unbroken name, makes the page scroll sideways.
              expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
              if (type === "letter" || type.endsWith("translation")) {
                await page.screenshot({ path: join(ARTIFACTS, `${site.name}-${type.replace(/ /g, "-")}-${width}-${colorScheme}.png`), fullPage: true });
              }
            } finally {
              await context.close();
            }
          });
        }
      }
    }

    it.runIf(site.footnotes)("lets a keyboard user reach a footnote reference with Tab, follow it, and come back with its back-link", async () => {
      const { context, page } = await visit(server.origin + site.pages.letter, { colorScheme: "light", viewport: VIEWPORTS.desktop });
      try {
        const focused = () => page.evaluate(() => {
          const el = document.activeElement as HTMLAnchorElement | null;
          return { role: el?.getAttribute("role") ?? null, href: el?.getAttribute("href") ?? null, id: el?.id ?? "" };
        });
        /** Presses Tab until the focused element has `role`; fails after `limit` presses. */
        const tabTo = async (role: string, limit = 200) => {
          for (let i = 0; i < limit; i++) {
            await page.keyboard.press("Tab");
            const now = await focused();
            if (now.role === role) return now;
          }
          throw new Error(`Tab never reached an element with role=${role}`);
        };
        const ref = await tabTo("doc-noteref");
        expect(ref.href).toMatch(/^#fn-/);
        await page.keyboard.press("Enter");
        await page.waitForFunction((hash) => location.hash === hash, ref.href);
        const note = page.locator(ref.href!);
        await expect.poll(() => note.evaluate((el) => el.matches(":target"))).toBe(true);
        expect(await note.isVisible()).toBe(true);
        // Focus navigation continues from the note: its back-link is the next stop with that role.
        const back = await tabTo("doc-backlink", 10);
        expect(back.href).toBe(`#${ref.id}`);
        await page.keyboard.press("Enter");
        await page.waitForFunction((hash) => location.hash === hash, back.href);
        const inView = await page.locator(`[id="${ref.id}"]`).evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 50 && r.bottom <= innerHeight; // in view, with some context above it
        });
        expect(inView).toBe(true);
      } finally {
        await context.close();
      }
    });
  });
}

describe("the sign form in Chromium", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serve(await buildFixture("readers"));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is reachable with Tab, fills in from the keyboard and submits with Enter to the repository", async () => {
    const { context, page } = await visit(`${server.origin}/open-data/`, { colorScheme: "light", viewport: VIEWPORTS.phone });
    try {
      // Submitting leaves the site for the repository; catch that navigation instead of making it.
      const leaving = new Promise<string>((resolve) => {
        void context.route("https://github.com/**", (route) => {
          resolve(route.request().url());
          void route.abort();
        });
      });
      let reached = false;
      for (let i = 0; i < 200 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.id === "sign-name");
      }
      expect(reached, "Tab reaches the name field").toBe(true);
      await page.keyboard.type("Jane Keyboard");
      await expect.poll(() => page.locator("[data-sign-preview]").textContent()).toContain("name: \"Jane Keyboard\"");
      await page.keyboard.press("Enter");
      const url = new URL(await leaving);
      expect(url.origin + url.pathname).toBe("https://github.com/example/letters/new/main");
      expect(url.searchParams.get("filename")).toBe("letters/open-data/signatories/jane-keyboard.yaml");
      expect(url.searchParams.get("value")).toContain('name: "Jane Keyboard"');
    } finally {
      await context.close();
    }
  });
});

describe("languages and the PDF in Chromium", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serve(await buildFixture("translated"));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("switches language from the keyboard, to a right-to-left page", async () => {
    const { context, page } = await visit(`${server.origin}/appeal/`, { colorScheme: "light", viewport: VIEWPORTS.desktop });
    try {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement?.getAttribute("hreflang") === "ar")) break;
      }
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/appeal\/ar\/$/);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(["ar", "rtl"]);
      // The title starts at the right edge of the text column, as Arabic reads.
      const h1 = await page.locator("h1").evaluate((el) => getComputedStyle(el).direction);
      expect(h1).toBe("rtl");
      await page.screenshot({ path: join(ARTIFACTS, "translated-ar-desktop.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("follows the PDF link to the page's own PDF", async () => {
    const { context, page } = await visit(`${server.origin}/appeal/fr/`, { colorScheme: "light", viewport: VIEWPORTS.phone });
    try {
      const href = await page.locator(".letter-pdf a").getAttribute("href");
      expect(href).toBe("/appeal/fr/appeal-fr.pdf");
      const response = await page.request.get(server.origin + href!);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toMatch(/application\/pdf/);
      expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await context.close();
    }
  });
});
