// npm run check lints a large site in a worker thread (src/tools/lint-thread.ts): what comes back must
// be what the lint says in this thread, problem by problem (each of its own class, severity, place and
// words) and fix by fix, for fixtures full of problems and fixes of every kind.
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintSite } from "../src/tools/lint.ts";
import { lintSiteAside, receivedProblem, sentProblem } from "../src/tools/lint-thread.ts";
import { InvalidFieldError } from "../src/model/errors.ts";
import { fixture, tempDir } from "./helpers/site.ts";

const seen = (result: Awaited<ReturnType<typeof lintSite>>) => ({
  problems: result.problems.map((p) => [p.constructor.name, p.severity, p.format()]),
  fixes: result.fixes,
});

describe("the lint in a thread of its own", () => {
  for (const name of ["lint", "moderation", "misnamed"]) {
    it(`reports on the ${name} fixture exactly what the lint reports in this thread`, async () => {
      const root = join(await tempDir(), "site");
      await cp(fixture(name), root, { recursive: true });
      await rm(join(root, ".cache"), { recursive: true, force: true });
      const here = seen(await lintSite(root, { cache: false }));
      expect(here.problems.length + here.fixes.length).toBeGreaterThan(1);
      // threadFrom: 0 puts even a small site's lint in the thread.
      expect(seen(await lintSiteAside(root, { cache: false, threadFrom: 0 }))).toEqual(here);
    }, 60_000);
  }

  it("keeps a problem's class and severity across the threads", () => {
    const warning = new InvalidFieldError("letters/x/signatories/a.yaml", { line: 3, column: 7 }, "Odd.", "Fix it.").asWarning();
    const back = receivedProblem(structuredClone(sentProblem(warning)));
    expect(back).toBeInstanceOf(InvalidFieldError);
    expect(back.format()).toBe(warning.format());
    expect(back.severity).toBe("warning");
  });
});
