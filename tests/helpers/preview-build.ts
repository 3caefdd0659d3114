// Builds a fixture the way `npm start` does (Eleventy in serve mode: drafts shown), into a folder,
// without starting a server. Usage: tsx tests/helpers/preview-build.ts <root> <output>
import { join, resolve } from "node:path";
import Eleventy from "@11ty/eleventy";

const [root, output] = process.argv.slice(2);
const project = resolve(import.meta.dirname, "../..");
process.env.OPEN_LETTERS_ROOT = resolve(root!);
const eleventy = new Eleventy(join(project, "templates"), resolve(output!), {
  configPath: join(project, ".eleventy.ts"),
  runMode: "serve",
  quietMode: true,
});
await eleventy.write();
