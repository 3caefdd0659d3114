// World scripts on the web page: every character of a Japanese, a Tamil and an Arabic page is drawn by a
// face the site serves itself, never by a font of the reader's machine. Chromium tells which faces drew a
// node's text (DevTools' CSS.getPlatformFontsForNode, with isCustomFont for web fonts).
import { join } from "node:path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT, buildFixture } from "../helpers/site.ts";
import { launchChromium } from "./helpers/chromium.ts";
import { serve, type StaticServer } from "./helpers/server.ts";

const PAGES = { ja: "Noto Serif JP", ta: "Noto Sans Tamil", ar: "Amiri" } as const;

interface PlatformFont {
  familyName: string;
  postScriptName?: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** The faces that drew the text of each element holding text, outside code (which uses the system's monospace). */
async function facesInUse(page: Page, cdp: CDPSession): Promise<Array<{ element: string; fonts: PlatformFont[] }>> {
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "body *:not(code):not(pre):not(kbd):not(script):not(style)" });
  const out: Array<{ element: string; fonts: PlatformFont[] }> = [];
  for (const nodeId of nodeIds) {
    const { fonts } = (await cdp.send("CSS.getPlatformFontsForNode", { nodeId })) as { fonts: PlatformFont[] };
    if (!fonts.length) continue;
    const { outerHTML } = await cdp.send("DOM.getOuterHTML", { nodeId });
    out.push({ element: outerHTML.slice(0, 80), fonts });
  }
  void page;
  return out;
}

describe("world scripts in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serve(await buildFixture("world"));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [lang, family] of Object.entries(PAGES)) {
    it(`draws every character of the ${lang} page with the site's own faces, ${family} among them`, async () => {
      const page = await browser.newPage();
      try {
        const requests: string[] = [];
        page.on("request", (r) => requests.push(r.url()));
        await page.goto(`${server.origin}/world/${lang}/`, { waitUntil: "load" });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const cdp = await page.context().newCDPSession(page);
        const used = await facesInUse(page, cdp);
        expect(used.length).toBeGreaterThan(10);
        // An element's faces include its children's: hashes in <code> are ASCII hex in the reader's own
        // monospace on purpose (the stylesheet's `monospace`), so a monospace face around <code> is expected.
        const isCodeFace = (element: string, f: PlatformFont) => element.includes("<code") && /mono/i.test(f.familyName);
        const system = used.flatMap(({ element, fonts }) => fonts.filter((f) => !f.isCustomFont && !isCodeFace(element, f)).map((f) => `${f.familyName} in ${element}`));
        expect(system).toEqual([]);
        expect(used.some(({ fonts }) => fonts.some((f) => f.familyName === family))).toBe(true);
        // document.fonts agrees: the family's faces were loaded from the site.
        const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, "")));
        expect(loaded).toContain(family);
        expect(requests.filter((url) => new URL(url).origin !== server.origin)).toEqual([]);
        // Only files of the site's own fonts were fetched (the language switcher's names, each in its own
        // language's family, need a few of the other Han families too).
        expect(requests.filter((url) => /\.(woff2?|ttf|otf)$/.test(url) && !new URL(url).pathname.startsWith("/assets/fonts/"))).toEqual([]);
        await page.screenshot({ path: join(PROJECT, `tests/artifacts/world-${lang}-fonts.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }
});
