// Signing through the GitHub issue form: `npm run sign -- --from-issue EVENT.json` reads an `issues` event
// shaped like GitHub's (the body as the form renders it, `_No response_` for empty answers) and reports,
// writes the signatory file, or takes an approval back, without GitHub.
import { existsSync } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import { CONSENT, decide, issueFormYaml, parseIssueBody, type IssueEvent } from "../src/tools/issue-form.ts";
import { fixture, runScript, tempDir } from "./helpers/site.ts";

const LETTER = 'open-letter: Stop "backdoors" & <script>alert(1)</script>';

/** An issue body exactly as GitHub renders the form's answers. */
function body(answers: Partial<Record<"Letter" | "Name" | "You sign as" | "Role" | "Affiliation" | "Web page" | "Country", string>>, consent = true): string {
  const order = ["Letter", "Name", "You sign as", "Role", "Affiliation", "Web page", "Country"] as const;
  const parts = order.map((label) => `### ${label}\n\n${answers[label] ?? "_No response_"}`);
  parts.push(`### Consent\n\n- [${consent ? "X" : " "}] ${CONSENT}`);
  return parts.join("\n\n");
}

function event(action: string, text: string, extra: Partial<IssueEvent> = {}, labels = ["signature"]): IssueEvent {
  return { action, issue: { number: 7, title: "Signature", body: text, labels: labels.map((name) => ({ name })), user: { login: "jdoe" } }, sender: { login: "jdoe" }, ...extra };
}

const letters = [
  { slug: "open-letter", title: 'Stop "backdoors" & <script>alert(1)</script>', status: "open" as const },
  { slug: "closed-letter", title: "A closed letter", status: "closed" as const },
];

describe("the issue form", () => {
  it("offers the letters open for signatures, and asks for consent", () => {
    const form = parse(issueFormYaml(letters)) as { labels: string[]; body: Array<{ id?: string; attributes: { options?: unknown[] } }> };
    expect(form.labels).toEqual(["signature"]);
    expect(form.body.find((q) => q.id === "letter")!.attributes.options).toEqual([LETTER]);
    expect(JSON.stringify(form.body.find((q) => q.id === "consent"))).toContain('"required":true');
    // An open letter not released yet is not on the site: not offered either.
    const unreleased = parse(issueFormYaml([...letters, { slug: "new-one", title: "New", status: "open", releases: [] }])) as typeof form;
    expect(unreleased.body.find((q) => q.id === "letter")!.attributes.options).toEqual([LETTER]);
  });

  it("reads the answers as GitHub renders them: empty ones are absent, a signer's own ### stays in the answer", () => {
    const answers = parseIssueBody(body({ Letter: LETTER, Name: "Jane Roe", Affiliation: "ACME\n### not a question", Role: "_No response_" }));
    expect(answers).toEqual({ letter: LETTER, name: "Jane Roe", affiliation: "ACME\n### not a question", consent: "yes" });
    expect(parseIssueBody(body({ Name: "X" }, false)).consent).toBeUndefined();
  });
});

