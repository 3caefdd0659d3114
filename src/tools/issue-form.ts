// Signing through a GitHub issue form, for signers who do not know git: .github/ISSUE_TEMPLATE/sign.yml
// asks the sign form's questions; the workflow .github/workflows/sign-from-issue.yml hands each `issues`
// event to `npm run sign -- --from-issue`, which reads the answers with the loader's own rules and says
// what to do: comment with the problems, write the signatory file once a maintainer labels the issue
// `approved`, or take the label back when the issue is edited after approval, so that what is merged is
// what was reviewed. The issue's title and body are data: they are parsed here, never run by a shell.
//
// A second form, .github/ISSUE_TEMPLATE/withdraw.yml, lets a signer withdraw or correct a signature. The
// issue's author is GitHub's word for who asks: when the signature is bound to that account (`github:`,
// which the sign route writes from the issue's author), the bot acts at once; otherwise a maintainer
// confirms with the same `approved` label.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { cleanText, type SignFields } from "../common/sign-fields.ts";
import { displayPath } from "../load/files.ts";
import { ContentError } from "../model/errors.ts";
import { isGitHubLogin, sameLogin } from "../model/schema.ts";
import type { Letter, Site, SiteConfig } from "../model/types.ts";
import { WITHDRAW_FORM_FILE, privacyAddress } from "../view/privacy-page.ts";
import { nameProblem, signatoryFieldProblem } from "./scaffold.ts";

/** The label the form gives every issue it opens: the workflow looks at no other issue. */
export const SIGNATURE_LABEL = "signature";
/** The label a maintainer adds to accept a signature. */
export const APPROVED_LABEL = "approved";
/** Where the form lives in a repository. */
export const ISSUE_FORM_PATH = ".github/ISSUE_TEMPLATE/sign.yml";
/** The label the withdrawal form gives its issues. */
export const WITHDRAWAL_LABEL = "withdrawal";
/** Where the withdrawal form lives. */
export const WITHDRAW_FORM_PATH = `.github/ISSUE_TEMPLATE/${WITHDRAW_FORM_FILE}`;
/** What GitHub writes for an optional question left empty. */
const NO_RESPONSE = "_No response_";
/** Repository permissions that may approve (GitHub's collaborator permission levels). */
const MAINTAINERS = new Set(["admin", "maintain", "write"]);

export const CONSENT =
  "My name, role and affiliation will be published with the letter, on its web pages, in its PDF and in its public repository, with my GitHub account as the one I signed from. I can withdraw my signature later by opening another issue.";

/** The withdrawal form's confirmation. */
export const WITHDRAW_CONSENT =
  "This is my own signature (or my organisation's, which I may speak for). A withdrawn name leaves every page, list and later edition of the PDF; copies already downloaded or sent cannot be called back.";

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

/** Requests the withdrawal form offers, as its dropdown says them. */
const REQUESTS = { "Withdraw my signature": "withdraw", "Correct my signature": "correct" } as const;

/** The withdrawal form's questions: which signature (as listed), what to do, and the corrected values. */
const WITHDRAW_QUESTIONS = [
  { id: "letter", label: "Letter", kind: "dropdown", required: true, description: "The letter you signed." },
  { id: "name", label: "Name, as listed", kind: "input", required: true, description: "Your name as the letter lists it." },
  { id: "affiliation", label: "Affiliation, as listed", kind: "input", required: false, description: "Only if two signatories have your name." },
  { id: "request", label: "Request", kind: "dropdown", required: true, options: Object.keys(REQUESTS) },
  { id: "new_name", label: "Corrected name", kind: "input", required: false, description: "To correct: the name as it should be printed." },
  { id: "new_title", label: "Corrected role", kind: "input", required: false },
  { id: "new_affiliation", label: "Corrected affiliation", kind: "input", required: false },
  { id: "new_url", label: "Corrected web page", kind: "input", required: false, description: "https://…" },
  { id: "new_country", label: "Corrected country", kind: "input", required: false, description: "Two-letter code, e.g. BE." },
] as const;

type WithdrawQuestionId = (typeof WITHDRAW_QUESTIONS)[number]["id"];
/** The fields a correction may set, by question. */
const CORRECTABLE = { new_name: "name", new_title: "title", new_affiliation: "affiliation", new_url: "url", new_country: "country" } as const;
export type Correction = Partial<Record<(typeof CORRECTABLE)[keyof typeof CORRECTABLE], string>>;

interface Question {
  id: string;
  label: string;
  kind: string;
  required: boolean;
  description?: string;
  options?: readonly string[];
}

