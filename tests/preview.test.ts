// Local preview (npm start): the dev server shows changes live, and PDFs are typeset when requested,
// not on every save.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT, fixture, tempDir } from "./helpers/site.ts";

interface Preview {
  server: ChildProcess;
  root: string;
  output: string;
  url(path: string): string;
}

/** Starts `npm start`'s server on a copy of a fixture and waits until `page` is served. */
async function startPreview(name: string, page: string): Promise<Preview> {
  // Outside the repository: Eleventy does not watch git-ignored folders.
  const root = join(await tempDir(), "site-root");
  await cp(fixture(name), root, { recursive: true, filter: (p) => !p.includes("/.cache") });
  const output = join(await tempDir(), "preview");
  const port = 8500 + Math.floor(Math.random() * 400);
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const server = spawn(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", `--output=${output}`, "--serve", `--port=${port}`, "--quiet"], {
    cwd: PROJECT, env: { ...process.env, OPEN_LETTERS_ROOT: root }, stdio: "ignore",
  });
  for (let i = 0; i < 200; i++) {
    if (await fetch(url(page)).then((r) => r.ok, () => false)) return { server, root, output, url };
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill("SIGTERM");
  throw new Error("The preview server did not start.");
}

/** Polls `path` until its HTML contains `text`. */
async function shows(preview: Preview, path: string, text: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await (await fetch(preview.url(path))).text()).includes(text)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${path} never showed ${text}.`);
}

describe("the local preview", () => {
  let preview: Preview;
  let root: string;
  let output: string;
  const url = (path: string) => preview.url(path);

  beforeAll(async () => {
    preview = await startPreview("versioned", "/pledge/");
    ({ root, output } = preview);
  });
  afterAll(() => {
    preview?.server.kill("SIGTERM");
  });

  it("links each page's PDF without typesetting it on save", async () => {
    const html = await (await fetch(url("/pledge/"))).text();
    expect(html).toContain('href="/pledge/pledge.pdf"');
    expect(existsSync(join(output, "pledge/pledge.pdf"))).toBe(false);
  });

  it("typesets a PDF when it is requested", async () => {
    const response = await fetch(url("/pledge/v2/pledge-v2.pdf"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("shows a saved signatory file without a restart", async () => {
    await writeFile(join(root, "letters/pledge/signatories/live-signer.yaml"), "name: Live Signer\nsigned: 2024-03-20\n");
    await shows(preview, "/pledge/", "Live Signer");
  });
});

describe("the local preview of a site with several letters", () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startPreview("basic", "/first-letter/");
  });
  afterAll(() => {
    preview?.server.kill("SIGTERM");
  });

  it("renders again only the letter whose file was saved, and keeps the others' pages and PDFs", async () => {
    const other = join(preview.output, "second-letter/index.html");
    const before = (await stat(other)).mtimeMs;
    await writeFile(join(preview.root, "letters/first-letter/signatories/c-live.yaml"), "name: Cecilia Live\nsigned: 2024-03-05\n");
    await shows(preview, "/first-letter/", "Cecilia Live");
    // The home page is site-wide: it counts the new signature.
    await shows(preview, "/", "4 signatories");
    expect((await stat(other)).mtimeMs).toBe(before);
    const pdf = await fetch(preview.url("/second-letter/second-letter.pdf"));
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    // Saving the other letter renders it again.
    await writeFile(join(preview.root, "letters/second-letter/letter.md"), "---\ntitle: An older letter\ndate: 2023-01-15\nstatus: closed\n---\n\nOnly one paragraph, edited live.\n");
    await shows(preview, "/second-letter/", "edited live");
    expect((await stat(other)).mtimeMs).toBeGreaterThan(before);
  });
});
