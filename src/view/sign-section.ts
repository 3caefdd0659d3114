// What the "Sign this letter" section of an open letter shows: the routes the site config allows (a pull
// request on the forge, an e-mail), with links that work before any script runs.
import { basename } from "node:path";
import { mailBody, mailtoUrl, newFileUrl, signatoryPath, signatoryYaml } from "../common/sign-fields.ts";
import type { Letter, SiteConfig } from "../model/types.ts";

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
  newFileUrl?: string;
  /** E-mail route: the address and a mailto: link with the template. */
  email?: string;
  mailto?: string;
  /** Sent in the e-mail subject. */
  title: string;
}

/** The example values of the sign template; npm run check refuses a signatory file still holding one (tools/gate.ts). */
export const SIGN_EXAMPLE = {
  name: "Your Name",
  type: "individual",
  title: "Your role",
  affiliation: "Your organisation",
  url: "https://example.org/about-you",
  country: "BE",
};

/** The sign section for a letter, or undefined when it cannot be signed (not open, or no route configured). */
export function signView(letter: Letter, config: SiteConfig): SignView | undefined {
  if (letter.status !== "open") return undefined;
  const repository = config.repository && /^https:\/\//.test(config.repository) ? config.repository : undefined;
  if (!repository && !config.signEmail) return undefined;
  const folder = basename(letter.dir);
  const template = signatoryYaml(SIGN_EXAMPLE);
  const exampleFile = signatoryPath(folder, "your-name.yaml");
  return {
    folder,
    directory: `letters/${folder}/signatories/`,
    template,
    exampleFile,
    repository,
    branch: config.branch,
    newFileUrl: repository ? newFileUrl({ repository, branch: config.branch, path: exampleFile, content: template }) : undefined,
    email: config.signEmail,
    mailto: config.signEmail
      ? mailtoUrl({ to: config.signEmail, subject: `Signature: ${letter.title}`, body: mailBody(letter.title, exampleFile, template) })
      : undefined,
    title: letter.title,
  };
}
