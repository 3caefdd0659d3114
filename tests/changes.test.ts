import { releaseLetter } from "../src/tools/release.ts";
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { codeSpan, escapeMarkdown } from "../src/tools/changes.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const exec = promisify(execFile);

describe("npm run changes", () => {
  let repo: string;
  let base: string;
  const git = async (...args: string[]) =>
    (await exec("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { cwd: repo })).stdout.trim();

  beforeAll(async () => {
    repo = await tempDir();
    await cp(fixture("basic"), repo, { recursive: true });
    // The first letter is not released yet at the base; the head releases it.
    await rm(join(repo, "letters/first-letter/versions"), { recursive: true });
    await rm(join(repo, "letters/first-letter/versions.yaml"));
    await git("init", "-q");
    await git("add", "-A");
    await git("commit", "-q", "-m", "base");
    base = await git("rev-parse", "HEAD");

    const first = join(repo, "letters/first-letter");
    // Added: a stranger's name full of Markdown and HTML.
    await writeFile(join(first, "signatories/tom.yaml"), 'name: "Tom <img src=x onerror=alert(1)> *Jerry* [x](javascript:y) @octocat"\naffiliation: "Acme | Co"\n');
    // Edited: Anna's affiliation. Withdrawn: émile. Re-ordered: Zoë moves, which is no change.
    await writeFile(join(first, "signatories/b-single.yaml"), "name: Anna Åberg\ntype: individual\naffiliation: New Institute\ncountry: SE\n");
    await writeFile(join(first, "signatories/a-list.yaml"),
      "- name: émile Durand\n  type: individual\n  title: Professor\n  affiliation: Université de Test\n  withdrawn: 2024-06-01\n- name: Zoë Organisation\n  type: organization\n  url: https://zoe.example.org\n");
    // Released, as npm run release does it (before the second letter's edits, which check rejects).
    await releaseLetter(repo, "first-letter", { date: "2024-03-01", notes: "First text as sent." });
    // Removed: Beta deleted outright; corrected: "Alpha" respelled in place.
    await writeFile(join(repo, "letters/second-letter/signatories/list.yaml"), "- name: Alfa\n");
    // A new letter.
    await mkdir(join(repo, "letters/third-letter"));
    await writeFile(join(repo, "letters/third-letter/letter.md"), "---\ntitle: A third letter\ndate: 2024-06-01\nstatus: draft\n---\n\nText.\n");
    await git("add", "-A");
    await git("commit", "-q", "-m", "head");
  });

  it("summarises letters, signatories, versions and check results between two commits", async () => {
    const result = await runScript("changes.ts", ["--root", repo, base, "--head", "HEAD"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const md = result.stdout;
    expect(md).toContain("## Changes to the letters\n\nCompared `HEAD` with `" + base + "`: 3 letters touched.");

    const section = (title: string) => md.slice(md.indexOf(`### ${title}`), md.indexOf("\n### ", md.indexOf(`### ${title}`) + 1));
    const first = section("Protect encryption");
    expect(first).toContain("(`letters/first-letter/`)");
    expect(first).toContain("**Released version:**\n\n- Version 1 (2024\\-03\\-01): First text\\. as sent\\.".replace("text\\. as", "text as"));
    expect(first).toContain(
      "**Signatories added (1):**\n\n- Tom &lt;img src=x onerror=alert\\(1\\)&gt; \\*Jerry\\* \\[x\\]\\(javascript\\:y\\) @\u200doctocat (Acme \\| Co) in `first-letter/signatories/tom.yaml`",
    );
    expect(first).toContain("**Signatories edited (1):**\n\n- Anna Åberg (Example Institute) → Anna Åberg (New Institute): `affiliation` changed");
    expect(first).toContain("**Signatures withdrawn (1):**\n\n- émile Durand (Université de Test) (withdrawn 2024\\-06\\-01)");
    expect(first).not.toContain("Zoë");
    expect(first).toContain("Other files: `editions/1.json` added, `versions/1/letter.md` added, `versions/1/signatories.txt` added, `versions.yaml` added.");

    const second = section("An older letter");
    expect(second).toContain("**Signatories edited (1):**\n\n- Alpha → Alfa: `name` changed");
    expect(second).toContain("**Signatories removed (1):**\n\n- Beta from `second-letter/signatories/list.yaml`");
    expect(second).toContain("> [!WARNING]");

    expect(section("A third letter")).toContain("New letter.");
    // The check's own results are tested elsewhere; here, that they are part of the summary.
    expect(md).toMatch(/### Check\n\n(✅|❌) \d+ errors?, \d+ warnings?\./);
  });

  it("compares the working tree by default, and reports its check errors", async () => {
    await writeFile(join(repo, "letters/second-letter/signatories/broken.yaml"), "name: Broken\nurl: example.org\n");
    try {
      const result = await runScript("changes.ts", ["--root", repo, "HEAD"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Compared `working tree` with `HEAD`: 1 letter touched.");
      expect(result.stdout).toContain("- Broken in `second-letter/signatories/broken.yaml`");
      expect(result.stdout).toMatch(/❌ \d+ errors?/);
      expect(result.stdout).toContain("- **error** `letters/second-letter/signatories/broken.yaml:2:6`: \"url\" \"example\\.org\" must start with https\\:");
    } finally {
      await rm(join(repo, "letters/second-letter/signatories/broken.yaml"));
    }
  });

  it("says how to fix an unknown ref, without a stack trace", async () => {
    const result = await runScript("changes.ts", ["--root", repo, "no-such-branch"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('git cannot find "no-such-branch"');
    expect(result.stderr).toContain("fetch-depth: 0");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await runScript("changes.ts", ["--root", repo, "--", "--output=x"])).code).toBe(1);
  });

  it("treats a base without letters/ as 'everything is new'", async () => {
    // The empty tree, which git knows without it being stored.
    const empty = await git("commit-tree", "-m", "empty", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    const result = await runScript("changes.ts", ["--root", repo, empty]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/New letter\./g)).toHaveLength(3);
  });
});

describe("Markdown escaping", () => {
  it("makes names inert: no HTML, links, emphasis, tables or mentions", () => {
    expect(escapeMarkdown("<b>x</b> [a](b) *c* _d_ | e @f #g\n- h")).toBe("&lt;b&gt;x&lt;/b&gt; \\[a\\]\\(b\\) \\*c\\* \\_d\\_ \\| e @\u200df \\#g \\- h");
    expect(escapeMarkdown("a&amp;b \\ `c`")).toBe("a&amp;amp;b \\\\ \\`c\\`");
  });

  it("fences code spans longer than any backtick run inside", () => {
    expect(codeSpan("a``b")).toBe("```a``b```");
    expect(codeSpan("`x")).toBe("`` `x ``");
  });
});

describe("pairing signatures across a change", () => {
  const entry = (name: string, index: number, id?: string) => ({
    name, fields: { name, ...(id ? { id } : {}) }, path: "x/signatories/list.yaml", index, single: false,
  });

  it("a name rewritten beyond recognition is still an edit when the entry keeps its id", async () => {
    const { diffSignatories } = await import("../src/tools/changes.ts");
    const before = [entry("Tab Person", 0, "sabc1234567"), entry("Other One", 1, "sdef1234567")];
    const after = [entry("Other One", 0, "sdef1234567"), entry("Tabitha Persson-Okonkwo", 1, "sabc1234567")];
    const result = diffSignatories(before, after);
    expect(result.edited.map((e) => [e.before.name, e.after.name, e.fields])).toEqual([["Tab Person", "Tabitha Persson-Okonkwo", ["name"]]]);
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
  });

  it("an id written by a release is not reported as an edit", async () => {
    const { diffSignatories } = await import("../src/tools/changes.ts");
    const result = diffSignatories([entry("Ada Lovelace", 0)], [entry("Ada Lovelace", 0, "s0123456789")]);
    expect(result.edited).toEqual([]);
  });
});

describe("a signatory who is featured", () => {
  it("is said to be, when added, since a signer can write featured: true into their own file", async () => {
    const { changesMarkdown } = await import("../src/tools/changes.ts");
    const signatory = (name: string, featured: boolean) => ({ name, fields: { name, ...(featured ? { featured: true } : {}) }, path: `x/signatories/${name.toLowerCase()}.yaml`, index: 0, single: true });
    const md = changesMarkdown(
      [{ folder: "x", isNew: false, deleted: false, files: { added: [], changed: [], deleted: [] }, added: [signatory("Ada", true), signatory("Bob", false)], edited: [], withdrawn: [], removed: [], released: [] }],
      { base: "main", head: "HEAD", problems: [] },
    );
    expect(md).toContain("- Ada in `x/signatories/ada.yaml`, **featured**\n- Bob in `x/signatories/bob.yaml`\n");
  });
});
