// letters/site.yaml: settings of the whole site.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { forgeOf } from "../common/sign-fields.ts";
import { MissingLetterFileError, type ContentError } from "../model/errors.ts";
import { displayPath, readContentFile } from "./files.ts";
import { siteConfigSchema } from "../model/schema.ts";
import type { SiteConfig } from "../model/types.ts";
import { validate } from "./validate.ts";
import { parseYaml } from "./yaml.ts";

export const SITE_CONFIG_FILE = "site.yaml";
/** Signatories past which a letter page shows a summary and moves the full list to pages of its own. */
export const DEFAULT_LIST_THRESHOLD = 500;

/** The defaults with no site.yaml to read: a letter's own problems can still be found, and a problems page shown. */
export const FALLBACK_SITE_CONFIG: SiteConfig = {
  title: "", pathPrefix: "/", lang: "en", author: "", paper: "a4", branch: "main", linkIndividuals: true, listThreshold: DEFAULT_LIST_THRESHOLD,
};

export async function loadSiteConfig(lettersDir: string): Promise<{ config?: SiteConfig; problems: ContentError[] }> {
  const absolute = join(lettersDir, SITE_CONFIG_FILE);
  const file = displayPath(absolute);
  if (!existsSync(absolute)) {
    return {
      problems: [
        new MissingLetterFileError(file, undefined, "The site configuration file is missing.",
          `Create ${file} with at least "title: <name of the site>".`),
      ],
    };
  }
  const read = await readContentFile(absolute);
  if (read.problem) return { problems: [read.problem] };
  const parsed = parseYaml(read.text, file);
  if (parsed.problems.length) return { problems: parsed.problems };
  const { data, problems } = validate(siteConfigSchema, parsed.value ?? {}, { file, positionOf: parsed.positionOf });
  if (!data) return { problems };
  return {
    problems,
    config: {
      title: data.title,
      description: data.description,
      url: data.url?.replace(/\/+$/, ""),
      pathPrefix: data.path_prefix ?? "/",
      lang: data.lang ?? "en",
      author: data.author ?? data.title,
      repository: data.repository?.replace(/\/+$/, ""),
      paper: data.paper ?? "a4",
      branch: data.branch ?? "main",
      forge: data.forge ?? (data.repository ? forgeOf(data.repository) : undefined),
      signEmail: data.sign_email,
      linkIndividuals: data.link_individuals ?? true,
      listThreshold: data.list_threshold ?? DEFAULT_LIST_THRESHOLD,
      ...(data.embed_origins ? { embedOrigins: [...new Set(data.embed_origins)] } : {}),
    },
  };
}
