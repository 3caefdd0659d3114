// The verify page, the embed page and the charts in real headless Chromium: a served PDF dropped on the
// verify page names its version and edition, a PDF with one byte changed matches none, pasted text with
// other white space matches by its normalised hash; only the embed page can be framed by another site;
// and axe finds no WCAG 2.2 AA violation on these pages, light and dark.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATED_SLUG, generateDatedLetter } from "../helpers/dated-letter.ts";
import { PROJECT, buildFixture, runScript, tempDir } from "../helpers/site.ts";
import { launchChromium } from "./helpers/chromium.ts";
import { serve, type StaticServer } from "./helpers/server.ts";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SLUG = "belgium-e2ee";
const ARTIFACTS = join(PROJECT, "tests/artifacts");

let browser: Browser;
let reference: StaticServer;
let dated: StaticServer;
beforeAll(async () => {
  browser = await launchChromium();
  reference = await serve(await buildFixture("reference"));
  const letter = await generateDatedLetter(600, { threshold: 500 });
  const site = join(await tempDir(), "site");
  const result = await runScript("build.ts", ["--root", letter.root, "--output", site]);
  if (result.code !== 0) throw new Error(`build failed:\n${result.stderr}`);
  dated = await serve(site);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await reference?.close();
  await dated?.close();
});

async function open(url: string, colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; problems: string[]; requests: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1000, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
  page.on("pageerror", (error) => problems.push(String(error)));
  expect((await page.goto(url, { waitUntil: "load" }))?.status(), url).toBe(200);
  return { page, problems, requests, close: () => context.close() };
}

