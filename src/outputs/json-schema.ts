// JSON Schemas for editors, generated from the zod schemas the loader validates with (no second source
// of truth). `npm run schemas` writes them to schemas/, a test keeps the committed files current, and the
// build publishes them under /schemas/. https://zod.dev/json-schema
import { z } from "zod";
import { catalogues, messageKeys } from "../i18n/messages.ts";
import { versionsFileSchema } from "../model/published-schema.ts";
import { frontMatterSchema, moderationSchema, reviewedSchema, signatoryFileSchema, siteConfigSchema } from "../model/schema.ts";

/**
 * letters/i18n/<lang>.yaml: every message key, described by its English message, and no other key. Only
 * the keys: ICU syntax and placeholders are checked by `npm run check` (src/load/interface-text.ts).
 */
const interfaceTextSchema = z
  .strictObject(Object.fromEntries(messageKeys().map((key) => [key, z.string().optional().meta({ description: catalogues.en!.messages[key] })])))
  .meta({ title: "Interface text", description: "letters/i18n/<lang>.yaml: a site's own messages for one language, in ICU MessageFormat" });

export const SCHEMAS_DIR = "schemas";

const SCHEMAS = [
  { file: "signatory.schema.json", schema: signatoryFileSchema },
  { file: "front-matter.schema.json", schema: frontMatterSchema },
  { file: "site.schema.json", schema: siteConfigSchema },
  { file: "interface-text.schema.json", schema: interfaceTextSchema },
  { file: "moderation.schema.json", schema: moderationSchema },
  { file: "reviewed.schema.json", schema: reviewedSchema },
  // A file the site publishes, described as written (the output side), for those who read it.
  { file: "versions.schema.json", schema: versionsFileSchema, io: "output" },
] as const;

export interface GeneratedSchema {
  file: string;
  text: string;
}

export function jsonSchemas(): GeneratedSchema[] {
  return SCHEMAS.map((entry) => {
    const { file, schema } = entry;
    const json = z.toJSONSchema(schema, {
      // Draft 7: the newest draft every YAML editor plugin reads. Input side: what a person writes.
      target: "draft-7",
      io: "io" in entry ? entry.io : "input",
      // Refinements (real dates, safe URLs, country codes) cannot be expressed; `check` still runs them.
      unrepresentable: "any",
    });
    return { file, text: `${JSON.stringify(json, null, 2)}\n` };
  });
}
