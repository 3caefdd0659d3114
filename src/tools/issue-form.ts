// Signing through a GitHub issue form, for signers who do not know git: .github/ISSUE_TEMPLATE/sign.yml
// asks the sign form's questions; the workflow .github/workflows/sign-from-issue.yml hands each `issues`
// event to `npm run sign -- --from-issue`, which reads the answers with the loader's own rules and says
// what to do: comment with the problems, write the signatory file once a maintainer labels the issue
// `approved`, or take the label back when the issue is edited after approval, so that what is merged is
// what was reviewed. The issue's title and body are data: they are parsed here, never run by a shell.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { cleanText, type SignFields } from "../common/sign-fields.ts";
import { displayPath } from "../load/files.ts";
import { ContentError } from "../model/errors.ts";
import type { Letter, Site } from "../model/types.ts";
import { nameProblem, signatoryFieldProblem } from "./scaffold.ts";

/** The label the form gives every issue it opens: the workflow looks at no other issue. */
export const SIGNATURE_LABEL = "signature";
/** The label a maintainer adds to accept a signature. */
export const APPROVED_LABEL = "approved";
/** Where the form lives in a repository. */
export const ISSUE_FORM_PATH = ".github/ISSUE_TEMPLATE/sign.yml";
/** What GitHub writes for an optional question left empty. */
const NO_RESPONSE = "_No response_";
/** Repository permissions that may approve (GitHub's collaborator permission levels). */
const MAINTAINERS = new Set(["admin", "maintain", "write"]);

export const CONSENT =
  "My name, role and affiliation will be published with the letter, on its web pages, in its PDF and in its public repository. I can withdraw my signature later by opening another issue.";

/** The form's questions: id, the label GitHub prints as the heading of each answer, and the kind. */
const QUESTIONS = [
  { id: "letter", label: "Letter", kind: "dropdown", required: true, description: "The letter you sign." },
  { id: "name", label: "Name", kind: "input", required: true, description: "As it should be printed, e.g. Jane Doe." },
  { id: "type", label: "You sign as", kind: "dropdown", required: false, options: ["an individual", "an organisation"] },
  { id: "title", label: "Role", kind: "input", required: false, description: "For individuals, e.g. Professor." },
  { id: "affiliation", label: "Affiliation", kind: "input", required: false, description: "The organisation you belong to." },
  { id: "url", label: "Web page", kind: "input", required: false, description: "https://…" },
  { id: "country", label: "Country", kind: "input", required: false, description: "Two-letter code, e.g. BE." },
] as const;

type QuestionId = (typeof QUESTIONS)[number]["id"];

/** A letter as the form's dropdown offers it: "slug: Title", the slug first so the answer names the folder. */
const letterOption = (letter: Pick<Letter, "slug" | "title">) => `${letter.slug}: ${cleanText(letter.title)}`;

/** The form for the letters that take signatures, as .github/ISSUE_TEMPLATE/sign.yml holds it. */
export function issueFormYaml(letters: ReadonlyArray<Pick<Letter, "slug" | "title" | "status"> & { releases?: readonly unknown[] }>): string {
  // Only letters a reader can see: open, and released (an unreleased letter is not on the site yet).
  const open = letters.filter((l) => l.status === "open" && (l.releases === undefined || l.releases.length > 0)).map(letterOption);
  const body: unknown[] = [
    {
      type: "markdown",
      attributes: {
        value: "Sign without a GitHub pull request: answer these questions. A maintainer checks the signature and adds it; the bot comments here if something needs fixing.",
      },
    },
    ...QUESTIONS.map((q) => ({
      type: q.kind,
      id: q.id,
      attributes: {
        label: q.label,
        ...("description" in q ? { description: q.description } : {}),
        ...(q.id === "letter" ? { options: open.length ? open : ["(no letter is open for signatures)"] } : "options" in q ? { options: [...q.options] } : {}),
      },
      validations: { required: q.required },
    })),
    { type: "checkboxes", id: "consent", attributes: { label: "Consent", options: [{ label: CONSENT, required: true }] } },
  ];
  const form = { name: "Sign a letter", description: "Add your signature to an open letter.", title: "Signature", labels: [SIGNATURE_LABEL], body };
  return `# Written by npm run issue-form from the letters; npm run check says when it is out of date.\n${stringify(form, { lineWidth: 0 })}`;
}

