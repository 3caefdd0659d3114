// A command's output piped to a reader that stops early (`npm run check | head -1`): the command still
// ends as it would have, with its own exit code, and prints no crash (scripts/lib/cli.ts).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT, fixture } from "./helpers/site.ts";

describe("a command whose reader stops reading", () => {
  it("exits with its own code and no stack trace", async () => {
    const child = spawn(join(PROJECT, "node_modules/.bin/tsx"), [join(PROJECT, "scripts/check.ts"), "--root", fixture("basic")], { cwd: PROJECT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy(); // the reader is gone before the first line
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(code).toBe(0);
  }, 60_000);
});
