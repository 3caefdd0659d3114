// npm run schemas: regenerate schemas/*.schema.json from src/model/schema.ts. Run it after changing a schema
// and commit the result; a test fails while the committed files are out of date.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SCHEMAS_DIR, jsonSchemas } from "../src/outputs/json-schema.ts";
import { parseFlags, runCli } from "./lib/cli.ts";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const HELP = `
Usage: npm run schemas [-- --output DIR]

Writes the JSON Schemas of signatory files, letter front matter and site.yaml, generated from
src/model/schema.ts, to schemas/ (or --output). Editors use them to validate and complete while you type.
`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(async () => {
    const { values } = parseFlags({ output: { type: "string" } });
    const dir = resolve(values.output ?? join(PROJECT, SCHEMAS_DIR));
    await mkdir(dir, { recursive: true });
    for (const { file, text } of jsonSchemas()) {
      await writeFile(join(dir, file), text);
      console.log(`wrote ${join(dir, file)}`);
    }
  }, HELP);
}
