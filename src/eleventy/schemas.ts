// Eleventy plugin: publishes the committed JSON Schemas under /schemas/, so a signatory file anywhere can
// point its editor at <site>/schemas/signatory.schema.json.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SCHEMAS_DIR } from "../outputs/json-schema.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface EleventyConfigLike {
  addPassthroughCopy(copy: Record<string, string>): void;
}

export default function schemasPlugin(eleventyConfig: EleventyConfigLike): void {
  eleventyConfig.addPassthroughCopy({ [join(PROJECT, SCHEMAS_DIR)]: SCHEMAS_DIR });
}
