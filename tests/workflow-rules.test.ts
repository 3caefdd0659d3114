// zizmor-style rules over every workflow in .github/workflows/ (https://docs.zizmor.sh/audits/ names the
// ones borrowed here). Each rule is shown to fail on a workflow with the violation planted, then every
// real workflow must pass them all. zizmor itself is a Python tool; these rules need only npm.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isMap, isScalar, parseDocument, type Document } from "yaml";
import { describe, expect, it } from "vitest";
import { PROJECT } from "./helpers/site.ts";

type Rule =
  | "unpinned-uses"
  | "excessive-permissions"
  | "dangerous-triggers"
  | "untrusted-checkout"
  | "template-injection"
  | "artipacked"
  | "secrets-inherit";

interface Finding {
  rule: Rule;
  where: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The scopes GITHUB_TOKEN has (https://docs.github.com/actions/reference/workflow-syntax-for-github-actions#permissions). */
const SCOPES = new Set([
  "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues", "models",
  "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
]);

/** The write scopes a job may hold, and the actions that need them: a job holds one only if it uses one of these. */
const WRITE_NEEDED_BY: Record<string, string[]> = {
  pages: ["actions/deploy-pages"],
  "id-token": ["actions/deploy-pages"],
};

/** Or the commands a `run:` step uses them for (the signatures bot writes with git and GitHub's CLI). */
const WRITE_NEEDED_BY_COMMAND: Record<string, RegExp> = {
  contents: /\bgit push\b/,
  issues: /\bgh issue (comment|edit|close)\b/,
  "pull-requests": /\bgh pr create\b/,
  statuses: /\bgh api [^\n]*\/statuses\//,
};

/** Triggers that run with the base repository's secrets and a writable token on a stranger's events. */
const DANGEROUS_TRIGGERS = ["pull_request_target", "workflow_run"];

/** Triggers whose runs check a stranger's code: their jobs may only read. */
const UNTRUSTED_TRIGGERS = ["pull_request", "pull_request_target", "workflow_run", "issue_comment"];

/** Expressions naming the pull request's own branch or commit (its author's code) rather than the merge GitHub tests. */
const UNTRUSTED_REF = /github\.head_ref|github\.event\.(pull_request|workflow_run)\.head/;

const SHA_PIN = /^[^@\s]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^[ \t]+#[ \t]*v\d+\.\d+\.\d+[ \t]*$/;

function triggersOf(on: Json | undefined): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((t): t is string => typeof t === "string");
  return isObj(on) ? Object.keys(on) : [];
}

/** The text after a `uses:` value up to the end of its line: where the `# vX.Y.Z` comment must be. */
function restOfLine(doc: Document, source: string, path: (string | number)[]): string {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || !node.range) return "";
  const end = source.indexOf("\n", node.range[1]);
  return source.slice(node.range[1], end === -1 ? undefined : end);
}

