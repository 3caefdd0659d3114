// Local preview (npm start, run here exactly as a user runs it): the dev server shows changes live, each
// page shows the problems that affect it, the log names the user's files, the port is the one asked
// for, PDFs are typeset when requested, and stopping npm start stops everything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfFile, pdfText } from "./helpers/pdf.ts";
import { PROJECT, fixture, tempDir } from "./helpers/site.ts";

interface Preview {
  npm: ChildProcess;
  root: string;
  output: string;
  port: number;
  /** Everything npm start printed so far, stdout and stderr. */
  log(): string;
  url(path: string): string;
  exited: Promise<number | null>;
}

/** A port nothing listens on now: the system picks it (other test runs on this machine serve too). */
const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer();
    probe.listen({ port: 0 }, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/** Runs `npm start -- --port N ...` on a copy of a fixture, in its own process group (as a terminal does). */
function spawnStart(root: string, output: string, port: number): { npm: ChildProcess; log: () => string; exited: Promise<number | null> } {
  const npm = spawn("npm", ["start", "--", "--port", String(port), "--root", root, "--output", output], {
    cwd: PROJECT, env: { ...process.env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"], detached: true,
  });
  let text = "";
  npm.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((done) => npm.on("exit", (code) => done(code)));
  return { npm, log: () => text, exited };
}

/** Starts the preview on a copy of a fixture and waits until `page` is served. */
async function startPreview(name: string, page: string): Promise<Preview> {
  // Outside the repository: Eleventy does not watch git-ignored folders.
  const root = join(await tempDir(), "site-root");
  await cp(fixture(name), root, { recursive: true, filter: (p) => !p.includes("/.cache") });
  const output = join(await tempDir(), "preview");
  const port = await freePort();
  const started = spawnStart(root, output, port);
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(url(page)).then((r) => r.ok, () => false)) return { ...started, root, output, port, url };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopGroup(started.npm, "SIGTERM");
  throw new Error(`The preview server did not start:\n${started.log()}`);
}

async function stopGroup(npm: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  try {
    process.kill(-npm.pid!, signal);
  } catch {
    // already gone
  }
}

/** Polls until `check` holds, or fails with `what` after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 20000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Polls `path` until its HTML contains `text`. */
async function shows(preview: Preview, path: string, text: string): Promise<string> {
  let html = "";
  await eventually(async () => (html = await (await fetch(preview.url(path))).text()).includes(text), `${path} to show ${text}`);
  return html;
}

/** The problems box at the top of a page: its text, or "" when there is none. */
function problemsBox(html: string): string {
  const box = /<section class="problems"[^]*?<\/section>/.exec(html)?.[0] ?? "";
  return box.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ").trim();
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
  afterAll(async () => {
    if (preview) await stopGroup(preview.npm, "SIGTERM");
  });

  it("prints the address and the port it serves on, and how to choose another", async () => {
    await eventually(() => preview.log().includes("Preview: "), "the address to be printed");
    expect(preview.log()).toContain(`Preview: http://localhost:${preview.port}/ (port ${preview.port}; npm start -- --port N for another). Ctrl-C stops it.`);
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

  it("links a delivered update's delivery pack from a saved update file, and typesets it when it is requested", async () => {
    await mkdir(join(root, "letters/pledge/updates"), { recursive: true });
    await writeFile(join(root, "letters/pledge/updates/2024-03-05-delivered.md"), "---\ntitle: Handed to the council\ndate: 2024-03-05\nkind: delivered\n---\n\nWe handed it over.\n");
    const html = await shows(preview, "/pledge/", "Handed to the council");
    expect(html).toContain('href="/pledge/updates/pledge-2024-03-05-delivered.pdf"');
    expect(existsSync(join(output, "pledge/updates/pledge-2024-03-05-delivered.pdf"))).toBe(false);
    const response = await fetch(url("/pledge/updates/pledge-2024-03-05-delivered.pdf"));
    expect(response.status).toBe(200);
    const text = await pdfText(await pdfFile(Buffer.from(await response.arrayBuffer())));
    // The pack: version 3's letter, then the annex of that day.
    expect(text).toMatch(/Annex: the signatures on March 5, 2024/);
  });

  it("shows a saved signatory file without a restart, and the log names that file, not a trigger file", async () => {
    await writeFile(join(root, "letters/pledge/signatories/live-signer.yaml"), "name: Live Signer\nsigned: 2024-03-20\n");
    await shows(preview, "/pledge/", "Live Signer");
    await eventually(() => preview.log().includes("letters/pledge/signatories/live-signer.yaml changed"), "the log to name the file");
    expect(preview.log()).not.toContain("open-letters-preview");
    expect(preview.log()).not.toContain("File changed");
  });
});

describe("the local preview of a site with several letters", () => {
  let preview: Preview;

  beforeAll(async () => {
    preview = await startPreview("basic", "/first-letter/");
  });
  afterAll(async () => {
    if (preview) await stopGroup(preview.npm, "SIGTERM");
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

  it("shows a letter's problems at the top of its own pages only, and says a page that cannot update is out of date", async () => {
    const broken = join(preview.root, "letters/first-letter/signatories/zz-broken.yaml");
    await writeFile(broken, "name: [Unclosed\n");
    const html = await shows(preview, "/first-letter/", "Problems on this page");
    const box = problemsBox(html);
    expect(box).toMatch(/letters\/first-letter\/signatories\/zz-broken\.yaml:\d+:\d+: error: YAML syntax error/);
    expect(box).toContain("This page is out of date");
    // The page still shows the letter as it last loaded, below the box.
    expect(html).toContain("Cecilia Live");
    // Another letter's page does not carry this letter's problem; the home page lists every problem.
    expect(problemsBox(await (await fetch(preview.url("/second-letter/"))).text())).toBe("");
    expect(problemsBox(await shows(preview, "/", "zz-broken.yaml"))).toContain("The letters have problems");
    expect(preview.log()).toContain("letters/first-letter/signatories/zz-broken.yaml changed");

    // Problems in site.yaml concern every page.
    const site = join(preview.root, "letters/site.yaml");
    const settings = readFileSync(site, "utf8");
    await writeFile(site, `${settings}unknown_setting: 1\n`);
    const second = problemsBox(await shows(preview, "/second-letter/", "unknown_setting"));
    expect(second).toMatch(/letters\/site\.yaml:\d+:\d+: error: /);
    expect(second).not.toContain("zz-broken");
    expect(problemsBox(await shows(preview, "/first-letter/", "unknown_setting"))).toContain("zz-broken.yaml");

    // Fixed: no box anywhere, and the letter is current again.
    await writeFile(site, settings);
    await writeFile(broken, "name: Zed Fixed\nsigned: 2024-03-06\n");
    const fixed = await shows(preview, "/first-letter/", "Zed Fixed");
    expect(problemsBox(fixed)).toBe("");
    await eventually(async () => problemsBox(await (await fetch(preview.url("/second-letter/"))).text()) === "", "/second-letter/ to lose its box");
    expect(problemsBox(await (await fetch(preview.url("/"))).text())).toBe("");
  });

  it("gives a letter that never loaded a page of its own, saying why it cannot be shown", async () => {
    await mkdir(join(preview.root, "letters/new-letter"));
    await writeFile(join(preview.root, "letters/new-letter/letter.md"), "---\ntitle: New letter\ndate: 2024-13-45\n---\n\nText.\n");
    const html = await shows(preview, "/new-letter/", "cannot be shown yet");
    expect(problemsBox(html)).toMatch(/letters\/new-letter\/letter\.md:3:\d+: error: /);
    expect(problemsBox(await (await fetch(preview.url("/first-letter/"))).text())).toBe("");
  });
});

describe("the preview's port", () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((done) => busy.listen({ port: 0 }, done));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => busy?.close());

  it("is refused when it is taken, naming it and how to choose another, instead of moving to the next", async () => {
    const started = spawnStart(fixture("basic"), join(await tempDir(), "preview"), port);
    const code = await started.exited;
    expect(code).toBe(1);
    expect(started.log()).toContain(`Port ${port} is already in use: another npm start, or another program, is serving on it. Stop that one, or choose another port: npm start -- --port ${port + 1}.`);
    expect(started.log()).not.toMatch(/\n\s+at /); // no stack trace
    expect(started.log()).not.toContain("[11ty]"); // no server was started
  });
});

/** Every process below `pid` (Linux: from /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const [child, parent] of parents) if (parent === p) (found.push(child), visit(child));
  };
  visit(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\S+ \([^]*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8")); // a zombie has exited
  } catch {
    return false;
  }
};

const portFree = (port: number) =>
  new Promise<boolean>((done) => {
    const probe = createServer();
    probe.once("error", () => done(false));
    probe.listen({ port }, () => probe.close(() => done(true)));
  });

describe.skipIf(process.platform !== "linux")("stopping npm start", () => {
  it.each([
    ["Ctrl-C (SIGINT to the terminal's process group)", (npm: ChildProcess) => process.kill(-npm.pid!, "SIGINT")],
    ["SIGTERM to npm alone", (npm: ChildProcess) => npm.kill("SIGTERM")],
    ["npm killed outright (SIGKILL): its children are left without a parent", (npm: ChildProcess) => npm.kill("SIGKILL")],
  ])("stops every process it started and frees the port: %s", async (_, stop) => {
    const preview = await startPreview("drafts", "/published/");
    const started = descendants(preview.npm.pid!);
    // npm, sh, scripts/start.ts and the Eleventy server.
    expect(started.length, JSON.stringify(started)).toBeGreaterThanOrEqual(2);
    try {
      stop(preview.npm);
      await preview.exited;
      await eventually(() => started.every((pid) => !alive(pid)), `processes ${started.join(", ")} to end`, 10000);
      await eventually(() => portFree(preview.port), `port ${preview.port} to be free`, 5000);
      await expect(fetch(preview.url("/published/"))).rejects.toThrow();
    } finally {
      // If it failed, leave nothing running behind the test.
      for (const pid of started.filter(alive)) process.kill(pid, "SIGKILL");
    }
  });
});
