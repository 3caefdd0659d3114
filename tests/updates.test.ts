// A letter's updates (letters/<slug>/updates/): the timeline on its page, the feed, letter.json, the
// attachments, check's errors, and that no released version changes when one is added.
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadUpdates } from "../src/load/updates.ts";
import { buildFixture, fixture, readPage, runScript, tempDir, text } from "./helpers/site.ts";

describe("a letter with updates", () => {
  let site: string;
  let plain: string;
  beforeAll(async () => {
    site = await buildFixture("updates");
    plain = await buildFixture("translated"); // the same letter without its updates
  }, 120_000);

  it("shows them newest first on the current page, the latest marked in words, each with its own anchor", async () => {
    const page = await readPage(site, "appeal/index.html");
    const articles = [...page.querySelectorAll(".updates article")];
    expect(articles.map((a) => a.id)).toEqual(["update-2024-05-02-press", "update-2024-05-01-delivered", "update-2024-04-15-response"]);
    expect(articles.map((a) => a.querySelector("time")!.getAttribute("datetime"))).toEqual(["2024-05-02", "2024-05-01", "2024-04-15"]);
    expect(articles[0]!.classList.contains("update-latest")).toBe(true);
    expect(text(articles[0]!.querySelector(".update-latest-label"))).toBe("Latest");
    expect(articles.slice(1).some((a) => a.classList.contains("update-latest"))).toBe(false);
    expect(text(articles[1]!.querySelector(".update-kind"))).toBe("Delivered");
    expect(articles[2]!.querySelector("h3 a")!.getAttribute("href")).toBe("#update-2024-04-15-response");
    expect(text(page.querySelector(".updates h2"))).toBe("Updates");
  });

  it("prints hostile titles and bodies as text", async () => {
    const html = await readFile(join(site, "appeal/index.html"), "utf8");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<b>newspaper</b>");
    const page = await readPage(site, "appeal/index.html");
    expect(text(page.querySelector("#update-2024-05-02-press h3"))).toBe('<script>alert(1)</script> & "the press"');
  });

  it("shows a translated update in its language, and the original, marked with its language, where none exists", async () => {
    const page = await readPage(site, "appeal/fr/index.html");
    const delivered = page.querySelector("#update-2024-05-01-delivered")!;
    expect(text(delivered.querySelector("h3"))).toBe("Remise au ministère");
    expect(delivered.getAttribute("lang")).toBeNull();
    expect(text(delivered.querySelector(".update-kind"))).toBe("Remise");
    const response = page.querySelector("#update-2024-04-15-response")!;
    expect(text(response.querySelector("h3"))).toBe("The ministry answered");
    expect(response.getAttribute("lang")).toBe("en");
  });

  it("keeps them off the released versions' pages, which stay as released", async () => {
    const version = await readPage(site, "appeal/v1/index.html");
    expect(version.querySelector(".updates")).toBeNull();
  });

  it("announces each in the feed, with an id that is the update's permanent address", async () => {
    const feed = await readFile(join(site, "feed.xml"), "utf8");
    for (const id of ["2024-05-02-press", "2024-05-01-delivered", "2024-04-15-response"]) {
      expect(feed).toContain(`<id>https://letters.example.org/appeal/#update-${id}</id>`);
    }
    expect(feed).toContain('<title type="text">Keep the internet open: Handed to the ministry</title>');
    expect(feed).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;the press&quot;");
  });

  it("lists them in letter.json, in the page's language", async () => {
    const json = JSON.parse(await readFile(join(site, "appeal/letter.json"), "utf8")) as { updates: { id: string; kind: string; title: string; url: string; html: string }[] };
    expect(json.updates.map((u) => [u.id, u.kind])).toEqual([["2024-05-02-press", "press"], ["2024-05-01-delivered", "delivered"], ["2024-04-15-response", "response"]]);
    expect(json.updates[1]!.url).toBe("https://letters.example.org/appeal/#update-2024-05-01-delivered");
    expect(json.updates[0]!.html).not.toContain("<b>");
    const fr = JSON.parse(await readFile(join(site, "appeal/fr/letter.json"), "utf8")) as { updates: { title: string }[] };
    expect(fr.updates[1]!.title).toBe("Remise au ministère");
  });

  it("copies the attachments byte for byte beside the letter, where the update's link points", async () => {
    expect(await readFile(join(site, "appeal/updates/2024-04-15-reply.txt"), "utf8")).toBe("Dear signatories,\nThank you for your letter.\n");
    const page = await readPage(site, "appeal/index.html");
    const link = page.querySelector("#update-2024-04-15-response .update-body a")!.getAttribute("href");
    expect(new URL(link!, "https://letters.example.org/appeal/").pathname).toBe("/appeal/updates/2024-04-15-reply.txt");
  });

  it("changes no released version: versions.json (but for the delivery pack it adds) and every version's PDF are the same bytes as without them", async () => {
    const versions = async (dir: string) => {
      const json = JSON.parse(await readFile(join(dir, "appeal/versions.json"), "utf8")) as { versions: { files: { kind: string }[] }[] };
      for (const v of json.versions) v.files = v.files.filter((f) => f.kind !== "pack");
      return json;
    };
    const withUpdates = JSON.parse(await readFile(join(site, "appeal/versions.json"), "utf8")) as { versions: { files: { kind: string; lang: string }[] }[] };
    // The delivered update is translated into French: a pack in each language.
    expect(withUpdates.versions[0]!.files.filter((f) => f.kind === "pack").map((f) => f.lang)).toEqual(["en", "fr"]);
    expect(await versions(site)).toEqual(await versions(plain));
    for (const pdf of ["appeal/v1/appeal-v1.pdf", "appeal/v2/appeal-v2.pdf"]) {
      expect((await readFile(join(site, pdf))).equals(await readFile(join(plain, pdf))), pdf).toBe(true);
    }
  });
});

