// The one gate: npm run check reports everything that would stop npm run build and every warning it
// would print, at file:line:col; npm run release refuses while the check has errors; and a build that
// fails anyway leaves the previous site as it was and nothing beside it.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { removeTree, writeAtomically } from "../src/build/staging.ts";
import { loadSite } from "../src/load/site.ts";
import { InvalidSlugError, MissingGlyphError, NestingTooDeepError, UncoveredScriptError, UnreleasedLetterError, UnsignableLetterError, type ContentError } from "../src/model/errors.ts";
import { SITE_FOLDERS } from "../src/outputs/data/files.ts";
import { checkSite, refuseIfCheckFails, ReleaseRefusedError } from "../src/tools/check.ts";
import { CardGlyphError, PlaceholderTextError } from "../src/tools/gate.ts";
import { releaseLetter } from "../src/tools/release.ts";
import { recordEditions } from "../src/tools/editions.ts";
import { letterMarkdown, SCAFFOLD_PLACEHOLDER } from "../src/tools/scaffold.ts";
import { PROJECT, fixture, runScript, tempDir } from "./helpers/site.ts";

const run = promisify(execFile);

// Only to freeze a text the way an older open-letters did, without the gate (one test below).
vi.mock("../src/tools/editions.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/tools/editions.ts")>();
  return { ...original, recordEditions: vi.fn(original.recordEditions) };
});
vi.mock("../src/tools/check.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/tools/check.ts")>();
  return { ...original, refuseIfCheckFails: vi.fn(original.refuseIfCheckFails) };
});

/** The fixtures' letters are open and unreleased, which check warns about (tools/open-letters.ts): another rule. */
const withoutLaunchWarnings = (problems: ContentError[]) => problems.filter((p) => !(p instanceof UnreleasedLetterError || p instanceof UnsignableLetterError));

const copyOf = async (name: string) => {
  const root = join(await tempDir(), name);
  await cp(fixture(name), root, { recursive: true });
  return root;
};