/** The answers of an issue opened with the form, by question id; absent when left empty. */
export function parseIssueBody(body: string): Partial<Record<QuestionId | "consent", string>> {
  const byLabel = new Map<string, string>();
  // "### Label" then the answer, up to the next heading of the form (a signer's own "###" stays in the answer).
  const labels = new Set<string>([...QUESTIONS.map((q) => q.label), "Consent"]);
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined) byLabel.set(current, lines.join("\n").trim());
  };
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^### (.+?)\s*$/.exec(line)?.[1];
    if (heading !== undefined && labels.has(heading)) {
      flush();
      current = heading;
      lines = [];
    } else if (current !== undefined) lines.push(line);
  }
  flush();
  const answers: Partial<Record<QuestionId | "consent", string>> = {};
  for (const q of QUESTIONS) {
    const value = byLabel.get(q.label);
    if (value !== undefined && value !== NO_RESPONSE && value !== "") answers[q.id] = value;
  }
  const consent = byLabel.get("Consent");
  if (consent && /^- \[[xX]\] /m.test(consent)) answers.consent = "yes";
  return answers;
}

export interface IssueEvent {
  action: string;
  issue: { number: number; title?: string; body?: string | null; labels?: Array<{ name: string }>; user?: { login: string } };
  label?: { name: string };
  sender?: { login: string };
}

export type IssueDecision =
  /** Nothing to do: not a signature issue, or an event the workflow does not act on. */
  | { action: "ignore"; reason: string }
  /** Comment with `report` (problems, or that the answers are fine and wait for a maintainer). */
  | { action: "report"; report: string; ok: boolean }
  /** Edited after approval: take the label back and say why. */
  | { action: "unapprove"; report: string }
  /** Approved by a maintainer and valid: write this signature. */
  | { action: "write"; letter: string; fields: Omit<SignFields, "version"> };

export interface DecideOptions {
  letters: ReadonlyArray<Pick<Letter, "slug" | "title" | "status">>;
  /** The repository permission of the event's sender, as GitHub's API gives it (admin, maintain, write, triage, read, none). */
  senderPermission?: string;
  /** Why a signatory like this one cannot be added (already signed, ...), or undefined. */
  duplicate?: (letter: string, fields: Omit<SignFields, "version">) => Promise<string | undefined>;
}

const TYPES: Record<string, string> = { "an individual": "individual", "an organisation": "organization" };

/** What the answers of a signature issue are, or each problem with them in plain words. */
export async function readAnswers(body: string, options: DecideOptions): Promise<{ letter?: string; fields?: Omit<SignFields, "version">; problems: string[] }> {
  const answers = parseIssueBody(body);
  const problems: string[] = [];
  const slug = answers.letter?.split(":")[0]?.trim();
  const letter = options.letters.find((l) => l.slug === slug);
  if (!answers.letter) problems.push("Choose the letter you sign.");
  else if (!letter) problems.push(`There is no letter ${code(answers.letter)} any more: choose one of the list.`);
  else if (letter.status !== "open") problems.push(`The letter ${code(letter.slug)} takes no more signatures.`);
  if (!answers.consent) problems.push("Tick the consent box: your name is published with the letter.");
  const name = answers.name ?? "";
  if (name.includes("\n")) problems.push("Write your name on one line.");
  const nameWrong = nameProblem(name);
  if (nameWrong) problems.push(`Name: ${neutral(nameWrong)}`);
  const type = answers.type === undefined ? undefined : TYPES[answers.type];
  if (answers.type !== undefined && !type) problems.push(`You sign as: choose one of the list, not ${code(answers.type)}.`);
  const fields: Omit<SignFields, "version"> = { name, type };
  for (const field of ["title", "affiliation", "url", "country"] as const) {
    const value = answers[field];
    if (value === undefined) continue;
    if (value.includes("\n")) problems.push(`${labelOf(field)}: write it on one line.`);
    const wrong = signatoryFieldProblem(field, value);
    if (wrong) problems.push(`${labelOf(field)}: ${neutral(wrong)}`);
    fields[field] = value;
  }
  if (!problems.length && letter && options.duplicate) {
    const repeated = await options.duplicate(letter.slug, fields);
    if (repeated) problems.push(neutral(repeated));
  }
  return { letter: letter?.slug, fields, problems };
}