describe("updates that cannot be published", () => {
  const write = async (files: Record<string, string | Buffer>) => {
    const root = join(await tempDir(), "site");
    await cp(fixture("updates"), root, { recursive: true });
    const dir = join(root, "letters/appeal/updates");
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return { root, dir };
  };

  it.each([
    ["an unknown kind", { "2024-06-01-x.md": "---\ntitle: X\ndate: 2024-06-01\nkind: rumour\n---\n\nText.\n" }, /kind.*delivered.*response.*press.*update|Invalid option/i],
    ["no title", { "2024-06-01-x.md": "---\ndate: 2024-06-01\nkind: press\n---\n\nText.\n" }, /title/],
    ["a date that is not the file name's", { "2024-06-01-x.md": "---\ntitle: X\ndate: 2024-06-02\nkind: press\n---\n\nText.\n" }, /not the file name's, 2024-06-01/],
    ["a badly named file", { "June update.md": "---\ntitle: X\ndate: 2024-06-01\nkind: press\n---\n\nText.\n" }, /<YYYY-MM-DD>-<name>\.md/],
    ["a translation into a language the letter lacks", { "2024-05-01-delivered.de.md": "---\ntitle: X\n---\n\nText.\n" }, /not written in "de"/],
    ["a translation of no update", { "2024-07-01-none.fr.md": "---\ntitle: X\n---\n\nText.\n" }, /no 2024-07-01-none\.md/],
    ["a remote image", { "2024-06-01-x.md": "---\ntitle: X\ndate: 2024-06-01\nkind: press\n---\n\n![](https://tracker.example/p.gif)\n" }, /image/i],
    ["a file of a kind that does not belong", { "run.sh": "echo hi\n" }, /belong in updates/],
    ["a delivery dated before the first release", { "2024-04-01-handed.md": "---\ntitle: X\ndate: 2024-04-01\nkind: delivered\n---\n\nText.\n" }, /2024-04-01-handed\.md:3:7: error: .*before version 1 was released \(2024-05-01\).*npm run release -- <slug> --date/],
    ["an attachment too large", { "2024-06-01-scan.pdf": Buffer.alloc(10 * 1024 * 1024 + 1) }, /more than the 10 MB/],
  ] as const)("refuses %s, with the file and what to do, in check and in the build", async (_what, files, message) => {
    const { root } = await write(files as Record<string, string | Buffer>);
    const check = await runScript("check.ts", ["--root", root]);
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toMatch(/letters\/appeal\/updates\//);
    expect(check.stdout + check.stderr).toMatch(message);
    const build = await runScript("build.ts", ["--root", root, "--output", join(root, "_site")]);
    expect(build.code).toBe(1);
    expect(build.stderr).not.toMatch(/\n\s+at /); // a user's mistake: no stack trace
  }, 60_000);

  it("reads nothing from a letter without an updates folder", async () => {
    const root = join(await tempDir(), "site");
    await cp(fixture("updates"), root, { recursive: true });
    await rm(join(root, "letters/appeal/updates"), { recursive: true });
    expect(await loadUpdates(join(root, "letters/appeal"), ["en"])).toEqual({ updates: [], attachments: [], problems: [] });
  });
});
