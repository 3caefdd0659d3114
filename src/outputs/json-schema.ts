// JSON Schemas for editors, generated from the zod schemas the loader validates with (no second source
// of truth). `npm run schemas` writes them to schemas/, a test keeps the committed files current, and the
// build publishes them under /schemas/. https://zod.dev/json-schema
import { z } from "zod";
import { frontMatterSchema, signatoryFileSchema, siteConfigSchema } from "../model/schema.ts";

export const SCHEMAS_DIR = "schemas";

const SCHEMAS = [
  { file: "signatory.schema.json", schema: signatoryFileSchema },
  { file: "front-matter.schema.json", schema: frontMatterSchema },
  { file: "site.schema.json", schema: siteConfigSchema },
] as const;

export interface GeneratedSchema {
  file: string;
  text: string;
}

export function jsonSchemas(): GeneratedSchema[] {
  return SCHEMAS.map(({ file, schema }) => {
    const json = z.toJSONSchema(schema, {
      // Draft 7: the newest draft every YAML editor plugin reads. Input side: what a person writes.
      target: "draft-7",
      io: "input",
      // Refinements (real dates, safe URLs, country codes) cannot be expressed; `check` still runs them.
      unrepresentable: "any",
    });
    return { file, text: `${JSON.stringify(json, null, 2)}\n` };
  });
}