/** What the workflow does for one `issues` event. */
export async function decide(event: IssueEvent, options: DecideOptions): Promise<IssueDecision> {
  const labels = new Set((event.issue.labels ?? []).map((l) => l.name));
  if (!labels.has(SIGNATURE_LABEL)) return { action: "ignore", reason: `the issue has no "${SIGNATURE_LABEL}" label: it was not opened with the sign form` };
  if (!["opened", "edited", "labeled"].includes(event.action)) return { action: "ignore", reason: `nothing to do on "${event.action}"` };
  if (event.action === "labeled" && event.label?.name !== APPROVED_LABEL) return { action: "ignore", reason: `the label "${event.label?.name ?? ""}" means nothing to the bot` };

  const { letter, fields, problems } = await readAnswers(event.issue.body ?? "", options);
  if (event.action === "edited" && labels.has(APPROVED_LABEL)) {
    return { action: "unapprove", report: `This issue was edited after a maintainer approved it, so the approval is withdrawn: a maintainer will review the new answers and add the label \`${APPROVED_LABEL}\` again.${problems.length ? `\n\n${problemList(problems)}` : ""}` };
  }
  if (event.action === "labeled") {
    if (!MAINTAINERS.has(options.senderPermission ?? "none")) {
      return { action: "unapprove", report: `Only a maintainer (write access to the repository) can approve a signature; the label \`${APPROVED_LABEL}\` was removed.` };
    }
    if (problems.length) return { action: "report", ok: false, report: `This signature cannot be added yet.\n\n${problemList(problems)}\n\nEdit the issue to fix the answers; the bot reads them again.` };
    return { action: "write", letter: letter!, fields: fields! };
  }
  if (problems.length) return { action: "report", ok: false, report: `Thank you for signing. Before a maintainer can add your signature:\n\n${problemList(problems)}\n\nEdit the issue to fix the answers; the bot reads them again.` };
  return { action: "report", ok: true, report: `Thank you for signing ${code(letter!)}. The answers are complete; a maintainer will review them and add your signature.` };
}

const labelOf = (field: string) => QUESTIONS.find((q) => q.id === field)?.label ?? field;
const problemList = (problems: string[]) => problems.map((p) => `- ${p}`).join("\n");

/**
 * A stranger's text inside the bot's comment, as inline code: nothing in it is rendered as Markdown,
 * a mention, an image or a link (backticks, which could close the span, and line breaks are dropped).
 */
export function code(value: string): string {
  return `\`${cleanText(value).replace(/`/g, "'").slice(0, 200)}\``;
}

/** The loader's messages quote values "like this"; in a comment they could carry @mentions or markup, so they are neutralised. */
function neutral(message: string): string {
  return message.replace(/[@<>[\]!|*_~`\\]/g, (ch) => `\\${ch}`);
}

/** The sign form lists other letters than the ones open for signatures. */
export class StaleIssueFormError extends ContentError {}

/** A warning when the repository has the sign form and its list of letters is not the open letters'. */
export function issueFormWarnings(root: string, site: Site | undefined): ContentError[] {
  const file = join(root, ISSUE_FORM_PATH);
  if (!site || !existsSync(file)) return [];
  if (readFileSync(file, "utf8") === issueFormYaml(site.letters)) return [];
  return [
    new StaleIssueFormError(displayPath(file), undefined,
      "The sign form's list of letters is not the list of letters open for signatures, so a signer could choose a closed letter or miss a new one.",
      "Run npm run issue-form to write it again, and commit it.").asWarning(),
  ];
}
