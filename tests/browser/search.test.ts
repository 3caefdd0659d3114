// The signatory search in Chromium, on the built 20,000-signatory letter, used with the keyboard only.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KNOWN, SLUG, generateLargeLetter, type GeneratedSignatory } from "../helpers/large-letter.ts";
import { worldNames } from "../helpers/world-names.ts";
import { indexTerms, queryTerms } from "../../src/common/search-text.ts";
import { PROJECT, runScript, tempDir } from "../helpers/site.ts";
import { launchChromium, serve, type StaticServer } from "./harness.ts";

const ARTIFACTS = join(PROJECT, "tests/artifacts");

/** Tabs from the top of the page until the search box has focus; fails if it is not reachable. */
async function tabToSearch(page: Page): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.id === "list-search-q")) return;
  }
  throw new Error("the search box cannot be reached with Tab");
}

/** Types `query` and returns milliseconds from the last key press to the first result on screen. */
async function typeAndTime(page: Page, query: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { lastKey: number; firstResult?: number };
    w.lastKey = 0;
    delete w.firstResult;
    document.addEventListener("keydown", () => (w.lastKey = performance.now()));
    const list = document.querySelector(".search-results")!;
    new MutationObserver((_, observer) => {
      if (list.querySelector("li")) {
        w.firstResult = performance.now();
        observer.disconnect();
      }
    }).observe(list, { childList: true });
  });
  await page.keyboard.type(query);
  await page.waitForFunction(() => (window as unknown as { firstResult?: number }).firstResult !== undefined, null, { timeout: 10_000 });
  return page.evaluate(() => {
    const w = window as unknown as { lastKey: number; firstResult: number };
    return w.firstResult - w.lastKey;
  });
}