/** A form as GitHub's issue-form schema writes it: the intro, the questions, the confirmation. */
function formYaml(form: { name: string; description: string; title: string; label: string; intro: string; questions: readonly Question[]; letters: string[]; consent: string }): string {
  const body: unknown[] = [
    { type: "markdown", attributes: { value: form.intro } },
    ...form.questions.map((q) => ({
      type: q.kind,
      id: q.id,
      attributes: {
        label: q.label,
        ...(q.description !== undefined ? { description: q.description } : {}),
        ...(q.id === "letter" ? { options: form.letters } : q.options ? { options: [...q.options] } : {}),
      },
      validations: { required: q.required },
    })),
    { type: "checkboxes", id: "consent", attributes: { label: "Consent", options: [{ label: form.consent, required: true }] } },
  ];
  const yaml = { name: form.name, description: form.description, title: form.title, labels: [form.label], body };
  return `# Written by npm run issue-form from the letters; npm run check says when it is out of date.\n${stringify(yaml, { lineWidth: 0 })}`;
}

/** Where the privacy page is, for a form: a sentence with its address. */
function privacySentence(config: Pick<SiteConfig, "url" | "pathPrefix" | "lang"> | undefined): string {
  // Only an absolute address is a link on GitHub; without site.yaml's url the sentence names the page.
  return config?.url ? ` What is published and how to withdraw: ${privacyAddress(config)}` : " The site's privacy page (/privacy/) says what is published and how to withdraw.";
}

/** A letter as the form's dropdown offers it: "slug: Title", the slug first so the answer names the folder. */
const letterOption = (letter: Pick<Letter, "slug" | "title">) => `${letter.slug}: ${cleanText(letter.title)}`;

/** The form for the letters that take signatures, as .github/ISSUE_TEMPLATE/sign.yml holds it. */
export function issueFormYaml(letters: ReadonlyArray<Pick<Letter, "slug" | "title" | "status"> & { releases?: readonly unknown[] }>, config?: Pick<SiteConfig, "url" | "pathPrefix" | "lang">): string {
  // Only letters a reader can see: open, and released (an unreleased letter is not on the site yet).
  const open = letters.filter((l) => l.status === "open" && (l.releases === undefined || l.releases.length > 0)).map(letterOption);
  return formYaml({
    name: "Sign a letter",
    description: "Add your signature to an open letter.",
    title: "Signature",
    label: SIGNATURE_LABEL,
    intro: `Sign without a GitHub pull request: answer these questions. A maintainer checks the signature and adds it; the bot comments here if something needs fixing. Your answers and your GitHub account (shown as "signed from @you") are published with the letter; the form "Withdraw or correct a signature" takes them back.${privacySentence(config)}`,
    questions: QUESTIONS,
    letters: open.length ? open : ["(no letter is open for signatures)"],
    consent: CONSENT,
  });
}

/** The withdrawal form, as .github/ISSUE_TEMPLATE/withdraw.yml holds it: every letter that can have signatures. */
export function withdrawFormYaml(letters: ReadonlyArray<Pick<Letter, "slug" | "title" | "status">>, config?: Pick<SiteConfig, "url" | "pathPrefix" | "lang">): string {
  const signed = letters.filter((l) => l.status !== "draft").map(letterOption);
  return formYaml({
    name: "Withdraw or correct a signature",
    description: "Take your signature back, or correct how it is printed.",
    title: "Withdrawal",
    label: WITHDRAWAL_LABEL,
    intro: `For a signature you gave. If it is bound to your GitHub account (the letter shows "signed from @you"), the bot applies your request as soon as you open this issue; otherwise a maintainer first confirms that it is yours. A withdrawn name leaves every page, list, data file and later edition of the PDF; ask the organisers to erase your details too.${privacySentence(config)}`,
    questions: WITHDRAW_QUESTIONS,
    letters: signed.length ? signed : ["(no letter has signatures)"],
    consent: WITHDRAW_CONSENT,
  });
}

/** The answers of an issue opened with the form, by question id; absent when left empty. */
export function parseIssueBody(body: string): Partial<Record<QuestionId | "consent", string>> {
  return answersOf(body, QUESTIONS);
}

/** The answers of an issue opened with the withdrawal form. */
export function parseWithdrawalBody(body: string): Partial<Record<WithdrawQuestionId | "consent", string>> {
  return answersOf(body, WITHDRAW_QUESTIONS);
}

