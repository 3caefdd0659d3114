// Local preview (npm start): the dev server shows changes live, and PDFs are typeset when requested,
// not on every save.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT, fixture, tempDir } from "./helpers/site.ts";

describe("the local preview", () => {
  let server: ChildProcess;
  let root: string;
  let output: string;
  const port = 8500 + Math.floor(Math.random() * 400);
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  beforeAll(async () => {
    // Outside the repository: Eleventy does not watch git-ignored folders.
    root = join(await tempDir(), "site-root");
    await cp(fixture("versioned"), root, { recursive: true, filter: (p) => !p.includes("/.cache") });
    output = join(await tempDir(), "preview");
    server = spawn(process.execPath, ["--import", "tsx", "node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", `--output=${output}`, "--serve", `--port=${port}`, "--quiet"], {
      cwd: PROJECT, env: { ...process.env, OPEN_LETTERS_ROOT: root }, stdio: "ignore",
    });
    for (let i = 0; i < 200; i++) {
      if (await fetch(url("/pledge/")).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("The preview server did not start.");
  });
  afterAll(() => {
    server?.kill("SIGTERM");
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
    for (let i = 0; i < 100; i++) {
      if ((await (await fetch(url("/pledge/"))).text()).includes("Live Signer")) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("The new signatory never showed.");
  });
});