describe("searching a 20,000-signatory letter in the browser", () => {
  let server: StaticServer;
  let browser: BrowserContext;
  let listed: GeneratedSignatory[];
  const figures: string[] = [];

  beforeAll(async () => {
    const letter = await generateLargeLetter(20_000);
    listed = letter.listed;
    const site = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", letter.root, "--output", site]);
    if (result.code !== 0) throw new Error(`build failed:\n${result.stderr}`);
    server = await serve(site);
    browser = await launchChromium();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (figures.length) {
      console.log(figures.join("\n"));
      await writeFile(join(ARTIFACTS, "search-figures.txt"), `${figures.join("\n")}\n`);
    }
  });

  it("finds a name typed without its accent, announces it and links to its list page", async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs++; // a name ran as code
      await dialog.dismiss();
    });
    await page.goto(`${server.origin}/${SLUG}/`);
    await page.waitForSelector("form.list-search:not([hidden])");
    const loaded = server.log.reduce((n, r) => n + r.bytes, 0);
    const before = server.log.length;

    await tabToSearch(page);
    const ms = await typeAndTime(page, "Finkhauser");
    const first = page.locator(".search-results li").first();
    await expect.poll(() => first.locator(".signatory-name").textContent()).toBe(KNOWN.accented.name);
    await expect.poll(() => page.locator(".search-status").textContent()).toBe("1 signatory found.");
    expect(await page.locator(".search-status").getAttribute("aria-live")).toBe("polite");
    const fetched = server.log.slice(before);
    const bytes = fetched.reduce((n, r) => n + r.bytes, 0);
    figures.push(`letter page load: ${loaded} bytes in ${before} requests (page, CSS, fonts, script)`);
    figures.push(`first result ${ms.toFixed(0)} ms after the last key press (debounce 120 ms included)`);
    figures.push(`query "Finkhauser": ${bytes} bytes in ${fetched.length} requests (${fetched.map((r) => r.path.split("/search/")[1]).join(", ")})`);
    expect(bytes).toBeLessThan(60_000);
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "search-result.png") });

    // On to the result with the keyboard, and follow it: the list page opens at the entry.
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.closest(".search-results") !== null)); i++) await page.keyboard.press("Tab");
    await Promise.all([page.waitForURL(/\/signatories\/\d+\/#s\d+$|\/signatories\/#s\d+$/), page.keyboard.press("Enter")]);
    expect(await page.locator(".signatory:target .signatory-name").textContent()).toBe(KNOWN.accented.name);
    await page.screenshot({ path: join(ARTIFACTS, "search-target.png") });

    for (const url of requests) expect(new URL(url).origin, url).toBe(server.origin);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it("shows a hostile name as text in the results", async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.goto(`${server.origin}/${SLUG}/signatories/`);
    await page.waitForSelector("form.list-search:not([hidden])");
    await tabToSearch(page);
    await typeAndTime(page, "onerror");
    await expect.poll(() => page.locator(".search-results li .signatory-name").first().textContent()).toBe(KNOWN.hostile.name);
    expect(await page.locator(".search-results img").count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it("finds a CJK name by its given name, and splits every script as the index builder did", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/${SLUG}/`);
    await page.waitForSelector("form.list-search:not([hidden])");
    await tabToSearch(page);
    await typeAndTime(page, "太郎");
    // "佐藤太郎" does not start with the query: only an index of every part of the name finds it.
    const expected = listed.filter((s) => s.name.includes("太郎")).length;
    expect(expected).toBeGreaterThan(10);
    await expect.poll(() => page.locator(".search-status").textContent()).toBe(`${expected.toLocaleString("en")} signatories found.`);
    expect(await page.locator(".search-results .signatory-name").first().textContent()).toContain("太郎");
    await page.close();

    // The terms come from Intl.Segmenter and Unicode tables: Chromium's must give what Node's gave the index.
    const { outputFiles } = await build({
      stdin: { contents: `export { indexTerms, queryTerms } from "./src/common/search-text.ts";`, resolveDir: PROJECT, loader: "ts" },
      bundle: true, write: false, format: "iife", globalName: "searchText", platform: "browser", target: ["es2020"], charset: "ascii", logLevel: "silent",
    });
    const texts = [...new Set(worldNames(700, 3).flatMap((e) => [e.name, e.role ?? ""])), "ｶﾞｯｺｳ", "สมชายใจดี", "มหาวิทยา", "Fink\u00adh\u00e4user \u202eAnna\u202c"];
    const blank = await browser.newPage();
    const inBrowser = await blank.evaluate(`${outputFiles[0]!.text}; ${JSON.stringify(texts)}.map((t) => [searchText.indexTerms(t), searchText.queryTerms(t)])`);
    expect(inBrowser).toEqual(texts.map((t) => [indexTerms(t), queryTerms(t)]));
    await blank.close();
  });

  it("filters by country with the keyboard alone", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/${SLUG}/`);
    await page.waitForSelector("form.list-search:not([hidden])");
    await tabToSearch(page);
    await page.keyboard.type("universitat wien");
    const settled = async () => {
      await page.waitForFunction(() => !document.querySelector("form.list-search[aria-busy]"));
      return Number((await page.locator(".search-status").textContent())!.replace(/\D/g, ""));
    };
    await expect.poll(() => page.locator(".search-status").textContent()).toMatch(/signatories found/);
    const all = await settled();
    // Tab to the country filter and pick Austria by typing its name, as keyboard users do in a <select>.
    while (!(await page.evaluate(() => document.activeElement?.id === "list-search-country"))) await page.keyboard.press("Tab");
    await page.keyboard.type("Austria");
    await expect.poll(async () => page.locator("#list-search-country").inputValue()).toBe("AT");
    const austrians = await settled();
    expect(austrians).toBeGreaterThan(0);
    expect(austrians).toBeLessThan(all);
    await expect.poll(() => page.locator(".search-results .signatory-name").first().textContent()).toBe(KNOWN.accented.name);
    await page.close();
  });

  it("leaves readers without JavaScript a usable list and no dead form", async () => {
    const plain = await launchChromium({ javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(`${server.origin}/${SLUG}/`);
    expect(await page.locator("form.list-search").isVisible()).toBe(false);
    await page.getByRole("link", { name: "See all 20,000 signatories" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Next page" }).click();
    expect(page.url()).toBe(`${server.origin}/${SLUG}/signatories/2/`);
    expect(await page.locator("li.signatory").count()).toBe(250);
    await page.screenshot({ path: join(ARTIFACTS, "list-page-no-js.png") });
    await plain.close();
  });
});
