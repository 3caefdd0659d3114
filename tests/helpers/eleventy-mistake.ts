// Run by tests/gate.test.ts in its own process (Eleventy loads .eleventy.ts through tsx, which vitest's
// module runner cannot): hands Eleventy a site whose first document the gate would refuse, as if a build
// had got past the gate, and prints what writeSite threw as one JSON line at the end of stdout.
import { existsSync } from "node:fs";
import { resolveBuildOptions } from "../../src/build/options.ts";
import { withOutlines } from "../../src/build/reuse.ts";
import { writeSite } from "../../src/eleventy/write-site.ts";
import { loadSiteOrThrow } from "../../src/load/site.ts";
import { OpenLettersError } from "../../src/model/errors.ts";
import { buildPages } from "../../src/view/pages.ts";

const [root, staging] = process.argv.slice(2) as [string, string];
const site = await loadSiteOrThrow(root);
const options = resolveBuildOptions({ flags: { root, preview: false }, env: {}, site: site.config });
const data = withOutlines(buildPages(site, { preview: false }));
// Its PDF cannot be made: no PDF font covers Japanese.
data.documents[0] = { ...data.documents[0]!, title: "བོད་ཡིག" };
const error = await writeSite(staging, { options, loaded: { site, problems: [], data } }).then(() => undefined, (e: unknown) => e);
console.log(JSON.stringify({
  thrown: error instanceof Error ? error.constructor.name : null,
  own: error instanceof OpenLettersError,
  message: error instanceof OpenLettersError ? error.format() : String(error),
  stagingExists: existsSync(staging),
}));