describe("the verify page in Chromium", () => {
  let pdf: Buffer;
  let text: string;
  let versions: { versions: { version: number; files: { kind: string; url: string | null; edition: number | null }[] }[] };
  beforeAll(async () => {
    versions = (await (await fetch(`${reference.origin}/${SLUG}/versions.json`)).json()) as typeof versions;
    const served = versions.versions[0]!.files.find((f) => f.kind === "pdf" && f.url)!;
    pdf = Buffer.from(await (await fetch(reference.origin + served.url)).arrayBuffer());
    text = await (await fetch(`${reference.origin}/${SLUG}/v1/letter.md`)).text();
  });

  it("names the version and edition of a served PDF, hashing it in the page (no upload, only versions.json fetched)", async () => {
    const { page, problems, requests, close } = await open(`${reference.origin}/${SLUG}/verify/`);
    try {
      await expect.poll(() => page.locator("form[data-verify]").isVisible()).toBe(true);
      const before = requests.length;
      await page.locator("#verify-file").setInputFiles({ name: "letter.pdf", mimeType: "application/pdf", buffer: pdf });
      const result = page.locator(".verify-result");
      await expect.poll(() => result.textContent()).toMatch(/This file is the British English PDF of version 1, edition \d+\./);
      const edition = versions.versions[0]!.files.find((f) => f.kind === "pdf" && f.url)!.edition;
      expect(await result.textContent()).toContain(`edition ${edition}.`);
      expect(await result.locator("a").getAttribute("href")).toBe(`${reference.origin}/${SLUG}/v1/`);
      // The file went nowhere: the only request since is the letter's own versions.json.
      expect(requests.slice(before).map((u) => new URL(u).pathname)).toEqual([`/${SLUG}/versions.json`]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("says a PDF with one byte changed matches no version", async () => {
    const { page, close } = await open(`${reference.origin}/${SLUG}/verify/`);
    try {
      const changed = Buffer.from(pdf);
      const at = Math.floor(changed.length / 2);
      changed[at] = changed[at]! ^ 0x01;
      await page.locator("#verify-file").setInputFiles({ name: "letter.pdf", mimeType: "application/pdf", buffer: changed });
      await expect.poll(() => page.locator(".verify-result .verify-none").textContent()).toContain("matches no released version");
      expect(await page.locator(".verify-result .verify-match").count()).toBe(0);
    } finally {
      await close();
    }
  });

  it("matches pasted text with other line endings, accents and spacing by its normalised hash, and not a changed word", async () => {
    const { page, close } = await open(`${reference.origin}/${SLUG}/verify/`);
    try {
      const pasted = `\n  ${text.normalize("NFD").replace(/\n/g, "\r\n").replace(/ /g, "  ")}\n\n`;
      await page.locator("#verify-text").fill(pasted);
      await page.locator(".verify-form button[type=submit]").click();
      await expect.poll(() => page.locator(".verify-result").textContent()).toContain("This text is the British English text of version 1");
      await page.locator("#verify-text").fill(text.replace("Encryption", "Decryption"));
      await page.locator(".verify-form button[type=submit]").click();
      await expect.poll(() => page.locator(".verify-result").textContent()).toContain("This text matches no released version");
    } finally {
      await close();
    }
  });
});

describe("framing in Chromium, with the site's _headers as the hosts merge them", () => {
  let parent: Server;
  let parentOrigin: string;
  beforeAll(async () => {
    // Another origin (another port), framing the embed page and the letter page.
    parent = createServer((request, response) => {
      const target = new URL(request.url ?? "/", "http://x").searchParams.get("src") ?? "";
      response.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>parent</title><iframe src="${target}"></iframe>`);
    });
    await new Promise<void>((resolve) => parent.listen(0, "127.0.0.1", resolve));
    parentOrigin = `http://127.0.0.1:${(parent.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => parent.close(() => resolve())));

  const framed = async (path: string) => {
    const { page, close } = await open(`${parentOrigin}/?src=${encodeURIComponent(reference.origin + path)}`);
    try {
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      await page.waitForTimeout(300);
      // A refused frame shows the browser's own error page instead, from no origin of the site's.
      return await frame.evaluate(() => `${location.origin} ${document.querySelector("h1")?.textContent ?? ""}`).catch(() => "");
    } finally {
      await close();
    }
  };

  it("shows the embed page in another site's frame, and refuses to show the letter page there", async () => {
    expect(await framed(`/${SLUG}/embed/`)).toMatch(new RegExp(`^${reference.origin} End-to-end encryption`));
    for (const path of [`/${SLUG}/`, `/${SLUG}/verify/`, "/"]) {
      const shown = await framed(path);
      expect(shown, path).not.toContain(reference.origin);
      expect(shown, path).not.toContain("End-to-end encryption");
    }
  });
});

describe("axe on the new pages", () => {
  const pages = () => [
    { name: "verify", url: `${reference.origin}/${SLUG}/verify/` },
    { name: "embed", url: `${reference.origin}/${SLUG}/embed/` },
    { name: "history with its chart", url: `${dated.origin}/${DATED_SLUG}/history/` },
    { name: "letter with list charts", url: `${dated.origin}/${DATED_SLUG}/` },
  ];
  for (const scheme of ["light", "dark"] as const) {
    for (const index of [0, 1, 2, 3]) {
      it(`page ${index + 1} (verify, embed, history, list charts), ${scheme}: no WCAG 2.2 AA violation, nothing from elsewhere, no policy violation`, async () => {
        const { name, url } = pages()[index]!;
        const { page, problems, requests, close } = await open(url, scheme);
        try {
          if (name.startsWith("history")) await page.locator(".chart-details summary").click();
          const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
          expect(violations.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
          expect(requests.filter((u) => new URL(u).origin !== new URL(url).origin)).toEqual([]);
          expect(problems).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1000);
          // To look at: tests/artifacts/ (not committed).
          await mkdir(ARTIFACTS, { recursive: true });
          await page.screenshot({ path: join(ARTIFACTS, `issue17-${name.split(" ")[0]}-${scheme}.png`), fullPage: true });
        } finally {
          await close();
        }
      });
    }
  }
});