/** Audits one workflow's text; returns every violation found (none for a clean workflow). */
function audit(source: string, file = "workflow.yml"): Finding[] {
  const findings: Finding[] = [];
  const doc = parseDocument(source);
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
  if (!isMap(doc.contents)) throw new Error(`${file}: not a mapping`);
  const workflow = doc.toJS() as Obj;
  const report = (rule: Rule, where: string, message: string) => findings.push({ rule, where: `${file}: ${where}`, message });
  const jobs = isObj(workflow.jobs) ? workflow.jobs : {};
  const triggers = triggersOf(workflow.on);
  const untrusted = triggers.some((t) => UNTRUSTED_TRIGGERS.includes(t));

  // dangerous-triggers: these run with secrets and write access on events a stranger can cause.
  for (const trigger of triggers.filter((t) => DANGEROUS_TRIGGERS.includes(t))) {
    report("dangerous-triggers", `on.${trigger}`, `${trigger} runs with the base repository's secrets and token; use pull_request`);
  }

  // excessive-permissions: say what the token may do, read-only at the top, writes only where a step needs them.
  const checkPermissions = (value: Json | undefined, where: string, job?: Obj): void => {
    if (value === undefined) return;
    if (typeof value === "string" || !isObj(value)) {
      report("excessive-permissions", where, `permissions: ${JSON.stringify(value)}; list the scopes (e.g. contents: read)`);
      return;
    }
    for (const [scope, access] of Object.entries(value)) {
      if (!SCOPES.has(scope)) report("excessive-permissions", `${where}.${scope}`, `unknown scope ${scope}`);
      if (access !== "read" && access !== "write" && access !== "none") {
        report("excessive-permissions", `${where}.${scope}`, `${scope}: ${JSON.stringify(access)} is not read, write or none`);
      }
      if (access !== "write") continue;
      if (!job) {
        report("excessive-permissions", `${where}.${scope}`, `${scope}: write for every job; give it only to the job that needs it`);
        continue;
      }
      if (untrusted) report("excessive-permissions", `${where}.${scope}`, `${scope}: write in a workflow that runs on ${triggers.join(", ")}; it may only read`);
      const steps = Array.isArray(job.steps) ? job.steps.filter(isObj) : [];
      const needs = WRITE_NEEDED_BY[scope] ?? [];
      const command = WRITE_NEEDED_BY_COMMAND[scope];
      const justified = steps.some((s) => (typeof s.uses === "string" && needs.includes(s.uses.split("@")[0]!)) || (command !== undefined && typeof s.run === "string" && command.test(s.run)));
      if (!justified) {
        report("excessive-permissions", `${where}.${scope}`, `${scope}: write but no step needs it (${needs.length ? `only ${needs.join(", ")} does` : "no action here needs it"})`);
      }
    }
  };
  checkPermissions(workflow.permissions, "permissions");
  for (const [name, job] of Object.entries(jobs)) {
    if (!isObj(job)) continue;
    if (job.permissions === undefined && workflow.permissions === undefined) {
      report("excessive-permissions", `jobs.${name}`, "no permissions: the token gets the repository's default, which may be write-all");
    }
    checkPermissions(job.permissions, `jobs.${name}.permissions`, job);
  }

  for (const [name, job] of Object.entries(jobs)) {
    if (!isObj(job)) continue;
    const where = `jobs.${name}`;

    // A job can call a reusable workflow instead of running steps.
    if (typeof job.uses === "string") checkUses(job.uses, ["jobs", name, "uses"], where);
    // secrets-inherit: a called workflow gets only the secrets it is handed by name.
    if (job.secrets === "inherit") report("secrets-inherit", `${where}.secrets`, "secrets: inherit hands every secret to the called workflow; name the ones it needs");

    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step, i) => {
      if (!isObj(step)) return;
      const at = `${where}.steps[${i}]${typeof step.name === "string" ? ` (${step.name})` : ""}`;
      const uses = typeof step.uses === "string" ? step.uses : undefined;
      const inputs = isObj(step.with) ? step.with : {};
      if (uses) checkUses(uses, ["jobs", name, "steps", i, "uses"], at);

      // template-injection: ${{ }} is pasted into the script before the shell reads it, so a branch name or a
      // title can become a command. Every value a script uses goes through env: and is read as "$NAME".
      if (typeof step.run === "string" && step.run.includes("${{")) {
        report("template-injection", `${at}.run`, `run: contains ${step.run.match(/\$\{\{[^}]*\}\}/)?.[0] ?? "${{"}; pass it through env: and use "$NAME"`);
      }
      if (uses?.startsWith("actions/github-script@") && typeof inputs.script === "string" && inputs.script.includes("${{")) {
        report("template-injection", `${at}.with.script`, "script: contains ${{ }}; pass it through env: and read process.env");
      }

      if (uses?.startsWith("actions/checkout@")) {
        // artipacked: checkout leaves the token in .git/config, where every later step (and any artifact of the
        // working tree) can read it, unless told not to. No job here pushes.
        if (inputs["persist-credentials"] !== false) {
          report("artipacked", `${at}.with`, "actions/checkout without persist-credentials: false keeps the token in .git/config");
        }
        // untrusted-checkout: checking out the pull request's head by name runs a stranger's code where it should not.
        const ref = [inputs.ref, inputs.repository].filter((v) => typeof v === "string").join(" ");
        if (UNTRUSTED_REF.test(ref)) report("untrusted-checkout", `${at}.with.ref`, `checks out the pull request's head (${ref})`);
      }
    });
  }

  // unpinned-uses: a tag or branch can be moved to other code; a commit SHA cannot. Local actions are this
  // repository's own code; a Docker image needs its digest.
  function checkUses(uses: string, path: (string | number)[], where: string): void {
    if (uses.startsWith("./")) return;
    if (uses.startsWith("docker://")) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) report("unpinned-uses", where, `${uses} is not pinned by digest`);
      return;
    }
    if (!SHA_PIN.test(uses)) {
      report("unpinned-uses", where, `${uses} is not pinned by a full commit SHA`);
      return;
    }
    if (!VERSION_COMMENT.test(restOfLine(doc, source, path))) {
      report("unpinned-uses", where, `${uses} has no "# vX.Y.Z" comment saying which version the SHA is`);
    }
  }

  return findings;
}

