import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { signView } from "../src/view/sign-section.ts";
import type { Letter, SiteConfig } from "../src/model/types.ts";
import { buildFixture, fixture, PROJECT, readPage, runScript, tempDir, text } from "./helpers/site.ts";

describe("draft letters", () => {
  it("appear in the local preview, marked as drafts on the home page and on their page", async () => {
    const output = join(await tempDir(), "preview");
    await promisify(execFile)(join(PROJECT, "node_modules/.bin/tsx"), [join(PROJECT, "tests/helpers/preview-build.ts"), fixture("drafts"), output], { cwd: PROJECT });
    const home = await readPage(output, "index.html");
    const items = [...home.querySelectorAll(".letter-index li")];
    const draft = items.find((li) => text(li.querySelector("h3")).startsWith("Secret draft"))!;
    expect(text(draft.querySelector(".draft-badge"))).toBe("Draft: preview only");
    const published = items.find((li) => text(li.querySelector("h3")).startsWith("Published letter"))!;
    expect(published.querySelector(".draft-badge")).toBeNull();
    const page = await readPage(output, "work-in-progress/index.html");
    expect(text(page.querySelector(".banner-draft"))).toContain("Draft");
  });

  it("are not counted as built, and the build says how many were left out", async () => {
    const result = await runScript("build.ts", ["--root", fixture("drafts"), "--output", join(await tempDir(), "site")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Built 1 letter\(s\), \d+ signatories into .* s; 1 not published \(drafts, or not released yet\)\.$/m);
  });

  it("never appear in a production build, not even as a badge", async () => {
    const site = await buildFixture("drafts");
    expect(existsSync(join(site, "work-in-progress"))).toBe(false);
    const home = await readPage(site, "index.html");
    expect(home.querySelector(".draft-badge")).toBeNull();
    expect(text(home.querySelector(".letter-index"))).not.toContain("Secret draft");
  });
});

describe("which letters can be signed", () => {
  const config: SiteConfig = { title: "T", pathPrefix: "/", lang: "en", author: "T", branch: "main", linkIndividuals: true, paper: "a4", repository: "https://github.com/o/r", signEmail: "s@example.org", listThreshold: 500 };
  const letter = (status: Letter["status"]) => ({ status, dir: "letters/x", title: "X", releases: [] as Letter["releases"] }) as Letter;
  const page = { lang: "en", title: "X" };

  it("only open letters, and only with a repository or an e-mail address to sign through", () => {
    expect(signView(letter("draft"), page, config)).toBeUndefined();
    expect(signView(letter("closed"), page, config)).toBeUndefined();
    expect(signView(letter("open"), page, config)).toMatchObject({ folder: "x", repository: "https://github.com/o/r", email: "s@example.org" });
    expect(signView(letter("open"), page, { ...config, repository: undefined })).toMatchObject({ repository: undefined, email: "s@example.org", newFileUrl: undefined });
    expect(signView(letter("open"), page, { ...config, repository: undefined, signEmail: undefined })).toBeUndefined();
    // Only https repositories become links.
    expect(signView(letter("open"), page, { ...config, repository: "http://example.org/o/r", signEmail: undefined })).toBeUndefined();
  });
});
