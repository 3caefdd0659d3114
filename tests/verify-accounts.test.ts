// npm run verify-accounts, on a real temporary git repository: a pull request may bind a signature to a
// GitHub account (`github: <login>`) only if that account, a maintainer, or the issue bot for an issue
// that account opened made it. Every case runs the command as the workflow does.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { runScript, tempDir } from "./helpers/site.ts";

const git = (cwd: string, ...args: string[]) => promisify(execFile)("git", args, { cwd });
const SIGNATORIES = "letters/open-letter/signatories";

async function repository(): Promise<string> {
  const repo = await tempDir("verify-accounts-");
  await git(repo, "init", "--quiet", "--initial-branch=main");
  await git(repo, "config", "user.name", "Test");
  await git(repo, "config", "user.email", "test@example.org");
  await mkdir(join(repo, SIGNATORIES), { recursive: true });
  await writeFile(join(repo, "letters/site.yaml"), "title: Test\n");
  await writeFile(join(repo, SIGNATORIES, "jane-doe.yaml"), "name: Jane Doe\ngithub: jane-doe\n");
  await writeFile(join(repo, SIGNATORIES, "list.yaml"), "- name: Ann Example\n- name: Bob Example\n  title: Professor\n");
  await git(repo, "add", ".");
  await git(repo, "commit", "--quiet", "-m", "Base");
  await git(repo, "switch", "--quiet", "-c", "pr");
  return repo;
}

async function commit(repo: string, files: Record<string, string>, ...message: string[]): Promise<void> {
  for (const [path, content] of Object.entries(files)) await writeFile(join(repo, SIGNATORIES, path), content);
  await git(repo, "add", ".");
  await git(repo, "commit", "--quiet", ...(message.length ? message : ["-m", "Change"]).flatMap((m) => (m.startsWith("--") ? [m] : ["-m", m])));
}

const verify = (repo: string, ...args: string[]) => runScript("verify-accounts.ts", ["--root", repo, "--base", "main", ...args]);

describe("npm run verify-accounts", () => {
  let repo: string;
  beforeEach(async () => {
    repo = await repository();
  });

  it("accepts a signature bound to the account that opened the pull request, whatever the case of the login", async () => {
    await commit(repo, { "octo-cat.yaml": "name: Octo Cat\ngithub: OctoCat\n" });
    const result = await verify(repo, "--author", "octocat");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("OK: 1 new or changed account binding(s)");
  });

  it("refuses it from anyone else, naming the file, line and column of github:, as an annotation with --format github", async () => {
    await commit(repo, { "octo-cat.yaml": "name: Octo Cat\ntype: individual\ngithub: octocat\n" });
    const text = await verify(repo, "--author", "mallory", "--association", "CONTRIBUTOR");
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`${SIGNATORIES}/octo-cat.yaml:3:9: error: github: octocat binds this signature to the GitHub account @octocat, but this pull request was opened by "mallory"`);
    expect(text.stderr).toContain("remove the github: line");
    expect(text.stderr).not.toMatch(/\n\s+at /);
    const annotations = await verify(repo, "--author", "mallory", "--format", "github");
    expect(annotations.code).toBe(1);
    expect(annotations.stdout).toMatch(new RegExp(`^::error file=${SIGNATORIES}/octo-cat.yaml,line=3,col=9,title=Account binding::github: octocat binds`, "m"));
  });

  it("lets a maintainer bind any account (an owner, member or collaborator, or --maintainer)", async () => {
    await commit(repo, { "octo-cat.yaml": "name: Octo Cat\ngithub: octocat\n" });
    for (const association of ["OWNER", "MEMBER", "COLLABORATOR"]) expect((await verify(repo, "--author", "maintainer", "--association", association)).code, association).toBe(0);
    expect((await verify(repo, "--author", "maintainer", "--maintainer")).code).toBe(0);
    expect((await verify(repo, "--author", "someone", "--association", "FIRST_TIME_CONTRIBUTOR")).code).toBe(1);
  });

  it("refuses a binding added to somebody else's entry, in a list file too", async () => {
    await commit(repo, { "list.yaml": "- name: Ann Example\n  github: mallory\n- name: Bob Example\n  title: Professor\n" });
    const result = await verify(repo, "--author", "bob");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${SIGNATORIES}/list.yaml:2:11: error: github: mallory`);
    // Mallory adding her account to Ann's entry is what the check is for: she could then withdraw Ann.
    expect((await verify(repo, "--author", "mallory")).code).toBe(0);
  });

  it("checks nothing a pull request leaves bound as it was: another field of the entry edited, or its file renamed", async () => {
    await commit(repo, { "jane-doe.yaml": "name: Jane Doe\ntitle: Professor\ngithub: jane-doe\n" });
    await git(repo, "mv", `${SIGNATORIES}/jane-doe.yaml`, `${SIGNATORIES}/jane-doe-2.yaml`);
    await git(repo, "commit", "--quiet", "-m", "Rename");
    const result = await verify(repo, "--author", "someone-else");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("OK: 0 new or changed account binding(s)");
  });

  it("refuses moving a binding to another account, even on the same entry", async () => {
    await commit(repo, { "jane-doe.yaml": "name: Jane Doe\ngithub: mallory\n" });
    expect((await verify(repo, "--author", "jane-doe")).code).toBe(1);
  });

  it("trusts the bot's commit trailer for the issue's author, and only in the bot's own pull request", async () => {
    await commit(repo, { "octo-cat.yaml": "name: Octo Cat\ngithub: octocat\n" }, "Signature from issue #7", "--trailer=Signed-from-issue-by: octocat");
    const bot = await verify(repo, "--author", "github-actions[bot]");
    expect(bot.code, bot.stderr).toBe(0);
    // Anyone can write a trailer: in a stranger's pull request it counts for nothing.
    expect((await verify(repo, "--author", "mallory")).code).toBe(1);
  });

  it("refuses a bot commit whose trailer names another account, or that has none", async () => {
    await commit(repo, { "octo-cat.yaml": "name: Octo Cat\ngithub: octocat\n" }, "Signature from issue #7", "--trailer=Signed-from-issue-by: mallory");
    await commit(repo, { "other.yaml": "name: Other Person\ngithub: other\n" }, "Signature from issue #8");
    const result = await verify(repo, "--author", "github-actions[bot]");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${SIGNATORIES}/octo-cat.yaml:2:9: error: github: octocat`);
    expect(result.stderr).toContain(`${SIGNATORIES}/other.yaml:2:9: error: github: other`);
    expect(result.stderr).toContain("Signed-from-issue-by: octocat");
  });

  it("leaves a value that is no GitHub login to npm run check, and prints it inert", async () => {
    await commit(repo, { "odd.yaml": 'name: Odd\ngithub: "x\\n::error::injected"\n' });
    const result = await verify(repo, "--author", "mallory", "--format", "github");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("::error::injected");
  });

  it("says how to fix a base it cannot find, without a stack trace", async () => {
    const result = await runScript("verify-accounts.ts", ["--root", repo, "--base", "origin/nowhere", "--author", "x"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('git cannot find "origin/nowhere"');
    expect(result.stderr).toContain("fetch-depth: 0");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
