// What the "Sign this letter" section of an open letter shows: the routes the site config allows (a pull
// request on the forge, an e-mail), with links that work before any script runs, in the page's language.
import { basename } from "node:path";
import {
  fillSlots, forgeName, forgeOf, mailBody, mailtoUrl, newFileUrl, placeholdersFor, signatoryFileName, signatoryPath, signatoryYaml, type FieldProblemCode,
} from "../common/sign-fields.ts";
import { privacyAddress, privacyPath } from "./privacy-page.ts";
import type { LetterDocument } from "../describe/letter-document.ts";
import { messagesWith, type MessageKey, type Messages } from "../i18n/messages.ts";
import type { Letter, SiteConfig } from "../model/types.ts";
import type { Forge } from "../common/sign-fields.ts";

/** The words the form's script needs, in the page's language: src/browser/sign-form.ts reads them. */
export interface SignMessages {
  problems: Record<FieldProblemCode, string>;
  /** The e-mail's subject, with the title. */
  mailSubject: string;
  /** The e-mail's first lines, with slots {title} and {path} (see mailBody). */
  mailIntro: string;
  /** The signer's consent in the e-mail: what is published, how to withdraw, the privacy page's address. */
  mailConsent: string;
}

export interface SignView {
  /** Folder name of the letter under letters/, which is where new files go. */
  folder: string;
  /** letters/<folder>/signatories/ */
  directory: string;
  /** The file a signer would add, with example values, for the instructions. */
  template: string;
  exampleFile: string;
  /** Forge: repository, branch and a "create new file" link with the template (no script needed). */
  repository?: string;
  branch: string;
  /** Which forge's new-file link the form makes (the browser script builds it again from the fields). */
  forge?: Forge;
  newFileUrl?: string;
  /**
   * The forge route's words, naming the forge ("Sign on GitLab"): the button, the instructions' summary,
   * and what the forge does for a signer without write access (Forgejo and Gitea offer no fork from the
   * editor, so those signers are told to fork first).
   */
  forgeWords?: { button: string; summary: string; fork: string };
  /** E-mail route: the address and a mailto: link with the template. */
  email?: string;
  mailto?: string;
  /** Sent in the e-mail. */
  title: string;
  /** The letter's latest released version, which every signature records (none before the first release). */
  version?: number;
  /** SignMessages as JSON, for the form's data-messages attribute. */
  messages: string;
  /** The privacy page in the page's language: its link (site-relative) and its words. */
  privacy: { href: string; text: string };
}

const PROBLEM_KEYS: Record<FieldProblemCode, MessageKey> = {
  name: "signProblemName",
  type: "signProblemType",
  url: "signProblemUrl",
  country: "signProblemCountry",
  date: "signProblemDate",
  future: "signProblemFuture",
  long: "signProblemLong",
  placeholder: "signProblemPlaceholder",
};

/** What is wrong with each field, in `lang`: shown by the form, and (in English) by `npm run sign`. */
export function fieldProblemMessages(lang: string, { t }: Messages = messagesWith(undefined)): Record<FieldProblemCode, string> {
  return Object.fromEntries(Object.entries(PROBLEM_KEYS).map(([code, key]) => [code, t(lang, key)])) as Record<FieldProblemCode, string>;
}

/**
 * The sign section for a letter page (`doc` gives its language and title), or undefined when the letter
 * cannot be signed (not open, or no route configured).
 */
export function signView(letter: Letter, doc: Pick<LetterDocument, "lang" | "title">, config: SiteConfig): SignView | undefined {
  if (letter.status !== "open") return undefined;
  const repository = config.repository && /^https:\/\//.test(config.repository) ? config.repository : undefined;
  if (!repository && !config.signEmail) return undefined;
  const folder = basename(letter.dir);
  const lang = doc.lang;
  const messages = messagesWith(config.interfaceText);
  const { t } = messages;
  const version = letter.releases.at(-1)?.version;
  // No `signed:`: a static page cannot know the day it is read (the loader dates such a signature by the
  // release records); the version it shows is known, so it is written.
  const examples = placeholdersFor(lang);
  // The address as text (a template file, an e-mail): absolute when site.yaml has url.
  const privacy = privacyAddress(config, lang);
  const template = signatoryYaml({ ...examples, type: "individual", country: "BE", version }, [t(lang, "signTemplateComment"), t(lang, "signTemplatePrivacy", privacy)]);
  const exampleFile = signatoryPath(folder, signatoryFileName(examples.name ?? ""));
  const words: SignMessages = {
    problems: fieldProblemMessages(lang, messages),
    mailSubject: t(lang, "signMailSubject", doc.title),
    mailIntro: t(lang, "signMailIntro"),
    mailConsent: fillSlots(t(lang, "signMailConsent"), { privacy }),
  };
  return {
    folder,
    directory: `letters/${folder}/signatories/`,
    template,
    exampleFile,
    repository,
    branch: config.branch,
    forge: config.forge,
    forgeWords: repository ? forgeWords(lang, t, repository, config.forge) : undefined,
    newFileUrl: repository ? newFileUrl({ repository, branch: config.branch, path: exampleFile, content: template, forge: config.forge }) : undefined,
    email: config.signEmail,
    mailto: config.signEmail
      ? mailtoUrl({ to: config.signEmail, subject: words.mailSubject, body: mailBody(words.mailIntro, doc.title, exampleFile, template, words.mailConsent) })
      : undefined,
    title: doc.title,
    version,
    messages: JSON.stringify(words),
    privacy: { href: privacyPath(lang, config.lang), text: t(lang, "signPrivacyLink") },
  };
}

function forgeWords(lang: string, t: Messages["t"], repository: string, forge: Forge | undefined): NonNullable<SignView["forgeWords"]> {
  const name = forgeName(repository, forge);
  const offersFork = (forge ?? forgeOf(repository)) !== "gitea";
  return {
    button: t(lang, "signOnForge", name),
    summary: t(lang, "signHowItWorksForge", name),
    fork: t(lang, offersFork ? "signForkOffered" : "signForkFirst", name),
  };
}

