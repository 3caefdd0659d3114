// Signing through the GitHub issue form: `npm run sign -- --from-issue EVENT.json` reads an `issues` event
// shaped like GitHub's (the body as the form renders it, `_No response_` for empty answers) and reports,
// writes the signatory file, or takes an approval back, without GitHub.
import { existsSync } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import { CONSENT, WITHDRAW_CONSENT, decide, issueFormYaml, parseIssueBody, withdrawFormYaml, type DecideOptions, type IssueEvent } from "../src/tools/issue-form.ts";
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
    // Bound to the issue's author, as GitHub names them: the account the page shows it signed from.
    expect(decision).toEqual({ action: "write", letter: "open-letter", fields: { name: "Jane Roe", type: undefined, title: "Professor", affiliation: "**Université** de Test", github: "jdoe" } });
  });

  it("binds nothing when the author's login is not a GitHub login (a bot, a forged event)", async () => {
    const e = event("labeled", body({ Letter: LETTER, Name: "Jane Roe" }), { label: { name: "approved" } });
    e.issue.user = { login: "github-actions[bot]" };
    const decision = await decide(e, { letters, senderPermission: "admin" });
    expect(decision).toMatchObject({ action: "write" });
    expect((decision as { fields: object }).fields).not.toHaveProperty("github");
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
    expect(parse(written)).toMatchObject({ name: "Émile Durand", type: "individual", country: "FR", version: 1, github: "jdoe" });
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

/** A withdrawal issue's body as GitHub renders the withdrawal form. */
function withdrawalBody(answers: Partial<Record<"Letter" | "Name, as listed" | "Affiliation, as listed" | "Request" | "Corrected name" | "Corrected role" | "Corrected affiliation" | "Corrected web page" | "Corrected country", string>>, consent = true): string {
  const order = ["Letter", "Name, as listed", "Affiliation, as listed", "Request", "Corrected name", "Corrected role", "Corrected affiliation", "Corrected web page", "Corrected country"] as const;
  const parts = order.map((label) => `### ${label}\n\n${answers[label] ?? "_No response_"}`);
  parts.push(`### Consent\n\n- [${consent ? "X" : " "}] ${WITHDRAW_CONSENT}`);
  return parts.join("\n\n");
}

function withdrawal(action: string, text: string, author = "jdoe", extra: Partial<IssueEvent> = {}, labels = ["withdrawal"]): IssueEvent {
  return { action, issue: { number: 9, title: "Withdrawal", body: text, labels: labels.map((name) => ({ name })), user: { login: author } }, sender: { login: author }, ...extra };
}

describe("the withdrawal form", () => {
  const all = [...letters, { slug: "draft-letter", title: "A draft", status: "draft" as const }];

  it("offers every letter that can have signatures, says what a withdrawal does, and links the privacy page", () => {
    const form = parse(withdrawFormYaml(all, { url: "https://letters.example.org", pathPrefix: "/", lang: "en" })) as { labels: string[]; body: Array<{ type: string; id?: string; attributes: { value?: string; options?: unknown[] } }> };
    expect(form.labels).toEqual(["withdrawal"]);
    expect(form.body.find((q) => q.id === "letter")!.attributes.options).toEqual([LETTER, "closed-letter: A closed letter"]);
    expect(form.body.find((q) => q.id === "request")!.attributes.options).toEqual(["Withdraw my signature", "Correct my signature"]);
    const intro = form.body[0]!.attributes.value!;
    expect(intro).toContain("bound to your GitHub account");
    expect(intro).toContain("a maintainer first confirms");
    expect(intro).toContain("https://letters.example.org/privacy/");
    expect(JSON.stringify(form.body.find((q) => q.id === "consent"))).toContain('"required":true');
  });

  it("and the sign form say what is published, that the account shows, how to withdraw, and where the privacy page is", () => {
    const sign = parse(issueFormYaml(letters, { url: "https://letters.example.org", pathPrefix: "/open/", lang: "en" })) as { body: Array<{ attributes: { value?: string } }> };
    const intro = sign.body[0]!.attributes.value!;
    expect(intro).toContain("published with the letter");
    expect(intro).toContain("signed from @you");
    expect(intro).toContain("Withdraw or correct a signature");
    expect(intro).toContain("https://letters.example.org/open/privacy/");
    expect(CONSENT).toContain("I can withdraw my signature later");
    // Without site.yaml's url there is no address GitHub could link: the page is named instead.
    expect(issueFormYaml(letters)).toContain("privacy page (/privacy/)");
  });
});

describe("what the bot does with a withdrawal issue", () => {
  const bound: DecideOptions["lookup"] = async (_, request) => (request.name === "Jane Roe" ? { name: "Jane Roe", github: "JDoe" } : request.name === "Ann Other" ? { name: "Ann Other" } : { problem: `No signature is named "${request.name}".` });
  const options = (extra: Partial<DecideOptions> = {}): DecideOptions => ({ letters, lookup: bound, ...extra });
  const withdraw = withdrawalBody({ Letter: LETTER, "Name, as listed": "Jane Roe", Request: "Withdraw my signature" });

  it("withdraws at once a signature bound to the issue's author (logins ignore case)", async () => {
    expect(await decide(withdrawal("opened", withdraw), options())).toEqual({ action: "withdraw", letter: "open-letter", signature: { name: "Jane Roe" } });
  });

  it("asks a maintainer to confirm when the signature is bound to another account, or to none, and applies it once they approve", async () => {
    const stranger = await decide(withdrawal("opened", withdraw, "mallory"), options());
    expect(stranger).toMatchObject({ action: "report", ok: true });
    expect((stranger as { report: string }).report).toContain("bound to another GitHub account");
    expect((stranger as { report: string }).report).toContain("a maintainer must first confirm");
    const unbound = await decide(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "Ann Other", Request: "Withdraw my signature" }), "ann"), options());
    expect((unbound as { report: string }).report).toContain("not bound to a GitHub account");
    const approved = await decide(withdrawal("labeled", withdraw, "mallory", { label: { name: "approved" }, sender: { login: "maintainer" } }), options({ senderPermission: "maintain" }));
    expect(approved).toMatchObject({ action: "withdraw" });
    for (const permission of ["read", "triage", undefined]) {
      expect((await decide(withdrawal("labeled", withdraw, "mallory", { label: { name: "approved" } }), options({ senderPermission: permission }))).action, String(permission)).toBe("unapprove");
    }
    expect((await decide(withdrawal("edited", withdraw, "mallory", {}, ["withdrawal", "approved"]), options())).action).toBe("unapprove");
  });

  it("corrects with the values given, each checked as a signature is", async () => {
    const correction = withdrawalBody({ Letter: LETTER, "Name, as listed": "Jane Roe", Request: "Correct my signature", "Corrected role": "Professor", "Corrected web page": "javascript:alert(1)" });
    const refused = await decide(withdrawal("opened", correction), options());
    expect(refused).toMatchObject({ action: "report", ok: false });
    expect((refused as { report: string }).report).toMatch(/Corrected web page: .*https:\/\//);
    const fine = withdrawalBody({ Letter: LETTER, "Name, as listed": "Jane Roe", Request: "Correct my signature", "Corrected name": "Jane Q. Roe", "Corrected role": "Professor" });
    expect(await decide(withdrawal("opened", fine), options())).toEqual({ action: "correct", letter: "open-letter", signature: { name: "Jane Roe" }, set: { name: "Jane Q. Roe", title: "Professor" } });
    const empty = await decide(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "Jane Roe", Request: "Correct my signature" })), options());
    expect((empty as { report: string }).report).toContain("fill in at least one of the corrected values");
  });

  it("says what is missing: the box, the request, a signature the letter does not list, with no markup from the answers", async () => {
    const decision = await decide(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "@everyone <b>x</b>" }, false)), options());
    const report = (decision as { report: string }).report;
    expect(report).toContain("Tick the box");
    expect(report).toContain("Request: choose");
    const missing = await decide(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "@everyone <b>x</b>", Request: "Withdraw my signature" })), options());
    expect((missing as { report: string }).report).toContain("No signature is named");
    expect((missing as { report: string }).report).not.toMatch(/(^|[^\\])[@<]/);
  });
});