describe("npm run check finds what would stop the build, without typesetting", () => {
  let problems: ContentError[];
  const at = (file: string) => problems.filter((p) => p.file === `tests/fixtures/gate-build/letters/${file}`);
  beforeAll(async () => {
    problems = withoutLaunchWarnings((await checkSite(fixture("gate-build"))).problems);
  });

  it("warns at the signatory's line about a name no PDF font can print, as it warns when building", () => {
    const [warning] = at("french/signatories/list.yaml").filter((p) => p instanceof MissingGlyphError);
    expect(warning!.severity).toBe("warning");
    expect(warning!.format()).toBe(
      'tests/fixtures/gate-build/letters/french/signatories/list.yaml:4:3: warning: the PDF of "french" cannot print "Ꮳ" (U+13E3), "Ꮃ" (U+13B3), "Ꭹ" (U+13A9) in "ᏣᎳᎩ": no PDF font has a glyph for them, so they print as empty boxes. Check the spelling, or ask for a PDF font that covers this script.',
    );
  });

  it("shows that warning on the pull request's line: --format github prints it as an annotation", async () => {
    const result = await runScript("check.ts", ["--root", fixture("gate-build"), "--format", "github"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::warning file=tests/fixtures/gate-build/letters/french/signatories/list.yaml,line=4,col=3,title=Missing glyph::the PDF of \"french\" cannot print");
  });

  it("refuses a letter whose text no PDF font covers before it is ever released", () => {
    const [error] = at("emoji/letter.md");
    expect(error).toBeInstanceOf(UncoveredScriptError);
    expect(error!.format()).toMatch(/^tests\/fixtures\/gate-build\/letters\/emoji\/letter\.md:6:19: error: the PDF of "emoji" \(en\) needs a font for the character "🕊"/);
  });

  it("refuses a letter named like a folder the site writes for itself", () => {
    expect(SITE_FOLDERS).toContain("assets");
    const [error] = at("assets/letter.md");
    expect(error).toBeInstanceOf(InvalidSlugError);
    expect(error!.message).toBe("The letter would be published at /assets/, where the site writes its own files (/assets/, /privacy/, /schemas/).");
    expect(error!.hint).toBe("Rename the folder letters/assets/, e.g. to letters/assets-letter/.");
  });

  it("refuses the scaffold's example text, at its line, as npm run new-letter writes it", () => {
    expect(letterMarkdown({ title: "T", slug: "t", date: "2024-05-01", status: "draft", to: [] })).toContain(SCAFFOLD_PLACEHOLDER);
    const [error] = at("scaffold/letter.md");
    expect(error).toBeInstanceOf(PlaceholderTextError);
    expect(error!.format()).toMatch(/^tests\/fixtures\/gate-build\/letters\/scaffold\/letter\.md:12:1: error: "Write the letter here\.\.\." is the example text npm run new-letter wrote/);
  });

  it("says nothing else: every problem above, and only those", () => {
    expect(problems.map((p) => `${p.file}:${p.line} ${p.constructor.name}`)).toEqual([
      "tests/fixtures/gate-build/letters/assets/letter.md:1 InvalidSlugError",
      "tests/fixtures/gate-build/letters/emoji/letter.md:6 UncoveredScriptError",
      "tests/fixtures/gate-build/letters/french/signatories/list.yaml:4 MissingGlyphError",
      "tests/fixtures/gate-build/letters/scaffold/letter.md:12 PlaceholderTextError",
    ]);
  });

  it("refuses a site title the social cards cannot print, at site.yaml", async () => {
    const card = withoutLaunchWarnings((await checkSite(fixture("gate-card"))).problems);
    expect(card).toHaveLength(1);
    expect(card[0]).toBeInstanceOf(CardGlyphError);
    expect(card[0]!.format()).toMatch(/^tests\/fixtures\/gate-card\/letters\/site\.yaml:1:8: error: The site's title cannot be printed on the social cards: no font has "བ" \(U\+0F56\)/);
  });

  it("refuses a text nested deeper than the PDF can typeset, at its line", async () => {
    const { problems: load } = await checkSite(fixture("gate-load"));
    const nested = load.filter((p) => p instanceof NestingTooDeepError);
    expect(nested.map((p) => p.format())).toEqual([expect.stringMatching(/^tests\/fixtures\/gate-load\/letters\/deep\/letter\.md:8:1: error: The text here is nested 17 levels deep/)]);
  });
});

describe("npm run release", () => {
  it("refuses while the check has errors, prints them all, and freezes nothing", async () => {
    const root = await copyOf("gate-build");
    const result = await runScript("release.ts", ["scaffold", "--root", root, "--date", "2024-05-02"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/letters\/scaffold\/letter\.md:12:1: error: "Write the letter here\.\.\."/);
    expect(result.stderr).toMatch(/letters\/emoji\/letter\.md:6:19: error: the PDF of "emoji"/);
    expect(result.stderr).toContain("Nothing was released: npm run check finds 3 error(s), listed above. Fix them, then run npm run release -- scaffold again.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, "letters/scaffold/versions"))).toBe(false);
    expect(existsSync(join(root, "letters/scaffold/versions.yaml"))).toBe(false);
  });

  it("refuses in-process too, with every error", async () => {
    const error = await refuseIfCheckFails(fixture("gate-card"), "appeal").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseRefusedError);
    expect((error as ReleaseRefusedError).problems).toHaveLength(1);
  });

  it("takes the issue's letter once it is fixed: a name for its language is refused, then the scaffold's text, then it builds", async () => {
    const root = join(await tempDir(), "site");
    await mkdir(join(root, "letters"), { recursive: true });
    await writeFile(join(root, "letters/site.yaml"), "title: Open Letters\n");
    const args = ["--root", root, "--title", "Keep it open", "--date", "2024-05-01", "--status", "open"];

    const spanish = await runScript("new-letter.ts", [...args, "--lang", "Spanish"]);
    expect(spanish.code).toBe(1);
    // Refused as the flag it came from: letter.md was never written, so no message names it.
    expect(spanish.stderr).toContain('--lang "Spanish": "lang" "Spanish" is not a language code the PDF typesetter takes: it needs a two- or three-letter ISO 639 code.');
    expect(spanish.stderr).not.toContain("letter.md");
    expect(existsSync(join(root, "letters/keep-it-open"))).toBe(false);

    expect((await runScript("new-letter.ts", [...args, "--lang", "es"])).code).toBe(0);
    const refused = await runScript("release.ts", ["keep-it-open", "--root", root, "--date", "2024-05-01"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"Write the letter here..." is the example text npm run new-letter wrote');

    const file = join(root, "letters/keep-it-open/letter.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.slice(0, text.indexOf(SCAFFOLD_PLACEHOLDER)) + "Pedimos una internet abierta.\n");
    expect((await runScript("check.ts", ["--root", root])).code).toBe(0);
    expect((await runScript("release.ts", ["keep-it-open", "--root", root, "--date", "2024-05-01"])).code).toBe(0);
    const built = await runScript("build.ts", ["--root", root, "--output", join(root, "_site")], { OPEN_LETTERS_PDF_CACHE: join(root, ".pdf") });
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    expect(existsSync(join(root, "_site/keep-it-open/keep-it-open.pdf"))).toBe(true);
  });
});

describe("the site's own folders", () => {
  it("are exactly the folders a build writes at the root besides the letters, so check refuses every name it uses", async () => {
    const output = join(await tempDir(), "site");
    const result = await runScript("build.ts", ["--root", fixture("basic"), "--output", output], { OPEN_LETTERS_PDF: "0", OPEN_LETTERS_CACHE: "0" });
    expect(result.code, result.stderr).toBe(0);
    const { site } = await loadSite(fixture("basic"));
    const slugs = new Set(site!.letters.map((l) => l.slug));
    const folders = (await readdir(output, { withFileTypes: true })).filter((e) => e.isDirectory() && !slugs.has(e.name)).map((e) => e.name);
    expect(folders.sort()).toEqual([...SITE_FOLDERS].sort());
  });
});

describe("a build that fails", () => {
  it("stops on a text frozen before the gate existed before writing anything, without a stack trace", async () => {
    // A Tibetan translation (a script no font covers) released the way open-letters did before release ran the check.
    const root = await copyOf("translated");
    await writeFile(join(root, "letters/appeal/letter.bo.md"), "---\ntitle: དྲ་རྒྱ་ཁ་ཕྱེ་བ\nfollows: 2\n---\n\nང་ཚོས་དྲ་རྒྱ་ཁ་ཕྱེ་བ་ཞུ།\n");
    vi.mocked(refuseIfCheckFails).mockImplementationOnce(async () => {});
    vi.mocked(recordEditions).mockImplementationOnce(async () => []); // nor recorded PDF editions
    await releaseLetter(root, "appeal", { date: "2024-07-01", notes: "Tibetan" });

    const parent = await tempDir();
    const output = join(parent, "site");
    await mkdir(output);
    await writeFile(join(output, "index.html"), "the previous site");
    const result = await runScript("build.ts", ["--root", root, "--output", output]);
    expect(result.code).toBe(1);
    // A translation added after release is a revision of version 2, frozen under revisions/.
    expect(result.stderr).toMatch(/letters\/appeal\/versions\/2\/revisions\/1\/letter\.bo\.md:2:8: error: the PDF of "appeal" \(bo\) needs a font for the Tibetan/);
    expect(result.stderr).toContain("Build stopped: nothing was written");
    expect(result.stderr).not.toMatch(/\n\s+at |This is a bug/);
    expect(await readFile(join(output, "index.html"), "utf8")).toBe("the previous site");
    expect(await readdir(parent)).toEqual(["site"]);
  });

  it("removes its staging folder although the writer goes on writing into it after failing, and keeps the previous site", async () => {
    const parent = await tempDir();
    const output = join(parent, "site");
    await mkdir(output);
    await writeFile(join(output, "index.html"), "the previous site");
    let writing: Promise<void> | undefined;
    const failure = await writeAtomically(output, async (staging) => {
      // As Eleventy's passthrough copies do after a template or data error: they go on for a while.
      writing = (async () => {
        for (let i = 0; i < 30; i++) {
          // A copy racing the removal may find its folder gone, as a real one would: it fails, and goes on.
          await mkdir(join(staging, "assets"), { recursive: true }).then(() => writeFile(join(staging, "assets", `${i}.css`), "x")).catch(() => {});
          await sleep(5);
        }
      })();
      await sleep(10);
      throw new Error("a template failed");
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toBe("a template failed");
    await writing;
    expect(await readdir(parent)).toEqual(["site"]);
    expect(await readFile(join(output, "index.html"), "utf8")).toBe("the previous site");
  });

  it("clears what a killed build left beside the output, and puts back a site it had moved aside", async () => {
    const parent = await tempDir();
    const output = join(parent, "site");
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    await mkdir(join(parent, `site.tmp-${dead}`, "assets"), { recursive: true });
    await mkdir(join(parent, `site.old-${dead}`));
    await writeFile(join(parent, `site.old-${dead}`, "index.html"), "the previous site");
    await writeAtomically(output, async (staging) => {
      // The site moved aside is back in place before this build starts.
      expect(await readFile(join(output, "index.html"), "utf8")).toBe("the previous site");
      await mkdir(staging);
      await writeFile(join(staging, "index.html"), "the new site");
    });
    expect(await readdir(parent)).toEqual(["site"]);
    expect(await readFile(join(output, "index.html"), "utf8")).toBe("the new site");
    await removeTree(join(parent, "nothing-there")); // a folder that does not exist is fine
  });

  it("inside Eleventy too, a user's mistake comes out as itself, printed by no one else, before a file is written", async () => {
    // A text the gate refuses, handed straight to Eleventy: the PDF plugin finds it while loading the data.
    const staging = join(await tempDir(), "staging");
    const { stdout, stderr } = await run(join(PROJECT, "node_modules/.bin/tsx"), [join(PROJECT, "tests/helpers/eleventy-mistake.ts"), fixture("translated"), staging], { cwd: PROJECT });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { thrown: string; own: boolean; message: string; stagingExists: boolean };
    expect(result.thrown).toBe("ContentProblemsError");
    expect(result.own).toBe(true);
    expect(result.message).toMatch(/letters\/appeal\/versions\/2\/letter\.md:1:1: error: the PDF of "appeal" \(en\) needs a font for the Tibetan/);
    // Eleventy would print it with its stack trace; the CLI prints it, as its message alone.
    expect(stdout + stderr).not.toMatch(/Problem writing|stack trace|\n\s+at /);
    // The data is read before Eleventy copies the assets: nothing was written to remove.
    expect(result.stagingExists).toBe(false);
  });

  it("stops before Eleventy on what a plugin would have thrown there with a stack trace: a site title no card can print", async () => {
    // Cards are made for published pages only: release the letter (as before the gate), then build.
    const root = await copyOf("gate-card");
    vi.mocked(refuseIfCheckFails).mockImplementationOnce(async () => {});
    vi.mocked(recordEditions).mockImplementationOnce(async () => []); // nor recorded PDF editions
    await releaseLetter(root, "appeal", { date: "2024-05-01" });
    const result = await runScript("build.ts", ["--root", root, "--output", join(root, "_site")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("letters/site.yaml:1:8: error: The site's title cannot be printed on the social cards");
    expect(result.stderr).not.toMatch(/\[11ty\]|\n\s+at /);
    expect((await readdir(root)).filter((name) => name.startsWith("_site"))).toEqual([]);
  });
});
