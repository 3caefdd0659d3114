// The sign form's script, bundled to /assets/sign.js at build time (src/eleventy/sign-script.ts). The page
// works without it (instructions and template links); with it, the form appears and fills in the file.
// No inline script anywhere, so the site can send a Content-Security-Policy without 'unsafe-inline'.
import {
  FORGES, checkFields, mailBody, mailtoUrl, newFileUrl, signatoryFileName, signatoryPath, signatoryYaml, type FieldProblemCode, type SignFields,
} from "../common/sign-fields.ts";

const FIELDS = ["name", "title", "affiliation", "url", "country"] as const;

/** The page's words for the script (src/view/sign-section.ts, SignMessages). */
interface Messages {
  problems: Partial<Record<FieldProblemCode, string>>;
  mailSubject: string;
  mailIntro: string;
  /** What is published and how to withdraw, with the privacy page's address (absent on pages from before it). */
  mailConsent?: string;
}

function messagesOf(form: HTMLFormElement): Messages {
  try {
    return JSON.parse(form.dataset.messages ?? "") as Messages;
  } catch {
    // A page cached from before data-messages: no words of its own (they all come from the catalogues), so
    // the e-mail still carries the title, the path and the file.
    return { problems: {}, mailSubject: form.dataset.title ?? "", mailIntro: "{title}\n\n{path}" };
  }
}

function init(form: HTMLFormElement): void {
  const data = form.dataset;
  const words = messagesOf(form);
  // The letter's latest released version, the text the signer is reading (absent before a first release).
  const version = data.version && /^\d+$/.test(data.version) ? Number(data.version) : undefined;
  // querySelector rather than form.elements: the same code then runs in the tests' DOM (linkedom).
  const input = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const preview = form.querySelector<HTMLElement>("[data-sign-preview]");
  const previewBox = form.querySelector<HTMLElement>("[data-sign-preview-box]");
  const mailLink = form.querySelector<HTMLAnchorElement>("[data-sign-mail]");

  const read = (): SignFields => {
    const fields: SignFields = { name: input("name")?.value ?? "", signed: new Date().toISOString().slice(0, 10), version };
    for (const key of FIELDS.slice(1)) fields[key] = input(key)?.value ?? "";
    fields.type = form.querySelector<HTMLInputElement>('input[name="type"]:checked')?.value ?? "";
    return fields;
  };
  const path = (fields: SignFields) => signatoryPath(data.folder ?? "", signatoryFileName(fields.name));
  const mail = (fields: SignFields) =>
    data.email
      ? mailtoUrl({ to: data.email, subject: words.mailSubject, body: mailBody(words.mailIntro, data.title ?? "", path(fields), signatoryYaml(fields), words.mailConsent) })
      : undefined;

  const showProblems = (fields: SignFields): boolean => {
    const problems = checkFields(fields);
    for (const key of [...FIELDS, "type"]) {
      const message = form.querySelector<HTMLElement>(`[data-error-for="${key}"]`);
      const problem = problems.find((p) => p.field === key);
      const field = key === "type" ? form.querySelector<HTMLElement>("fieldset") : input(key);
      field?.setAttribute("aria-invalid", problem ? "true" : "false");
      if (message) {
        message.textContent = problem ? (words.problems[problem.code] ?? problem.code) : "";
        message.hidden = !problem;
      }
    }
    const first = problems[0];
    if (first) (first.field === "type" ? form.querySelector<HTMLInputElement>('input[name="type"]') : input(first.field))?.focus();
    return problems.length === 0;
  };

  const update = () => {
    const fields = read();
    if (preview) preview.textContent = fields.name.trim() ? `${path(fields)}\n\n${signatoryYaml(fields)}` : "";
    if (previewBox) previewBox.hidden = !fields.name.trim();
    const href = mail(fields);
    if (mailLink && href) mailLink.href = href;
  };

  form.addEventListener("input", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = read();
    if (!showProblems(fields)) return;
    const target = data.repository
      ? newFileUrl({ repository: data.repository, branch: data.branch ?? "main", path: path(fields), content: signatoryYaml(fields), forge: FORGES.find((f) => f === data.forge) })
      : mail(fields);
    if (target) window.location.assign(target);
  });
  mailLink?.addEventListener("click", (event) => {
    if (!showProblems(read())) event.preventDefault();
  });
  form.hidden = false;
  // The form is now the way to sign; the manual instructions fold away (still one click away).
  const manual = form.parentElement?.querySelector("[data-sign-manual]");
  manual?.removeAttribute("open");
  update();
}

for (const form of document.querySelectorAll<HTMLFormElement>("form[data-sign-form]")) init(form);