describe("npm run sign -- --from-issue with the withdrawal form", () => {
  let root: string;
  let dir: string;
  const run = async (e: IssueEvent, permission = "none") => {
    const file = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(e));
    const [report, outputs, files] = [join(dir, "report.md"), join(dir, "outputs.txt"), join(dir, "files")];
    await writeFile(outputs, "");
    const result = await runScript("sign.ts", ["--from-issue", file, "--root", root, "--permission", permission, "--report", report, "--outputs", outputs, "--files", files]);
    return { ...result, report: existsSync(report) ? await readFile(report, "utf8") : "", outputs: await readFile(outputs, "utf8"), files: existsSync(files) ? (await readFile(files, "utf8")).split("\0").filter(Boolean) : [] };
  };
  beforeEach(async () => {
    dir = await tempDir();
    root = join(dir, "root");
    await cp(fixture("signing"), root, { recursive: true });
    await writeFile(join(root, "letters/open-letter/signatories/emile-durand.yaml"), 'name: "Émile Durand"\ntype: "individual"\ngithub: jdoe\n');
  });

  it("corrects the signature of the account that asks, writing stranger's text as quoted YAML, and refuses another's", async () => {
    const hostile = 'Émile "Milo": Durand #1';
    const misspelt = await run(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "Emile Durand", Request: "Correct my signature", "Corrected name": hostile })));
    // The near name, which the page shows anyway; never the file and line, which the command line shows.
    expect(misspelt.report).toContain('No signature is named "Emile Durand". Did you mean "Émile Durand"?');
    expect(misspelt.report).not.toContain("letters/");
    const ask = withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "Émile Durand", Request: "Correct my signature", "Corrected name": hostile }));
    const stranger = await run({ ...ask, issue: { ...ask.issue, user: { login: "mallory" } } });
    expect(stranger.outputs).toBe("action=report\nfile=\n");
    expect(stranger.report).toContain("a maintainer must first confirm");
    const own = await run(ask);
    expect(own.code, own.stderr).toBe(0);
    expect(own.outputs).toMatch(/^action=correct\nfile=\S*emile-durand\.yaml\n$/);
    expect(own.files).toHaveLength(1);
    const written = await readFile(join(root, "letters/open-letter/signatories/emile-durand.yaml"), "utf8");
    expect(parse(written)).toEqual({ name: hostile, type: "individual", github: "jdoe" });
    // The same request again: nothing left to change, so nothing to commit.
    const again = await run(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": hostile, Request: "Correct my signature", "Corrected name": hostile })));
    expect(again.outputs).toContain("action=report");
    expect(again.report).toContain("nothing to correct");
  });

  it("withdraws the signature of the account that asks, and names the files to commit", async () => {
    const result = await run(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "Émile Durand", Request: "Withdraw my signature" }), "JDOE"));
    expect(result.code, result.stderr).toBe(0);
    expect(result.outputs).toMatch(/^action=withdraw\nfile=/);
    expect(result.files.some((f) => f.endsWith("signatories/emile-durand.yaml"))).toBe(true);
    expect(parse(await readFile(join(root, "letters/open-letter/signatories/emile-durand.yaml"), "utf8"))).toHaveProperty("withdrawn");
    expect(result.report).toContain("Your signature is withdrawn");
    // Withdrawn, it is nobody's to act on again.
    const again = await run(withdrawal("opened", withdrawalBody({ Letter: LETTER, "Name, as listed": "Émile Durand", Request: "Withdraw my signature" })));
    expect(again.outputs).toContain("action=report");
    expect(again.report).toContain("No signature is named");
  }, 60000);
});