function answersOf<Q extends readonly Question[]>(body: string, questions: Q): Partial<Record<Q[number]["id"] | "consent", string>> {
  const byLabel = new Map<string, string>();
  // "### Label" then the answer, up to the next heading of the form (a signer's own "###" stays in the answer).
  const labels = new Set<string>([...questions.map((q) => q.label), "Consent"]);
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
  const answers: Partial<Record<string, string>> = {};
  for (const q of questions) {
    const value = byLabel.get(q.label);
    if (value !== undefined && value !== NO_RESPONSE && value !== "") answers[q.id] = value;
  }
  const consent = byLabel.get("Consent");
  if (consent && /^- \[[xX]\] /m.test(consent)) answers.consent = "yes";
  return answers as Partial<Record<Q[number]["id"] | "consent", string>>;
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
  /** Approved by a maintainer and valid: write this signature (bound to the issue's author). */
  | { action: "write"; letter: string; fields: Omit<SignFields, "version"> }
  /** A withdrawal asked by the account the signature is bound to, or confirmed by a maintainer. */
  | { action: "withdraw"; letter: string; signature: SignatureRequest }
  /** A correction, asked or confirmed the same way: set these fields of the signature. */
  | { action: "correct"; letter: string; signature: SignatureRequest; set: Correction };

/** Which signature a withdrawal issue names: its name as listed, and its affiliation for namesakes. */
export interface SignatureRequest {
  name: string;
  affiliation?: string;
}

/** A signature found for a withdrawal issue: its account binding decides who may act on it. */
export interface FoundSignature {
  name: string;
  github?: string;
}

export interface DecideOptions {
  letters: ReadonlyArray<Pick<Letter, "slug" | "title" | "status">>;
  /** The repository permission of the event's sender, as GitHub's API gives it (admin, maintain, write, triage, read, none). */
  senderPermission?: string;
  /** Why a signatory like this one cannot be added (already signed, ...), or undefined. */
  duplicate?: (letter: string, fields: Omit<SignFields, "version">) => Promise<string | undefined>;
  /** The signature a withdrawal issue names (not withdrawn), or why there is none. */
  lookup?: (letter: string, request: SignatureRequest) => Promise<FoundSignature | { problem: string }>;
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
  const withdrawal = labels.has(WITHDRAWAL_LABEL) && !labels.has(SIGNATURE_LABEL);
  if (!labels.has(SIGNATURE_LABEL) && !withdrawal) {
    return { action: "ignore", reason: `the issue has no "${SIGNATURE_LABEL}" or "${WITHDRAWAL_LABEL}" label: it was not opened with the sign or withdrawal form` };
  }
  if (!["opened", "edited", "labeled"].includes(event.action)) return { action: "ignore", reason: `nothing to do on "${event.action}"` };
  if (event.action === "labeled" && event.label?.name !== APPROVED_LABEL) return { action: "ignore", reason: `the label "${event.label?.name ?? ""}" means nothing to the bot` };
  if (withdrawal) return decideWithdrawal(event, labels, options);

  const { letter, fields, problems } = await readAnswers(event.issue.body ?? "", options);
  if (event.action === "edited" && labels.has(APPROVED_LABEL)) {
    return { action: "unapprove", report: `This issue was edited after a maintainer approved it, so the approval is withdrawn: a maintainer will review the new answers and add the label \`${APPROVED_LABEL}\` again.${problems.length ? `\n\n${problemList(problems)}` : ""}` };
  }
  if (event.action === "labeled") {
    if (!MAINTAINERS.has(options.senderPermission ?? "none")) {
      return { action: "unapprove", report: `Only a maintainer (write access to the repository) can approve a signature; the label \`${APPROVED_LABEL}\` was removed.` };
    }
    if (problems.length) return { action: "report", ok: false, report: `This signature cannot be added yet.\n\n${problemList(problems)}\n\nEdit the issue to fix the answers; the bot reads them again.` };
    // The issue's author, as GitHub says it: the account the signature is made from, shown on the page.
    const author = event.issue.user?.login;
    return { action: "write", letter: letter!, fields: { ...fields!, ...(author && isGitHubLogin(author) ? { github: author } : {}) } };
  }
  if (problems.length) return { action: "report", ok: false, report: `Thank you for signing. Before a maintainer can add your signature:\n\n${problemList(problems)}\n\nEdit the issue to fix the answers; the bot reads them again.` };
  return { action: "report", ok: true, report: `Thank you for signing ${code(letter!)}. The answers are complete; a maintainer will review them and add your signature.` };
}

/** What the answers of a withdrawal issue ask, or each problem with them in plain words. */
export async function readWithdrawal(body: string, options: DecideOptions): Promise<{ letter?: string; signature?: SignatureRequest; request?: "withdraw" | "correct"; set: Correction; found?: FoundSignature; problems: string[] }> {
  const answers = parseWithdrawalBody(body);
  const problems: string[] = [];
  const slug = answers.letter?.split(":")[0]?.trim();
  const letter = options.letters.find((l) => l.slug === slug && l.status !== "draft");
  if (!answers.letter) problems.push("Choose the letter you signed.");
  else if (!letter) problems.push(`There is no letter ${code(answers.letter)}: choose one of the list.`);
  if (!answers.consent) problems.push("Tick the box to confirm that the signature is yours.");
  const name = answers.name ?? "";
  if (!name.trim() || name.includes("\n")) problems.push("Write your name as the letter lists it, on one line.");
  const request = answers.request === undefined ? undefined : REQUESTS[answers.request as keyof typeof REQUESTS];
  if (!request) problems.push(`Request: choose "Withdraw my signature" or "Correct my signature"${answers.request ? `, not ${code(answers.request)}` : ""}.`);
  const set: Correction = {};
  for (const [question, field] of Object.entries(CORRECTABLE) as [keyof typeof CORRECTABLE, keyof Correction][]) {
    const value = answers[question];
    if (value === undefined) continue;
    const label = WITHDRAW_QUESTIONS.find((q) => q.id === question)!.label;
    if (value.includes("\n")) problems.push(`${label}: write it on one line.`);
    const wrong = field === "name" ? nameProblem(value) : signatoryFieldProblem(field, value);
    if (wrong) problems.push(`${label}: ${neutral(wrong)}`);
    set[field] = value;
  }
  if (request === "correct" && !Object.keys(set).length) problems.push("To correct your signature, fill in at least one of the corrected values.");
  const signature: SignatureRequest = { name, ...(answers.affiliation ? { affiliation: answers.affiliation } : {}) };
  let found: FoundSignature | undefined;
  if (!problems.length && letter && options.lookup) {
    const result = await options.lookup(letter.slug, signature);
    if ("problem" in result) problems.push(neutral(result.problem));
    else found = result;
  }
  return { letter: letter?.slug, signature, request, set, found, problems };
}

/**
 * A withdrawal issue: applied at once when the issue's author is the account the signature is bound
 * to, otherwise once a maintainer adds `approved`; an edit after approval takes the approval back.
 */
async function decideWithdrawal(event: IssueEvent, labels: ReadonlySet<string>, options: DecideOptions): Promise<IssueDecision> {
  const { letter, signature, request, set, found, problems } = await readWithdrawal(event.issue.body ?? "", options);
  const fix = "Edit the issue to fix the answers; the bot reads them again.";
  if (event.action === "edited" && labels.has(APPROVED_LABEL)) {
    return { action: "unapprove", report: `This issue was edited after a maintainer approved it, so the approval is withdrawn: a maintainer will review the new answers and add the label \`${APPROVED_LABEL}\` again.${problems.length ? `\n\n${problemList(problems)}` : ""}` };
  }
  if (event.action === "labeled" && !MAINTAINERS.has(options.senderPermission ?? "none")) {
    return { action: "unapprove", report: `Only a maintainer (write access to the repository) can approve a request; the label \`${APPROVED_LABEL}\` was removed.` };
  }
  if (problems.length) return { action: "report", ok: false, report: `This request cannot be applied yet.\n\n${problemList(problems)}\n\n${fix}` };
  const apply: IssueDecision = request === "withdraw" ? { action: "withdraw", letter: letter!, signature: signature! } : { action: "correct", letter: letter!, signature: signature!, set };
  if (event.action === "labeled") return apply;
  // The issue's author is who GitHub says opened it; a binding written from an earlier issue or pull request by that account is its proof.
  if (found?.github && sameLogin(found.github, event.issue.user?.login)) return apply;
  const why = found?.github
    ? "This signature is bound to another GitHub account than the one that opened this issue"
    : "This signature is not bound to a GitHub account";
  return { action: "report", ok: true, report: `Thank you. ${why}, so a maintainer must first confirm that the request is yours (for instance by e-mail); they then add the label \`${APPROVED_LABEL}\` and the bot applies it.` };
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

/**
 * Warnings when the repository has the sign form and a form's list of letters (or its words) is not what
 * npm run issue-form writes now, or the withdrawal form the sign form promises is missing.
 */
export function issueFormWarnings(root: string, site: Site | undefined): ContentError[] {
  const signFile = join(root, ISSUE_FORM_PATH);
  if (!site || !existsSync(signFile)) return [];
  const forms = [
    { file: signFile, text: issueFormYaml(site.letters, site.config), what: "The sign form's list of letters is not the list of letters open for signatures, so a signer could choose a closed letter or miss a new one." },
    { file: join(root, WITHDRAW_FORM_PATH), text: withdrawFormYaml(site.letters, site.config), what: "The withdrawal form's list of letters is not the list of letters with signatures, so a signer could not choose theirs." },
  ];
  return forms.flatMap(({ file, text, what }) => {
    if (!existsSync(file)) {
      return [new StaleIssueFormError(displayPath(signFile), undefined, `The sign form tells signers they can withdraw by opening another issue, but there is no withdrawal form (${WITHDRAW_FORM_PATH}).`,
        "Run npm run issue-form to write it, and commit it.").asWarning()];
    }
    if (readFileSync(file, "utf8") === text) return [];
    return [new StaleIssueFormError(displayPath(file), undefined, what, "Run npm run issue-form to write it again, and commit it.").asWarning()];
  });
}