const WORKFLOWS = join(PROJECT, ".github/workflows");
const read = (name: string) => readFile(join(WORKFLOWS, name), "utf8");

/** Replaces `from`, which must occur exactly once, so that a plant never silently misses. */
function plant(source: string, from: string | RegExp, to: string): string {
  const count = typeof from === "string" ? source.split(from).length - 1 : [...source.matchAll(new RegExp(from.source, `${from.flags}g`))].length;
  if (count !== 1) throw new Error(`plant: ${String(from)} occurs ${count} times`);
  return source.replace(from, to);
}

/** The checkout pin, whatever version Dependabot has moved it to: $1 the action and SHA, $2 the comment. */
const CHECKOUT = /(actions\/checkout@[0-9a-f]{40}) (# v\d+\.\d+\.\d+)/;
const PAGES_BUILD = 'run: npm run build -- --path-prefix "${BASE_PATH}/"';

/** [rule, workflow, what is planted, how]. */
const PLANTED: [Rule, string, string, (s: string) => string][] = [
  ["unpinned-uses", "deploy.yml", "a tag", (s) => plant(s, CHECKOUT, "actions/checkout@v4.2.2")],
  ["unpinned-uses", "deploy.yml", "a branch", (s) => plant(s, CHECKOUT, "actions/checkout@main")],
  ["unpinned-uses", "deploy.yml", "a short SHA", (s) => plant(s, CHECKOUT, "actions/checkout@11bd719 # v4.2.2")],
  ["unpinned-uses", "deploy.yml", "a SHA without its version", (s) => plant(s, CHECKOUT, "$1")],
  ["unpinned-uses", "deploy.yml", "a SHA with only the major version", (s) => plant(s, CHECKOUT, "$1 # v4")],
  ["unpinned-uses", "deploy.yml", "the version on the next line", (s) => plant(s, CHECKOUT, "$1\n        $2")],
  ["unpinned-uses", "pull-request.yml", "a Docker image by tag", (s) => s + "      - uses: docker://alpine:3.20\n"],
  ["unpinned-uses", "pull-request.yml", "a reusable workflow by tag", (s) => s + "  reuse:\n    uses: octo/ci/.github/workflows/ci.yml@v1\n"],
  ["excessive-permissions", "pull-request.yml", "no permissions at all", (s) => plant(s, /^permissions:\n {2}contents: read\n/m, "")],
  ["excessive-permissions", "pull-request.yml", "write-all", (s) => plant(s, /^permissions:\n {2}contents: read\n/m, "permissions: write-all\n")],
  ["excessive-permissions", "pull-request.yml", "read-all", (s) => plant(s, /^permissions:\n {2}contents: read\n/m, "permissions: read-all\n")],
  ["excessive-permissions", "pull-request.yml", "contents: write for a pull request check", (s) => plant(s, /^ {2}contents: read$/m, "  contents: write")],
  ["excessive-permissions", "pull-request.yml", "a write scope in a pull request job", (s) => plant(s, "    timeout-minutes: 30\n", "    timeout-minutes: 30\n    permissions:\n      pull-requests: write\n")],
  ["excessive-permissions", "deploy.yml", "a write scope for every job", (s) => plant(s, /^ {2}contents: read$/m, "  contents: read\n  id-token: write")],
  ["excessive-permissions", "deploy.yml", "pages: write in the build job, which does not deploy", (s) => plant(s, "    timeout-minutes: 30\n", "    timeout-minutes: 30\n    permissions:\n      contents: read\n      pages: write\n")],
  ["excessive-permissions", "deploy.yml", "contents: write in the deploy job", (s) => plant(s, "      id-token: write\n", "      id-token: write\n      contents: write\n")],
  ["excessive-permissions", "deploy.yml", "a misspelt scope", (s) => plant(s, "      id-token: write\n", "      id-token: write\n      content: read\n")],
  ["excessive-permissions", "deploy.yml", "the build job left with the default token", (s) => plant(s, /^permissions:\n {2}contents: read\n/m, "")],
  ["dangerous-triggers", "pull-request.yml", "pull_request_target", (s) => plant(s, /^ {2}pull_request:$/m, "  pull_request_target:")],
  ["dangerous-triggers", "pull-request.yml", "workflow_run", (s) => plant(s, /^ {2}pull_request:$/m, "  pull_request:\n  workflow_run:\n    workflows: [Deploy to GitHub Pages]\n    types: [completed]")],
  ["untrusted-checkout", "pull-request.yml", "the pull request's head commit", (s) => plant(s, "          fetch-depth: 0\n", "          fetch-depth: 0\n          ref: ${{ github.event.pull_request.head.sha }}\n")],
  ["untrusted-checkout", "pull-request.yml", "the pull request's branch", (s) => plant(s, "          fetch-depth: 0\n", "          fetch-depth: 0\n          ref: ${{ github.head_ref }}\n")],
  ["template-injection", "deploy.yml", "a step output", (s) => plant(s, PAGES_BUILD, 'run: npm run build -- --path-prefix "${{ steps.pages.outputs.base_path }}/"')],
  ["template-injection", "pull-request.yml", "the branch name", (s) => plant(s, '"origin/$BASE_REF...HEAD"', '"origin/${{ github.base_ref }}...${{ github.head_ref }}"')],
  ["template-injection", "pull-request.yml", "the title", (s) => plant(s, "run: npm run --silent check -- --format github", 'run: echo "${{ github.event.pull_request.title }}"')],
  ["template-injection", "deploy.yml", "an input", (s) => plant(s, PAGES_BUILD, "run: npm run build -- ${{ inputs.flags }}")],
  ["template-injection", "pull-request.yml", "github-script", (s) => s + "      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1\n        with:\n          script: console.log('${{ github.event.pull_request.body }}')\n"],
  ["artipacked", "pull-request.yml", "persist-credentials left out", (s) => plant(s, "          persist-credentials: false\n", "")],
  ["artipacked", "deploy.yml", "persist-credentials: true", (s) => plant(s, "persist-credentials: false", "persist-credentials: true")],
  ["secrets-inherit", "deploy.yml", "secrets: inherit", (s) => s + "  reuse:\n    uses: ./.github/workflows/other.yml\n    permissions:\n      contents: read\n    secrets: inherit\n"],
];

describe("zizmor-style rules over the workflows", () => {
  it("every workflow passes every rule", async () => {
    const names = (await readdir(WORKFLOWS)).filter((n) => /\.ya?ml$/.test(n)).sort();
    expect(names).toEqual(expect.arrayContaining(["deploy.yml", "pull-request.yml"]));
    for (const name of names) expect(audit(await read(name), name), name).toEqual([]);
  });

  it("Forgejo's workflows pass every rule too", async () => {
    const dir = join(PROJECT, ".forgejo/workflows");
    const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
    expect(names).toEqual(["deploy.yml", "pull-request.yml"]);
    for (const name of names) expect(audit(await readFile(join(dir, name), "utf8"), name), name).toEqual([]);
  });

  it.each(PLANTED)("%s catches it in %s: %s", async (rule, name, _what, change) => {
    const source = await read(name);
    const planted = change(source);
    expect(planted).not.toBe(source);
    expect(parseDocument(planted).errors, "the planted workflow is valid YAML").toEqual([]);
    const findings = audit(planted, name);
    expect(findings.length, JSON.stringify(findings)).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.rule)), JSON.stringify(findings)).toEqual(new Set([rule]));
  });

  it("every rule is shown to fail", () => {
    const rules: Rule[] = ["unpinned-uses", "excessive-permissions", "dangerous-triggers", "untrusted-checkout", "template-injection", "artipacked", "secrets-inherit"];
    expect(new Set(PLANTED.map(([rule]) => rule))).toEqual(new Set(rules));
  });

  it("says where and why", async () => {
    const [finding] = audit(plant(await read("deploy.yml"), "persist-credentials: false", "persist-credentials: true"), "deploy.yml");
    expect(finding).toEqual({
      rule: "artipacked",
      where: "deploy.yml: jobs.build.steps[0].with",
      message: "actions/checkout without persist-credentials: false keeps the token in .git/config",
    });
  });

  it("accepts what is safe: env: for values, local actions, a job's own read scopes, none", () => {
    const ok = [
      "on: push",
      "permissions: {}",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-24.04",
      "    permissions:",
      "      contents: read",
      "      issues: none",
      "    steps:",
      "      - uses: ./.github/actions/local",
      "      - env:",
      "          REF: ${{ github.head_ref }}",
      '        run: echo "$REF"',
      "      - uses: docker://alpine@sha256:" + "a".repeat(64),
      "",
    ].join("\n");
    expect(audit(ok)).toEqual([]);
  });
});