describe("what the bot does with an issue", () => {
  it("thanks a complete signature and leaves it to a maintainer", async () => {
    const decision = await decide(event("opened", body({ Letter: LETTER, Name: "Jane Roe", "You sign as": "an individual", Country: "BE" })), { letters });
    expect(decision).toMatchObject({ action: "report", ok: true });
  });

  it("lists every problem in plain words: no consent, a closed letter, a bad address, a name on two lines, an unknown type", async () => {
    const decision = await decide(event("opened", body({ Letter: "closed-letter: A closed letter", Name: "Jane\nRoe", "You sign as": "a cat", "Web page": "javascript:alert(1)" }, false)), { letters });
    expect(decision.action).toBe("report");
    const report = (decision as { report: string }).report;
    expect(report).toContain("takes no more signatures");
    expect(report).toContain("Tick the consent box");
    expect(report).toContain("Write your name on one line");
    expect(report).toContain("You sign as: choose one of the list");
    expect(report).toMatch(/Web page: .*https:\/\//);
  });

  it("never lets an answer become markup, a mention or a link in its comment", async () => {
    const decision = await decide(event("opened", body({ Letter: "x`@everyone <img src=https://t.example/p> [a](https://evil.example)", Name: "" })), { letters });
    const report = (decision as { report: string }).report;
    // The letter answer is quoted as inline code, its backtick replaced: nothing closes the code span early.
    expect(report).toContain("`x'@everyone <img src=https://t.example/p> [a](https://evil.example)`");
    expect(report.split("`").length % 2).toBe(1);
  });

  it("ignores issues not opened with the form and labels other than approved", async () => {
    expect((await decide(event("opened", body({ Name: "X" }), {}, ["bug"]), { letters })).action).toBe("ignore");
    expect((await decide(event("labeled", body({ Name: "X" }), { label: { name: "help wanted" } }), { letters, senderPermission: "admin" })).action).toBe("ignore");
  });

  it("takes back an approval given by someone without write access, or followed by an edit", async () => {
    const text = body({ Letter: LETTER, Name: "Jane Roe" });
    for (const permission of ["read", "triage", "none", undefined]) {
      expect((await decide(event("labeled", text, { label: { name: "approved" } }), { letters, senderPermission: permission })).action).toBe("unapprove");
    }
    const edited = await decide(event("edited", text, {}, ["signature", "approved"]), { letters });
    expect(edited.action).toBe("unapprove");
    expect((edited as { report: string }).report).toContain("edited after a maintainer approved it");
  });

  it("writes an approved signature, with only the fields answered", async () => {
    const decision = await decide(event("labeled", body({ Letter: LETTER, Name: "Jane Roe", Role: "Professor", Affiliation: "**Université** de Test" }), { label: { name: "approved" } }), { letters, senderPermission: "maintain" });
    expect(decision).toEqual({ action: "write", letter: "open-letter", fields: { name: "Jane Roe", type: undefined, title: "Professor", affiliation: "**Université** de Test" } });
  });
});

describe("npm run sign -- --from-issue", () => {
  let root: string;
  let dir: string;
  const run = async (e: IssueEvent, permission = "write") => {
    const file = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(e));
    const report = join(dir, "report.md");
    const outputs = join(dir, "outputs.txt");
    await writeFile(outputs, "");
    const result = await runScript("sign.ts", ["--from-issue", file, "--root", root, "--permission", permission, "--report", report, "--outputs", outputs]);
    return { ...result, report: existsSync(report) ? await readFile(report, "utf8") : "", outputs: await readFile(outputs, "utf8") };
  };
  beforeEach(async () => {
    dir = await tempDir();
    root = join(dir, "root");
    await cp(fixture("signing"), root, { recursive: true });
  });

  it("writes the file when a maintainer approves, refuses the same person the second time, and writes nothing for a stranger's label", async () => {
    const approved = event("labeled", body({ Letter: LETTER, Name: "Émile Durand", "You sign as": "an individual", Country: "FR" }), { label: { name: "approved" } });
    const first = await run(approved);
    expect(first.code, first.stderr).toBe(0);
    // The path as git add takes it from the working directory (the repository's root in the workflow).
    expect(first.outputs).toMatch(/^action=write\nfile=\S*letters\/open-letter\/signatories\/emile-durand\.yaml\n$/);
    const written = await readFile(join(root, "letters/open-letter/signatories/emile-durand.yaml"), "utf8");
    expect(parse(written)).toMatchObject({ name: "Émile Durand", type: "individual", country: "FR", version: 1 });
    expect(first.report).toContain("emile-durand.yaml");

    // The same person again (another issue), approved too: refused, nothing new.
    const again = await run({ ...approved, issue: { ...approved.issue, number: 8 } });
    expect(again.outputs).toContain("action=report");
    expect(again.report).toContain("already signed");
    expect((await readdir(join(root, "letters/open-letter/signatories"))).sort()).toEqual(["emile-durand.yaml", "jane-doe.yaml"]);

    const stranger = await run(event("labeled", body({ Letter: LETTER, Name: "Other Person" }), { label: { name: "approved" } }), "read");
    expect(stranger.outputs).toBe("action=unapprove\nfile=\n");
    expect(existsSync(join(root, "letters/open-letter/signatories/other-person.yaml"))).toBe(false);
  });

  it("refuses a file that is not an issues event, without a stack trace", async () => {
    const file = join(dir, "bad.json");
    await writeFile(file, '{"hello": 1}');
    const result = await runScript("sign.ts", ["--from-issue", file, "--root", root]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('is not a GitHub "issues" event');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
