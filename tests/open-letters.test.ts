// npm run check warns about an open letter that cannot be signed from its page or was never released,
// at the letter's status: line, with the fix (src/tools/open-letters.ts).
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

async function check(root: string) {
  const result = await runScript("check.ts", ["--root", root]);
  const warnings = result.stderr.split("\n").filter((l) => l.includes(": warning: "));
  return { ...result, warnings };
}

async function copy(name: string): Promise<string> {
  const root = join(await tempDir(), name);
  await cp(fixture(name), root, { recursive: true, filter: (p) => !p.includes("/.cache") });
  return root;
}

describe("open letters nobody can sign or read", () => {
  it("warns at the status: line of an open letter that site.yaml gives no way to sign and that was never released", async () => {
    const { code, warnings, stdout } = await check(fixture("unreachable"));
    expect(code).toBe(0); // warnings: the site still builds
    expect(stdout).toContain("OK: 4 letter(s)");
    const launch = warnings.filter((w) => w.startsWith("tests/fixtures/unreachable/letters/launch/letter.md:4:1: warning: "));
    expect(launch).toEqual([
      expect.stringMatching(/This letter is open but its page offers no way to sign it: letters\/site\.yaml names neither a repository nor a sign_email\. Add repository: https:\/\/github\.com\/<org>\/<repo> .* or sign_email: .* to letters\/site\.yaml/),
      expect.stringMatching(/This letter is open but was never released, so npm run build leaves it out of the site .*\. Run npm run release -- launch to publish it, or set status: draft/),
    ]);
    // Without a status: line the letter is open too; the warning says so and points at the first line.
    const fallback = warnings.filter((w) => w.includes("letters/fallback/letter.md"));
    expect(fallback).toHaveLength(2);
    expect(fallback[0]).toMatch(/letter\.md:1:1: warning: This letter is open \(the default when letter\.md has no status: line\)/);
    // Drafts and closed letters are neither signed nor expected to be released.
    expect(warnings.filter((w) => /letters\/(quiet|closed)\//.test(w))).toEqual([]);
    expect(warnings).toHaveLength(4);
  });

  it("stops warning about signing once site.yaml names a sign_email or an https repository, not an http one", async () => {
    const root = await copy("unreachable");
    const site = join(root, "letters/site.yaml");
    await writeFile(site, "title: Unreachable fixture\nrepository: http://git.example.org/org/letters\n");
    expect((await check(root)).warnings.filter((w) => w.includes("launch/letter.md"))[0]).toMatch(/has a repository that is not an https:\/\/ address \(http:\/\/git\.example\.org\/org\/letters\)/);
    for (const route of ["sign_email: sign@example.org", "repository: https://github.com/org/letters"]) {
      await writeFile(site, `title: Unreachable fixture\n${route}\n`);
      const { warnings } = await check(root);
      expect(warnings.some((w) => w.includes("no way to sign")), route).toBe(false);
      expect(warnings.filter((w) => w.includes("never released"))).toHaveLength(2);
    }
  });

  it("says nothing about release once the letter has been released", async () => {
    // versioned: an open letter with versions.yaml; its site has no sign route.
    const { warnings } = await check(fixture("versioned"));
    expect(warnings.filter((w) => w.includes("never released"))).toEqual([]);
    expect(warnings.filter((w) => w.includes("no way to sign"))).toHaveLength(1);
  });
});
