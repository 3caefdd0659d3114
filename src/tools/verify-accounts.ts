// npm run verify-accounts: a signature bound to a GitHub account (`github: <login>`) is only as good as
// the check that put it there. A pull request may add or change such a binding only when it was opened by
// that account, by a maintainer, or by the issue bot for an issue that account opened: the bot's commits
// say whose issue it was (the trailer `Signed-from-issue-by: <login>`, written by sign-from-issue.yml,
// whose token alone pushes to the signatures branch), and only pull requests opened by the bot are read
// for it, since anyone can write a trailer in a commit of their own.
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { nameKey } from "../common/names.ts";
import { displayPath } from "../load/files.ts";
import { SIGNATORIES_DIR, isYamlFile } from "../load/signatories.ts";
import { LETTERS_DIR } from "../load/site.ts";
import { parseYaml } from "../load/yaml.ts";
import { AccountBindingError, quote, type ContentError, type Position } from "../model/errors.ts";
import { isGitHubLogin, sameLogin } from "../model/schema.ts";
import { changedFiles, extractLetters, mergeBase, trailerValues } from "./git.ts";

/** The login of pull requests opened with a workflow's GITHUB_TOKEN (the signatures bot). */
export const BOT_LOGIN = "github-actions[bot]";
/** The commit trailer the bot writes: the login of the issue's author. */
export const ISSUE_AUTHOR_TRAILER = "Signed-from-issue-by";
/**
 * GitHub's author_association values of people who can merge: the repository's owner, a member of its
 * organisation, a collaborator. (A collaborator may hold read access only; the merge itself still needs
 * write access, so a reviewer sees the binding before it counts.)
 */
export const MAINTAINER_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

export interface AccountCheckOptions {
  /** The branch the pull request goes into, e.g. origin/main. */
  base: string;
  /** Who opened the pull request (github.event.pull_request.user.login). */
  author: string;
  /** The author's author_association (OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ...). */
  association?: string;
  /** The author is a maintainer, whatever the association says. */
  maintainer?: boolean;
  /** The login whose pull requests carry the issue trailer (default github-actions[bot]). */
  bot?: string;
}

export interface AccountCheckResult {
  problems: ContentError[];
  /** Bindings the pull request adds or changes, each found allowed or not. */
  checked: number;
}

/** One `github:` of a signatory file as written, with where it is. */
interface Binding {
  login: string;
  /** id, or name and affiliation: the same signature on both sides of the pull request. */
  keys: string[];
  position: Position;
}

/** The signatory files a path can be: letters/<slug>/signatories/<name>.yaml, not hidden. */
const SIGNATORY_FILE = new RegExp(`^${LETTERS_DIR}/[^/]+/${SIGNATORIES_DIR}/[^./][^/]*$`);

export async function verifyAccounts(repo: string, options: AccountCheckOptions): Promise<AccountCheckResult> {
  const from = await mergeBase(repo, options.base);
  const files = (await changedFiles(repo, from, LETTERS_DIR)).filter((f) => SIGNATORY_FILE.test(f) && isYamlFile(f));
  if (!files.length) return { problems: [], checked: 0 };
  const bot = options.bot ?? BOT_LOGIN;
  const maintainer = options.maintainer === true || MAINTAINER_ASSOCIATIONS.has((options.association ?? "").toUpperCase());
  const baseDir = await extractLetters(repo, from);
  try {
    const before = new Map<string, Set<string>>();
    const problems: ContentError[] = [];
    let checked = 0;
    for (const file of files) {
      const letter = file.split("/")[1]!;
      const known = before.get(letter) ?? (await bindingsOfLetter(join(baseDir, LETTERS_DIR, letter, SIGNATORIES_DIR)));
      before.set(letter, known);
      const absolute = join(repo, file);
      if (!existsSync(absolute)) continue;
      const shown = displayPath(absolute);
      for (const binding of bindingsOf(await readFile(absolute, "utf8"), shown)) {
        // The same signature bound to the same account before: nothing new to trust.
        if (binding.keys.some((key) => known.has(`${key}\u0000${binding.login.toLowerCase()}`))) continue;
        checked++;
        if (sameLogin(binding.login, options.author) || maintainer) continue;
        if (options.author === bot) {
          const issueAuthors = await trailerValues(repo, from, file, ISSUE_AUTHOR_TRAILER);
          if (issueAuthors.some((login) => sameLogin(login, binding.login))) continue;
          problems.push(new AccountBindingError(shown, binding.position,
            `github: ${binding.login} binds this signature to the GitHub account @${binding.login}, but no commit of the signatures bot that touched this file says the issue was opened by @${binding.login} (trailer "${ISSUE_AUTHOR_TRAILER}: ${binding.login}").`,
            `The bot writes github: from the issue's author only; remove the line, or have a maintainer confirm the account.`));
          continue;
        }
        problems.push(new AccountBindingError(shown, binding.position,
          `github: ${binding.login} binds this signature to the GitHub account @${binding.login}, but this pull request was opened by ${quote(options.author)}, who is not a maintainer.`,
          `Only @${binding.login} can bind a signature to their own account: they open the pull request themselves (or sign through the issue form), or a maintainer adds the line. Otherwise remove the github: line.`));
      }
    }
    return { problems, checked };
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}

/** Every binding of a letter's signatory files at the base, as `key NUL login` (login lower-cased). */
async function bindingsOfLetter(dir: string): Promise<Set<string>> {
  const known = new Set<string>();
  if (!existsSync(dir)) return known;
  for (const name of await readdir(dir)) {
    if (name.startsWith(".") || !isYamlFile(name)) continue;
    for (const b of bindingsOf(await readFile(join(dir, name), "utf8"), name)) for (const key of b.keys) known.add(`${key}\u0000${b.login.toLowerCase()}`);
  }
  return known;
}

/**
 * The `github:` values of a file, read leniently: a file that does not parse, or a login that is not
 * one, is `npm run check`'s to report (the pull request fails there), not a binding to check here.
 */
function bindingsOf(text: string, file: string): Binding[] {
  const parsed = parseYaml(text, file);
  if (parsed.problems.length) return [];
  const value = parsed.value;
  const entries: { entry: unknown; path: number[] }[] = Array.isArray(value) ? value.map((entry, i) => ({ entry, path: [i] })) : [{ entry: value, path: [] }];
  return entries.flatMap(({ entry, path }) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return [];
    const fields = entry as Record<string, unknown>;
    const login = fields.github;
    if (typeof login !== "string" || !isGitHubLogin(login)) return [];
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    const keys = [
      ...(typeof fields.id === "string" ? [`id:${fields.id}`] : []),
      ...(typeof fields.name === "string" ? [`name:${nameKey({ name: fields.name, affiliation: text(fields.affiliation) })}`] : []),
    ];
    return [{ login, keys, position: parsed.positionOf([...path, "github"]) }];
  });
}
